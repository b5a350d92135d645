// Client for the overview, host tags and compare API (docs/api.md "Overview", "Compare").
import { request, type Resolution } from './api';

export type Level = 'ok' | 'info' | 'warning' | 'minor' | 'major' | 'critical';

export type Counts = Record<Level | 'offline', number>;

export interface OverviewHost {
  key: string;
  hostname: string;
  os: string | null;
  online: boolean;
  agentless: boolean;
  address: string | null;
  worstSeverity: string | null;
  problems: number;
  groupIds: number[];
  tags: Record<string, string>;
  cpuPct: number | null;
  memPct: number | null;
  diskMaxPct: number | null;
}

export interface HostPage {
  total: number;
  offset: number;
  limit: number;
  counts: Counts;
  hosts: OverviewHost[];
}

export interface OverviewGroup {
  id: number;
  name: string;
  path: string[];
  hostCount: number;
  worstSeverity: string | null;
  counts: Counts;
}

export interface TopEntry {
  host: string;
  value: number;
}

export type TopMetric = 'cpu' | 'mem' | 'fs' | 'net';

export interface OverviewQuery {
  q?: string;
  status?: '' | 'online' | 'offline';
  severity?: string[];
  /** Group ids; hosts of any of them match (the server adds their sub-groups). */
  groups?: number[];
  tag?: string;
  sort?: 'severity' | 'name' | 'cpu' | 'mem' | 'disk';
}

export function overviewQueryString(query: OverviewQuery, offset: number, limit: number): string {
  const p = new URLSearchParams();
  if (query.q?.trim()) p.set('q', query.q.trim());
  if (query.status) p.set('status', query.status);
  if (query.severity?.length) p.set('severity', query.severity.join(','));
  if (query.groups?.length) p.set('group', query.groups.join(','));
  if (query.tag?.trim()) p.set('tag', query.tag.trim());
  p.set('sort', query.sort ?? 'severity');
  p.set('offset', String(offset));
  p.set('limit', String(limit));
  return p.toString();
}

export interface CompareSeries {
  host: string;
  tags: Record<string, string>;
  shifted: boolean;
  timestamps: number[];
  values: (number | null)[];
}

export interface CompareStat {
  host: string;
  tags: Record<string, string>;
  shifted: boolean;
  min: number | null;
  avg: number | null;
  max: number | null;
  p95: number | null;
  count: number;
}

export interface CompareResponse {
  resolution: Resolution;
  from: number;
  to: number;
  shift: string;
  series: CompareSeries[];
  stats: CompareStat[];
}

export interface CompareQuery {
  hosts: string[];
  measurement: string;
  field: string;
  tags: Record<string, string>;
  from: number;
  to: number;
  shift: 'none' | '1d' | '1w';
}

export interface MeasurementSchema {
  name: string;
  tags: string[];
  fields: string[];
}

export function compareQueryString(q: CompareQuery): string {
  const p = new URLSearchParams({
    hosts: q.hosts.join(','),
    measurement: q.measurement,
    field: q.field,
    from: String(Math.floor(q.from)),
    to: String(Math.ceil(q.to)),
    shift: q.shift,
  });
  for (const [k, v] of Object.entries(q.tags)) if (v) p.append('tag', `${k}:${v}`);
  return p.toString();
}

const enc = encodeURIComponent;

export const overviewApi = {
  hosts: (query: OverviewQuery, offset: number, limit: number) =>
    request<HostPage>('GET', `/api/v1/overview/hosts?${overviewQueryString(query, offset, limit)}`),
  groups: () => request<OverviewGroup[]>('GET', '/api/v1/overview/groups'),
  top: (metric: TopMetric, window: string, n = 10) =>
    request<TopEntry[]>('GET', `/api/v1/overview/top?metric=${metric}&window=${enc(window)}&n=${n}`),
  tags: (key: string) => request<Record<string, string>>('GET', `/api/v1/hosts/${enc(key)}/tags`),
  putTags: (key: string, tags: Record<string, string>) =>
    request<Record<string, string>>('PUT', `/api/v1/hosts/${enc(key)}/tags`, { body: tags }),
  measurements: () => request<MeasurementSchema[]>('GET', '/api/v1/measurements'),
  compare: (q: CompareQuery) => request<CompareResponse>('GET', `/api/v1/compare?${compareQueryString(q)}`),
};
