// Pure helpers of the reports screen: query strings, custom date ranges in a time zone, heat-map
// colours and bar scaling.

import { zoneOffset } from './time';

export type PeriodKind = 'day' | 'week' | 'month' | 'year' | 'custom';

export interface ReportParams {
  period: PeriodKind;
  /** Epoch ms, custom only. */
  from?: number;
  to?: number;
  hosts: string[];
  groups: number[];
  fields: string[];
  tz: string;
}

export function reportQueryString(p: ReportParams): string {
  const q = new URLSearchParams({ period: p.period });
  if (p.period === 'custom') {
    if (p.from !== undefined) q.set('from', String(p.from));
    if (p.to !== undefined) q.set('to', String(p.to));
  }
  if (p.hosts.length) q.set('hosts', p.hosts.join(','));
  if (p.groups.length) q.set('groups', p.groups.join(','));
  if (p.fields.length) q.set('fields', p.fields.join(','));
  q.set('tz', p.tz);
  return q.toString();
}

/** "cpu.used_pct, mem.used_pct" -> trimmed, de-duplicated, non-empty entries. */
export function parseFields(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((s) => s.length > 0))];
}

export function isField(s: string): boolean {
  return /^[a-z][a-z0-9_]{0,62}\.[a-z][a-z0-9_]{0,62}$/.test(s);
}

/** Midnight at the start of a yyyy-MM-dd date in `zone`, as epoch ms (null for a bad date). */
export function startOfDate(date: string, zone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(guess)) return null;
  let ts = guess - zoneOffset(guess, zone);
  ts = guess - zoneOffset(ts, zone);
  return ts;
}

/** The custom range of whole days from..to (both inclusive) in `zone`. */
export function customRange(from: string, to: string, zone: string): { from: number; to: number } | null {
  const f = startOfDate(from, zone);
  const t = startOfDate(to, zone);
  if (f === null || t === null) return null;
  const end = startOfDate(nextDate(to), zone);
  return end !== null && f < end ? { from: f, to: end } : null;
}

function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Lowest and highest present cell, or null when every cell is empty. */
export function heatRange(cells: (number | null)[][]): { min: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (const row of cells) {
    for (const v of row) {
      if (v !== null && Number.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
  }
  return min <= max ? { min, max } : null;
}

/** A colour from cool (low) to hot (high); grey for an empty cell. */
export function heatColour(v: number | null, range: { min: number; max: number } | null): string {
  if (v === null || range === null) return 'rgb(236, 236, 236)';
  const f = range.max > range.min ? (v - range.min) / (range.max - range.min) : 0.5;
  const r = Math.round(51 + 204 * f);
  const g = Math.round(191 - 128 * f);
  const b = Math.round(230 - 204 * f);
  return `rgb(${r}, ${g}, ${b})`;
}

/** Bar widths in percent of the largest value (0 for missing). */
export function barWidths(values: (number | null)[]): number[] {
  const max = Math.max(0, ...values.map((v) => (v !== null && Number.isFinite(v) ? v : 0)));
  return values.map((v) => (v !== null && Number.isFinite(v) && max > 0 ? (100 * Math.max(0, v)) / max : 0));
}

export function formatStat(v: number | null | undefined): string {
  return typeof v === 'number' && Number.isFinite(v) ? (Math.round(v * 100) / 100).toFixed(2) : '–';
}

export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
