// The compare screen's pure logic: a compare response aligned into one chart table, series labels,
// and the unit a field's name implies.
import type { CompareResponse, CompareSeries } from '../overviewApi';
import type { Line, SeriesTable, Value } from './series';

export const MAX_COMPARE_HOSTS = 10;

/** What a series is called in the legend and the stats table: host, its tags, and "shifted". */
export function seriesLabel(s: { host: string; tags?: Record<string, string>; shifted: boolean }, shiftedWord: string): string {
  const tags = Object.values(s.tags ?? {}).join(' ');
  const base = tags ? `${s.host} ${tags}` : s.host;
  return s.shifted ? `${base} (${shiftedWord})` : base;
}

/** A stable id per series: `<host>`, plus `-shifted`, plus tag values when several series share a host. */
export function seriesId(s: { host: string; tags?: Record<string, string>; shifted: boolean }, withTags: boolean): string {
  const tags = withTags ? Object.values(s.tags ?? {}).map((v) => `-${v}`).join('') : '';
  return `${s.host}${tags}${s.shifted ? '-shifted' : ''}`;
}

/** Whether some host has more than one series of the same kind (shifted or not). */
export function needsTagIds(series: { host: string; tags?: Record<string, string>; shifted: boolean }[]): boolean {
  const seen = new Set<string>();
  for (const s of series) {
    const k = `${s.host}|${s.shifted}`;
    if (seen.has(k)) return true;
    seen.add(k);
  }
  return false;
}

/** Every series on one ascending x axis; `undefined` where a series has no sample at an x. */
export function compareTable(response: CompareResponse, shiftedWord: string): SeriesTable {
  const xsSet = new Set<number>();
  for (const s of response.series) for (const t of s.timestamps) xsSet.add(t);
  const xs = [...xsSet].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const withTags = needsTagIds(response.series);
  const lines: Line[] = response.series.map((s: CompareSeries) => {
    const avg: Value[] = new Array<Value>(xs.length).fill(undefined);
    s.timestamps.forEach((t, i) => (avg[index.get(t)!] = s.values[i] ?? null));
    return { key: seriesId(s, withTags), label: seriesLabel(s, shiftedWord), avg, min: avg, max: avg };
  });
  return { xs, lines };
}

