// The host page's time range: a preset that ends "now" (and therefore follows live data) or a
// fixed custom interval. It lives in the route query so a view can be bookmarked or shared.

import { wallClock } from './time';

export const PRESETS = {
  '15m': 15 * 60_000,
  '1h': 60 * 60_000,
  '6h': 6 * 60 * 60_000,
  '24h': 24 * 60 * 60_000,
  '7d': 7 * 24 * 60 * 60_000,
  '30d': 30 * 24 * 60 * 60_000,
} as const;

export type Preset = keyof typeof PRESETS;

export const PRESET_IDS = Object.keys(PRESETS) as Preset[];

export const DEFAULT_PRESET: Preset = '1h';

export type RangeSelection = { kind: 'preset'; preset: Preset } | { kind: 'custom'; from: number; to: number };

/** A resolved interval in epoch ms; live when it ends now and should follow the stream. */
export interface TimeRange {
  from: number;
  to: number;
  live: boolean;
}

export function isPreset(v: unknown): v is Preset {
  return typeof v === 'string' && Object.hasOwn(PRESETS, v);
}

export function resolveRange(sel: RangeSelection, now: number): TimeRange {
  if (sel.kind === 'preset') {
    return { from: now - PRESETS[sel.preset], to: now, live: true };
  }
  return { from: sel.from, to: sel.to, live: false };
}

type Query = Record<string, unknown>;

function epochParam(v: unknown): number | null {
  if (typeof v !== 'string' || !/^\d+$/.test(v)) return null;
  return Number(v);
}

/** Reads the selection from the route query, falling back to the default on anything invalid. */
export function selectionFromQuery(query: Query): RangeSelection {
  const from = epochParam(query.from);
  const to = epochParam(query.to);
  if (from !== null && to !== null && from < to) {
    return { kind: 'custom', from, to };
  }
  return { kind: 'preset', preset: isPreset(query.range) ? query.range : DEFAULT_PRESET };
}

export function selectionToQuery(sel: RangeSelection): Record<string, string> {
  return sel.kind === 'preset' ? { range: sel.preset } : { from: String(sel.from), to: String(sel.to) };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Formats epoch ms for an <input type="datetime-local"> (the user's time zone, minute precision). */
export function toLocalInput(ms: number): string {
  const [y, mo, d, h, mi] = wallClock(ms);
  return `${y}-${pad(mo!)}-${pad(d!)}T${pad(h!)}:${pad(mi!)}`;
}

/** Parses a datetime-local value (the user's time zone) to epoch ms, or null when empty or malformed. */
export function fromLocalInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const wanted = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  if (Number.isNaN(wanted)) return null;
  // The zone's offset at that moment, found by formatting a guess and correcting (twice, for DST edges).
  let ms = wanted;
  for (let i = 0; i < 2; i++) {
    const [wy, wmo, wd, wh, wmi, ws] = wallClock(ms);
    ms += wanted - Date.UTC(wy!, wmo! - 1, wd!, wh!, wmi!, ws!);
  }
  return ms;
}

/**
 * A live range slid to end at `now` (same length); a fixed range unchanged. For queries made
 * after the range was resolved, which would otherwise miss what arrived since.
 */
export function slideToNow(range: TimeRange, now: number): TimeRange {
  if (!range.live) return range;
  return { from: now - (range.to - range.from), to: now, live: true };
}
