// Notification routes: escalation levels as edited and as sent, and a route in one line.
import { i18n } from '../i18n';
import { unitText } from './format';

const tr = i18n.global.t;

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
  if (levels.length === 0) return tr('notify.lv.err.none');
  const out: LevelBody[] = [];
  for (const [i, l] of levels.entries()) {
    if (!/^\d+(\.\d+)?$/.test(l.afterMinutes.trim())) return tr('notify.lv.err.minutes', { n: i + 1 });
    if (l.recipients.length === 0 && l.groups.length === 0) return tr('notify.lv.err.who', { n: i + 1 });
    out.push({ afterMinutes: Number(l.afterMinutes.trim()), recipients: l.recipients.map(id), groups: l.groups.map(id) });
  }
  out.sort((a, b) => a.afterMinutes - b.afterMinutes);
  if (out[0]!.afterMinutes !== 0) return tr('notify.lv.err.first');
  for (let i = 1; i < out.length; i++) {
    if (out[i]!.afterMinutes === out[i - 1]!.afterMinutes) return tr('notify.lv.err.same');
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
      return `${unitText(l.afterMinutes, 'min')}: ${who.join(', ') || tr('notify.lv.nobody')}`;
    })
    .join(' · ');
}
