// What a dashboard panel shows: which hosts, which graphs, which values. Pure functions over API
// answers, so the renderers stay thin and this is unit-tested.
import { unitOfField } from './format';
import type { Point, RangeResponse, Tags } from '../api';
import type { Panel, PanelType } from '../dashboardsApi';
import { fieldLabel, tableFromRange, type ChartSpec, type Line, type SeriesTable, type Value } from './series';

const RANGE = /^([1-9][0-9]{0,3})([mhd])$/;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

export const RANGE_CHOICES = ['15m', '1h', '6h', '24h', '7d'] as const;

/** "15m", "6h", "7d" in milliseconds; one hour for anything unreadable. */
export function rangeMs(range: string): number {
  const m = RANGE.exec(range);
  return m ? Number(m[1]) * UNIT_MS[m[2]!]! : 3_600_000;
}

/** Tags a measurement is read with unless the panel says otherwise (the CPU total, not cores). */
export function defaultTags(measurement: string | null): Record<string, string> {
  return measurement === 'cpu' ? { cpu: 'total' } : {};
}

/** Default size of a new panel of each type, in grid cells. */
export function defaultSize(type: PanelType): { w: number; h: number } {
  switch (type) {
    case 'stat':
    case 'gauge':
      return { w: 3, h: 4 };
    case 'hostgrid':
      return { w: 12, h: 16 };
    case 'timeseries':
      return { w: 6, h: 6 };
    default:
      return { w: 6, h: 5 };
  }
}

/** A fresh id that no panel of the dashboard uses yet. */
export function newPanelId(panels: { id: string }[]): string {
  const used = new Set(panels.map((p) => p.id));
  for (let i = 1; ; i++) {
    if (!used.has(`p${i}`)) return `p${i}`;
  }
}

/**
 * The hosts a panel covers: its own list plus the visible members of its groups, in that order
 * without repeats; every visible host when it names neither.
 */
export function panelHosts(panel: Pick<Panel, 'hosts' | 'groups'>, groupMembers: Map<number, string[]>, allHosts: string[]): string[] {
  if (panel.hosts.length === 0 && panel.groups.length === 0) return [...allHosts];
  const out = new Set(panel.hosts);
  // Hosts named in the panel stay (a scoped user sees them as "no access"); a group's members are
  // listed only when the caller can see them (the host list is filtered by the caller's scope).
  const visible = new Set(allHosts);
  for (const g of panel.groups) for (const h of groupMembers.get(Number(g)) ?? []) if (visible.has(h)) out.add(h);
  return [...out];
}

/**
 * How a host-grid mini-graph folds a host's several series of a measurement into one line per
 * field: the total over interfaces or disks (network, disk I/O), or the fullest file system.
 */
export type Combine = 'sum' | 'max';

/** A host-grid mini-graph: a chart spec, and how it folds several series into one. */
export interface GridSpec extends ChartSpec {
  combine?: Combine;
}

/**
 * Devices left out of a host's disk total: device-mapper and software-RAID devices sit on top of
 * the physical disks, so adding them would count the same I/O twice.
 */
const STACKED_DISK = /^(dm-|md)\d/;

/** The mini-graphs of a host grid: its qualified fields ("net.rx_bytes_ps") grouped by measurement. */
export function hostGridSpecs(fields: string[]): GridSpec[] {
  const byMeasurement = new Map<string, string[]>();
  for (const qualified of fields) {
    const dot = qualified.indexOf('.');
    if (dot <= 0) continue;
    const m = qualified.slice(0, dot);
    const list = byMeasurement.get(m) ?? [];
    list.push(qualified.slice(dot + 1));
    byMeasurement.set(m, list);
  }
  return [...byMeasurement.entries()].map(([measurement, fs]) => {
    const spec: GridSpec = {
      name: measurement,
      title: measurement,
      measurement,
      fields: fs,
      unit: unitOfField(fs[0]!),
      tags: defaultTags(measurement),
    };
    // A column per host has room for one small graph per measurement: the host's total traffic
    // (loopback left out) and disk I/O (physical disks only), its fullest file system.
    if (measurement === 'net') Object.assign(spec, { combine: 'sum', accept: (t: Tags) => t.iface !== 'lo' });
    if (measurement === 'disk') Object.assign(spec, { combine: 'sum', accept: (t: Tags) => !STACKED_DISK.test(t.device ?? '') });
    if (measurement === 'fs') spec.combine = 'max';
    return spec;
  });
}

/** The tag that names a series of a measurement when several differ (interface, disk, mount). */
const PRIMARY_TAG: Record<string, string> = { cpu: 'cpu', fs: 'mount', disk: 'device', net: 'iface', check: 'check' };

/**
 * What tells a host's series of one answer apart: "eth0", "/var", "sda"; the empty string for
 * every series when there is only one (or the panel's tags leave one). Tags the spec fixes are
 * left out; when a measurement's naming tag alone tells the series apart, it alone is used.
 */
export function seriesLabels(spec: ChartSpec, tagsList: Tags[]): string[] {
  const fixed = spec.tags ?? {};
  const keys = [...new Set(tagsList.flatMap((t) => Object.keys(t)))].filter((k) => !(k in fixed)).sort();
  const varying = keys.filter((k) => new Set(tagsList.map((t) => t[k] ?? '')).size > 1);
  if (varying.length === 0) return tagsList.map(() => '');
  const primary = PRIMARY_TAG[spec.measurement];
  const labelOf = (t: Tags, ks: string[]) => ks.map((k) => t[k] ?? '?').join(' ');
  const distinct = (ks: string[]) => new Set(tagsList.map((t) => labelOf(t, ks))).size;
  const use = primary && varying.includes(primary) && distinct([primary]) === distinct(varying) ? [primary] : varying;
  return tagsList.map((t) => labelOf(t, use));
}

const SERIES_TAG = '\u0000series';

/** The answer's series the spec wants (its tags and its accept filter). */
function wantedSeries(spec: ChartSpec, response: RangeResponse): RangeResponse['series'] {
  return response.series.filter((s) => {
    const tags = s.tags ?? {};
    if (!Object.entries(spec.tags ?? {}).every(([k, v]) => tags[k] === v)) return false;
    return spec.accept ? spec.accept(tags) : true;
  });
}

/**
 * One host's range answer as lines: one per series and field ("eth0 rx", or "eth0" for a single
 * field) when the host has several series of the measurement, one per field when it has one.
 */
export function seriesTable(spec: ChartSpec, response: RangeResponse): SeriesTable {
  const wanted = wantedSeries(spec, response);
  const labels = seriesLabels(spec, wanted.map((s) => s.tags ?? {}));
  if (labels.every((l) => l === '')) return tableFromRange(spec, { ...response, series: wanted });
  const tagged = wanted.map((s, i) => ({ ...s, tags: { ...s.tags, [SERIES_TAG]: labels[i]! } }));
  return tableFromRange({ ...spec, accept: undefined, splitBy: SERIES_TAG }, { ...response, series: tagged });
}

/** Folds a per-series table into one line per field: the sum or the maximum at each time. */
export function combineSeries(spec: ChartSpec, table: SeriesTable, how: Combine): SeriesTable {
  const lines: Line[] = [];
  for (const field of spec.fields) {
    const parts = table.lines.filter((l) => l.key === field || l.key.endsWith(`\u0000${field}`));
    if (!parts.length) continue;
    const avg = table.xs.map((_, i) => fold(parts.map((l) => l.avg[i]), how));
    lines.push({ key: field, label: fieldLabel(field), avg, min: [...avg], max: [...avg] });
  }
  return { xs: table.xs, lines };
}

/** Sum or maximum of the numbers; null when only gaps were reported, undefined when nothing was. */
function fold(values: Value[], how: Combine): Value {
  let out: number | null = null;
  let seen = false;
  for (const v of values) {
    if (v === undefined) continue;
    seen = true;
    if (v === null) continue;
    out = out === null ? v : how === 'sum' ? out + v : Math.max(out, v);
  }
  return seen ? out : undefined;
}

/** A host-grid mini-graph's table: the host's series folded as the spec says. */
export function gridTable(spec: GridSpec, response: RangeResponse): SeriesTable {
  const table = seriesTable(spec, response);
  return spec.combine ? combineSeries(spec, table, spec.combine) : table;
}

/** At most this many lines in one timeseries panel; the legend says when more were left out. */
export const MAX_PANEL_LINES = 20;

/** The first `max` lines of a table (hosts in panel order), and how many there were. */
export function limitLines(table: SeriesTable, max = MAX_PANEL_LINES): { table: SeriesTable; total: number } {
  const total = table.lines.length;
  return { table: total > max ? { xs: table.xs, lines: table.lines.slice(0, max) } : table, total };
}

/** The chart spec of a timeseries panel for one host. */
export function panelSpec(panel: Panel): ChartSpec {
  const measurement = panel.measurement ?? '';
  const tags = Object.keys(panel.tags).length ? panel.tags : defaultTags(measurement);
  return { name: panel.id, title: panel.title, measurement, fields: panel.fields, unit: unitOfField(panel.fields[0] ?? ''), tags };
}

/**
 * One table for several hosts: each host's lines (labelled "host · eth0", "host · used") aligned
 * on the union of their timestamps.
 */
export function mergeHostTables(parts: { host: string; table: SeriesTable }[], labelHosts: boolean): SeriesTable {
  const xs = [...new Set(parts.flatMap((p) => p.table.xs))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const lines: Line[] = [];
  for (const { host, table } of parts) {
    for (const l of table.lines) {
      const line: Line = {
        key: `${host}\u0000${l.key}`,
        label: labelHosts ? `${host} · ${l.label}` : l.label,
        avg: new Array(xs.length),
        min: new Array(xs.length),
        max: new Array(xs.length),
      };
      table.xs.forEach((x, i) => {
        const at = index.get(x)!;
        line.avg[at] = l.avg[i];
        line.min[at] = l.min[i];
        line.max[at] = l.max[i];
      });
      lines.push(line);
    }
  }
  return { xs, lines };
}

/** The per-host table of a range answer: one line per series and field, folded for grid specs. */
export function hostTable(spec: ChartSpec | GridSpec, response: RangeResponse): SeriesTable {
  return 'combine' in spec && spec.combine ? gridTable(spec, response) : seriesTable(spec, response);
}

/**
 * The latest value of `field` among a host's latest points of `measurement` matching `tags`
 * (the newest when several match); null when none.
 */
export function latestValue(points: Point[] | undefined, field: string, tags: Record<string, string>): number | null {
  let best: Point | null = null;
  for (const p of points ?? []) {
    if (typeof p.fields[field] !== 'number') continue;
    if (!Object.entries(tags).every(([k, v]) => p.tags[k] === v)) continue;
    if (!best || p.timestamp > best.timestamp) best = p;
  }
  return best ? best.fields[field]! : null;
}

/** The fraction of the gauge arc a value fills, 0..1. */
export function gaugeFraction(value: number | null, min: number, max: number): number {
  if (value === null || !Number.isFinite(value) || max <= min) return 0;
  return Math.min(1, Math.max(0, (value - min) / (max - min)));
}

/** ok / warning / critical for a value against optional thresholds (higher is worse). */
export function thresholdLevel(value: number | null, warn: unknown, crit: unknown): 'ok' | 'warning' | 'critical' | 'none' {
  if (value === null) return 'none';
  if (typeof crit === 'number' && value >= crit) return 'critical';
  if (typeof warn === 'number' && value >= warn) return 'warning';
  return 'ok';
}

/** A throttle: at most one call per `ms`, the last request within a window runs at its end. */
export function throttle(fn: () => void, ms: number, clock: { now(): number; later(f: () => void, ms: number): unknown } = defaultClock): () => void {
  let last = -Infinity;
  let scheduled = false;
  return () => {
    if (scheduled) return;
    const wait = last + ms - clock.now();
    if (wait <= 0) {
      last = clock.now();
      fn();
      return;
    }
    scheduled = true;
    clock.later(() => {
      scheduled = false;
      last = clock.now();
      fn();
    }, wait);
  };
}

const defaultClock = { now: () => Date.now(), later: (f: () => void, ms: number) => setTimeout(f, ms) };

/** Agent measurements and their numeric fields (vigil-model Measurements), for the panel editor. */
export const MEASUREMENT_FIELDS: Record<string, string[]> = {
  cpu: ['used_pct', 'user_pct', 'system_pct', 'iowait_pct', 'steal_pct', 'idle_pct'],
  load: ['load1', 'load5', 'load15'],
  mem: ['used_pct', 'used_bytes', 'available_bytes', 'total_bytes'],
  swap: ['used_pct', 'used_bytes', 'free_bytes'],
  fs: ['used_pct', 'used_bytes', 'free_bytes', 'inodes_used_pct'],
  disk: ['read_bytes_ps', 'write_bytes_ps', 'busy_pct', 'read_ops_ps', 'write_ops_ps'],
  net: ['rx_bytes_ps', 'tx_bytes_ps', 'rx_errors_ps', 'tx_errors_ps'],
  tcp: ['established', 'time_wait', 'total'],
  system: ['processes', 'threads', 'uptime_s'],
};

/** Which editor inputs a panel type uses. */
export function needsFields(type: PanelType): boolean {
  return type === 'timeseries' || type === 'gauge' || type === 'stat' || type === 'table';
}

/** What a panel's data depends on (not its place on the grid): reload only when this changes. */
export function dataKey(panel: Panel, hosts: string[]): string {
  const { type, measurement, fields, tags, range, options } = panel;
  return JSON.stringify([type, measurement, fields, tags, range, options, hosts]);
}
