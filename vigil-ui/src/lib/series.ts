// Chart data: turning a columnar range response into aligned lines, and folding live points from
// the stream into them. Pure functions, so the live behaviour is unit-tested without a browser.
import type { Point, RangeResponse, Tags } from '../api';
import type { Unit } from './format';

/** What one graph shows: one range query, drawn as one line per (split tag value, field). */
export interface ChartSpec {
  /** Stable id: the container's data-testid is `chart-<name>`. */
  name: string;
  title: string;
  measurement: string;
  fields: string[];
  unit: Unit;
  /** Exact tag matches, sent to the server as `tag=k:v`. */
  tags?: Tags;
  /** Tag whose values get a line each (cpu core, mount, device, interface). */
  splitBy?: string;
  /** Client-side filter for what the query language cannot say, e.g. "every cpu but total". */
  accept?: (tags: Tags) => boolean;
  /** Sparse samples (check runs): mark each one, and hold a value until the next (stepped). */
  sparse?: boolean;
}

/**
 * `undefined` marks "this line has no sample at this x" (uPlot joins over it), `null` a real gap
 * the server reported (uPlot breaks the line there).
 */
export type Value = number | null | undefined;

export interface Line {
  key: string;
  label: string;
  avg: Value[];
  min: Value[];
  max: Value[];
}

/** Lines aligned on one shared, ascending x axis of epoch milliseconds. */
export interface SeriesTable {
  xs: number[];
  lines: Line[];
}

export const EMPTY_TABLE: SeriesTable = { xs: [], lines: [] };

const FIELD_LABELS: Record<string, string> = {
  user_pct: 'user',
  system_pct: 'system',
  iowait_pct: 'iowait',
  steal_pct: 'steal',
  used_pct: 'used',
  used_bytes: 'used',
  available_bytes: 'available',
  free_bytes: 'free',
  read_bytes_ps: 'read',
  write_bytes_ps: 'write',
  busy_pct: 'busy',
  rx_bytes_ps: 'rx',
  tx_bytes_ps: 'tx',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field.replace(/_/g, ' ');
}

function matches(spec: ChartSpec, tags: Tags): boolean {
  for (const [k, v] of Object.entries(spec.tags ?? {})) {
    if (tags[k] !== v) return false;
  }
  return spec.accept ? spec.accept(tags) : true;
}

function lineIdentity(spec: ChartSpec, tags: Tags, field: string): { key: string; label: string } {
  if (spec.splitBy === undefined) {
    return { key: field, label: fieldLabel(field) };
  }
  const part = tags[spec.splitBy] ?? '?';
  return {
    key: `${part}\u0000${field}`,
    label: spec.fields.length > 1 ? `${part} ${fieldLabel(field)}` : part,
  };
}

/** Orders lines by split value (numerically where possible: cpu 2 before cpu 10), then by field order. */
function sortLines(spec: ChartSpec, lines: Line[]): Line[] {
  const collator = new Intl.Collator('en', { numeric: true });
  return lines.sort((a, b) => {
    const [pa = '', fa = ''] = a.key.split('\u0000');
    const [pb = '', fb = ''] = b.key.split('\u0000');
    if (spec.splitBy === undefined) return spec.fields.indexOf(pa) - spec.fields.indexOf(pb);
    return collator.compare(pa, pb) || spec.fields.indexOf(fa) - spec.fields.indexOf(fb);
  });
}

/** Aligns the response's series (each with its own timestamps) onto one x axis. */
export function tableFromRange(spec: ChartSpec, response: RangeResponse): SeriesTable {
  const xsSet = new Set<number>();
  const wanted = response.series.filter((s) => matches(spec, s.tags ?? {}));
  for (const s of wanted) for (const t of s.timestamps) xsSet.add(t);
  const xs = [...xsSet].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const byKey = new Map<string, Line>();
  for (const s of wanted) {
    for (const field of spec.fields) {
      const cols = s.fields[field];
      if (!cols) continue;
      const { key, label } = lineIdentity(spec, s.tags ?? {}, field);
      let line = byKey.get(key);
      if (!line) {
        line = { key, label, avg: new Array<Value>(xs.length), min: new Array<Value>(xs.length), max: new Array<Value>(xs.length) };
        byKey.set(key, line);
      }
      s.timestamps.forEach((t, i) => {
        const at = index.get(t)!;
        line.avg[at] = cols.avg[i] ?? null;
        line.min[at] = cols.min?.[i] ?? cols.avg[i] ?? null;
        line.max[at] = cols.max?.[i] ?? cols.avg[i] ?? null;
      });
    }
  }
  return { xs, lines: sortLines(spec, [...byKey.values()]) };
}

/** Where x belongs in ascending xs: its index if present, else where to insert it. */
function locate(xs: number[], x: number): { at: number; found: boolean } {
  // Live points almost always land at or after the end, so look there first.
  const last = xs.length - 1;
  if (last < 0 || x > xs[last]!) return { at: xs.length, found: false };
  if (x === xs[last]) return { at: last, found: true };
  let lo = 0;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return { at: lo, found: xs[lo] === x };
}

/**
 * Returns a new table with the matching live points added and everything before `windowStart`
 * dropped, so a chart following "now" slides instead of growing. Raw points have no spread, so
 * their min and max equal the value.
 */
export function mergeLivePoints(spec: ChartSpec, table: SeriesTable, points: Point[], windowStart: number): SeriesTable {
  const xs = [...table.xs];
  const lines = table.lines.map((l) => ({ ...l, avg: [...l.avg], min: [...l.min], max: [...l.max] }));
  const byKey = new Map(lines.map((l) => [l.key, l]));
  let added = false;
  for (const p of points) {
    if (p.measurement !== spec.measurement || p.timestamp < windowStart || !matches(spec, p.tags)) continue;
    for (const field of spec.fields) {
      const value = p.fields[field];
      if (typeof value !== 'number') continue;
      const { at, found } = locate(xs, p.timestamp);
      if (!found) {
        xs.splice(at, 0, p.timestamp);
        for (const l of lines) {
          l.avg.splice(at, 0, undefined);
          l.min.splice(at, 0, undefined);
          l.max.splice(at, 0, undefined);
        }
      }
      const { key, label } = lineIdentity(spec, p.tags, field);
      let line = byKey.get(key);
      if (!line) {
        // A series that appeared since the query (a new interface, a mounted disk).
        line = { key, label, avg: new Array<Value>(xs.length), min: new Array<Value>(xs.length), max: new Array<Value>(xs.length) };
        byKey.set(key, line);
        lines.push(line);
        added = true;
      }
      line.avg[at] = value;
      line.min[at] = value;
      line.max[at] = value;
    }
  }
  let drop = 0;
  while (drop < xs.length && xs[drop]! < windowStart) drop++;
  if (drop > 0) {
    xs.splice(0, drop);
    for (const l of lines) {
      l.avg.splice(0, drop);
      l.min.splice(0, drop);
      l.max.splice(0, drop);
    }
  }
  return { xs, lines: added ? sortLines(spec, lines) : lines };
}

/** The number of drawn samples: what a browser test checks to know a graph has data. */
export function countPoints(table: SeriesTable): number {
  let n = 0;
  for (const l of table.lines) for (const v of l.avg) if (typeof v === 'number') n++;
  return n;
}

/** Newest x in the table, or null when empty. */
export function lastX(table: SeriesTable): number | null {
  return table.xs.length ? table.xs[table.xs.length - 1]! : null;
}
