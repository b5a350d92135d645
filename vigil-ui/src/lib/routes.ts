// Notification routes: escalation levels as edited and as sent, and a route in one line.

export interface LevelDraft {
  afterMinutes: string;
  recipients: string[];
  groups: string[];
}

export interface LevelBody {
  afterMinutes: number;
  recipients: (number | string)[];
  groups: (number | string)[];
}

/** Ids as the server sent them: numbers stay numbers. */
function id(v: string): number | string {
  return /^\d+$/.test(v) ? Number(v) : v;
}

/**
 * The levels to send, sorted by delay; an error message instead when one is unusable: the first
 * level starts at 0, delays are distinct whole minutes, every level notifies someone.
 */
export function levelsToBody(levels: LevelDraft[]): LevelBody[] | string {
  if (levels.length === 0) return 'A route needs at least one level.';
  const out: LevelBody[] = [];
  for (const [i, l] of levels.entries()) {
    if (!/^\d+(\.\d+)?$/.test(l.afterMinutes.trim())) return `Level ${i + 1}: minutes must be a number.`;
    if (l.recipients.length === 0 && l.groups.length === 0) return `Level ${i + 1}: pick a recipient or a group.`;
    out.push({ afterMinutes: Number(l.afterMinutes.trim()), recipients: l.recipients.map(id), groups: l.groups.map(id) });
  }
  out.sort((a, b) => a.afterMinutes - b.afterMinutes);
  if (out[0]!.afterMinutes !== 0) return 'The first level starts after 0 minutes.';
  for (let i = 1; i < out.length; i++) {
    if (out[i]!.afterMinutes === out[i - 1]!.afterMinutes) return 'Two levels start after the same minutes.';
  }
  return out;
}

/** The next level's default delay: 15 minutes after the last one. */
export function nextLevel(levels: LevelDraft[]): LevelDraft {
  const last = Math.max(-15, ...levels.map((l) => Number(l.afterMinutes) || 0));
  return { afterMinutes: String(last + 15), recipients: [], groups: [] };
}

/** "0 min: alice, ops · 15 min: boss" with names looked up by id. */
export function levelsSummary(
  levels: { afterMinutes: number; recipients?: (number | string)[] | null; groups?: (number | string)[] | null }[] | null | undefined,
  recipientName: (id: string) => string,
  groupName: (id: string) => string,
): string {
  return [...(levels ?? [])]
    .sort((a, b) => a.afterMinutes - b.afterMinutes)
    .map((l) => {
      const who = [...(l.recipients ?? []).map((r) => recipientName(String(r))), ...(l.groups ?? []).map((g) => groupName(String(g)))];
      return `${l.afterMinutes} min: ${who.join(', ') || 'nobody'}`;
    })
    .join(' · ');
}
