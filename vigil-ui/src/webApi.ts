// Client for the web-traffic API (docs/api.md "Web traffic", docs/weblog.md).
import { request, type Resolution } from './api';

export type StatusClass = '1xx' | '2xx' | '3xx' | '4xx' | '5xx';

/** Latency figures: the runs' request-weighted means of rt_avg/p50/p90/p99 and the maximum. */
export type LatencyField = 'rt_avg_ms' | 'rt_p50_ms' | 'rt_p90_ms' | 'rt_p99_ms' | 'rt_max_ms';

export interface WebTotals {
  requests: number;
  bytes: number;
  lines: number;
  malformed: number;
  status: Record<StatusClass, number>;
  error4xxPct: number;
  error5xxPct: number;
  reqPerS: number;
  bytesPerS: number;
  latency: Partial<Record<LatencyField, number | null>>;
}

export interface WebSeries {
  step: number;
  timestamps: number[];
  reqPerS: (number | null)[];
  bytesPerS: (number | null)[];
  status: Record<StatusClass, (number | null)[]>;
  latency: Partial<Record<LatencyField, (number | null)[]>>;
}

export interface WebServer {
  host: string;
  requests: number;
  bytes: number;
  sharePct: number;
  error5xxPct: number;
  reqPerS: (number | null)[];
  rtP99Ms: (number | null)[];
}

export interface TopRow {
  key: string;
  requests: number;
  bytes: number;
  errors: number;
  errBound: number;
  periods: number;
  firstSeen: number;
  lastSeen: number;
  rtP50Ms: number | null;
  rtP90Ms: number | null;
  rtP99Ms: number | null;
}

export interface SampleLine {
  host: string;
  log: string;
  at: number;
  line: string;
}

export type PoolKind = 'host' | 'group' | 'tag';

export interface WebTraffic {
  pool: PoolKind;
  name: string;
  hosts: string[];
  from: number;
  to: number;
  resolution: Resolution;
  logs: string[];
  totals: WebTotals;
  series: WebSeries;
  servers: WebServer[];
  statusCodes: { code: string; requests: number }[];
  methods: { method: string; requests: number }[];
  top: Record<string, TopRow[]>;
  samples: SampleLine[];
}

export interface Visitors {
  pool: PoolKind;
  name: string;
  hosts: string[];
  from: number;
  to: number;
  requests: number;
  visitors: TopRow[];
}

export interface WebPools {
  hosts: string[];
  groups: { id: number; name: string; hosts: number }[];
  tags: { tag: string; hosts: number }[];
}

/** What a web-traffic screen shows: one host, or a pool given by a host group id or a tag. */
export type PoolRef = { kind: 'host'; host: string } | { kind: 'group'; group: string } | { kind: 'tag'; tag: string };

export interface TrafficQuery {
  from: number;
  to: number;
  top?: number;
  log?: string;
}

function poolParams(ref: PoolRef): URLSearchParams {
  const p = new URLSearchParams();
  if (ref.kind === 'group') p.set('group', ref.group);
  else if (ref.kind === 'tag') p.set('tag', ref.tag);
  else p.set('host', ref.host);
  return p;
}

/** The path and query of the traffic of `ref` over `q`. */
export function trafficPath(ref: PoolRef, q: TrafficQuery): string {
  const p = ref.kind === 'host' ? new URLSearchParams() : poolParams(ref);
  p.set('from', String(Math.floor(q.from)));
  p.set('to', String(Math.floor(q.to)));
  if (q.top !== undefined) p.set('top', String(q.top));
  if (q.log) p.set('log', q.log);
  return ref.kind === 'host' ? `/api/v1/hosts/${encodeURIComponent(ref.host)}/web?${p}` : `/api/v1/web/pool?${p}`;
}

export function visitorsPath(ref: PoolRef, from: number, to: number, limit: number): string {
  const p = poolParams(ref);
  p.set('from', String(Math.floor(from)));
  p.set('to', String(Math.floor(to)));
  p.set('limit', String(limit));
  return `/api/v1/web/visitors?${p}`;
}

export const webApi = {
  traffic: (ref: PoolRef, q: TrafficQuery) => request<WebTraffic>('GET', trafficPath(ref, q)),
  visitors: (ref: PoolRef, from: number, to: number, limit: number) =>
    request<Visitors>('GET', visitorsPath(ref, from, to, limit)),
  pools: () => request<WebPools>('GET', '/api/v1/web/pools'),
};
