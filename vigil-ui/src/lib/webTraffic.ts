// The web-traffic screen's pure logic: which pool the route names, the traffic answer turned into
// chart tables (one shared x axis per answer), the load-balancing comparison with a line per host,
// the top tables' error bounds, and which stream events ask for a reload.
import type { Point } from '../api';
import type { PoolRef, StatusClass, TopRow, WebTraffic } from '../webApi';
import type { Line, SeriesTable, Value } from './series';

/** The top tables, in display order (the wire contract's dimensions). */
export const DIMENSIONS = ['url', 'client', 'referrer', 'browser', 'os', 'bot', 'vhost', 'upstream'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const STATUS_CLASSES: StatusClass[] = ['1xx', '2xx', '3xx', '4xx', '5xx'];

export const TOP_CHOICES = [5, 10, 20, 50] as const;

/** The pool a `/web` route names: `?group=<id>` or `?tag=<name=value>`; null when none. */
export function poolFromQuery(query: Record<string, unknown>): PoolRef | null {
  const group = typeof query.group === 'string' ? query.group.trim() : '';
  if (/^\d{1,18}$/.test(group)) return { kind: 'group', group };
  const tag = typeof query.tag === 'string' ? query.tag.trim() : '';
  if (/^[a-z][a-z0-9_]{0,62}[=:].+$/.test(tag)) return { kind: 'tag', tag };
  return null;
}

export function poolToQuery(ref: PoolRef): Record<string, string> {
  if (ref.kind === 'group') return { group: ref.group };
  if (ref.kind === 'tag') return { tag: ref.tag };
  return {};
}

/** A stable string for a pool, e.g. as a select's value: `group:3`, `tag:role=web`. */
export function poolId(ref: PoolRef | null): string {
  if (!ref) return '';
  if (ref.kind === 'group') return `group:${ref.group}`;
  if (ref.kind === 'tag') return `tag:${ref.tag}`;
  return `host:${ref.host}`;
}

export function poolFromId(id: string): PoolRef | null {
  if (id.startsWith('group:')) return poolFromQuery({ group: id.slice(6) });
  if (id.startsWith('tag:')) return poolFromQuery({ tag: id.slice(4) });
  return null;
}

function values(v: (number | null | undefined)[]): Value[] {
  return v.map((x) => (typeof x === 'number' ? x : null));
}

function line(key: string, label: string, v: (number | null | undefined)[]): Line {
  const avg = values(v);
  return { key, label, avg, min: avg, max: avg };
}

export interface TrafficTables {
  requests: SeriesTable;
  bandwidth: SeriesTable;
  status: SeriesTable;
  latency: SeriesTable;
}

/** The pool's graphs: requests/s, bytes/s, requests/s per status class, p50/p90/p99 latency. */
export function trafficTables(view: WebTraffic, labels: { requests: string; bandwidth: string }): TrafficTables {
  const s = view.series;
  const xs = s.timestamps;
  const latency: Line[] = [];
  for (const [field, label] of [
    ['rt_p50_ms', 'p50'],
    ['rt_p90_ms', 'p90'],
    ['rt_p99_ms', 'p99'],
  ] as const) {
    const v = s.latency[field];
    if (v && v.some((x) => typeof x === 'number')) latency.push(line(field, label, v));
  }
  return {
    requests: { xs, lines: [line('reqPerS', labels.requests, s.reqPerS)] },
    bandwidth: { xs, lines: [line('bytesPerS', labels.bandwidth, s.bytesPerS)] },
    status: { xs, lines: STATUS_CLASSES.map((c) => line(c, c, s.status[c] ?? [])) },
    latency: { xs, lines: latency },
  };
}

export interface ComparisonTables {
  requests: SeriesTable;
  p99: SeriesTable;
}

/** The load-balancing comparison: one line per server of the pool, labelled by its host name. */
export function comparisonTables(view: WebTraffic): ComparisonTables {
  const xs = view.series.timestamps;
  const servers = [...view.servers].sort((a, b) => a.host.localeCompare(b.host));
  return {
    requests: { xs, lines: servers.map((s) => line(s.host, s.host, s.reqPerS)) },
    p99: {
      xs,
      lines: servers.filter((s) => s.rtP99Ms.some((v) => typeof v === 'number')).map((s) => line(s.host, s.host, s.rtP99Ms)),
    },
  };
}

/**
 * What a top-table count can be off by: it over-counts by at most `errBound`, and periods or hosts
 * where the key missed the top K are not in it at all. `exact` when the sketches had no error.
 */
export function countBounds(row: TopRow): { low: number; high: number; exact: boolean } {
  return { low: Math.max(0, row.requests - row.errBound), high: row.requests, exact: row.errBound === 0 };
}

/** Share of all requests, in percent (0 when there were none). */
export function share(part: number, whole: number): number {
  return whole > 0 ? (100 * part) / whole : 0;
}

/** A key cut for a table cell; the whole key stays in the title. */
export function shortKey(key: string, max = 80): string {
  return key.length > max ? `${key.slice(0, max - 1)}…` : key;
}

/** Whether a stream batch may change the screen: web-log points of one of its hosts. */
export function touchesTraffic(host: string, points: Point[], hosts: readonly string[]): boolean {
  return hosts.includes(host) && points.some((p) => p.measurement === 'weblog' || p.measurement.startsWith('weblog_'));
}
