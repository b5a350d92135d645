// Typed client for the Vigil HTTP API v1 (docs/api.md). Every call goes through request(), so
// authentication, the XSRF echo and error bodies are handled in one place.

import type { ClusterStatus } from './lib/cluster';

export type Tags = Record<string, string>;
export type Fields = Record<string, number>;

export interface Point {
  measurement: string;
  tags: Tags;
  fields: Fields;
  timestamp: number;
}

export interface User {
  username: string;
  roles: string[];
  /** 'en' or 'ko'; absent from servers before per-user preferences. */
  language?: string;
  /** IANA zone, e.g. Asia/Seoul. */
  timeZone?: string;
  /** Sees every host (always true for admins); otherwise only the hosts of groupIds. */
  allHosts?: boolean;
  groupIds?: number[];
}

export interface HostSummary {
  key: string;
  hostname: string;
  os: string | null;
  online: boolean;
  lastSeen: number | null;
  agentVersion: string | null;
  cpuPct: number | null;
  memPct: number | null;
  diskMaxPct: number | null;
  netRxBytesPs: number | null;
  netTxBytesPs: number | null;
  load1: number | null;
  /** Latest check results counted by status; absent from servers without checks. */
  checks?: CheckCounts | null;
  /** The worst severity of the host's active problems (lower or upper case), null for none. */
  worstSeverity?: string | null;
}

export interface NetworkInterfaceInfo {
  name: string;
  mac: string | null;
  ipv4: string[];
  ipv6: string[];
  speedBps: number;
  mtu: number;
}

export interface HostDetail {
  key: string;
  hostname: string;
  os: string | null;
  kernel: string | null;
  architecture: string | null;
  cpuModel: string | null;
  cpuCores: number | null;
  cpuThreads: number | null;
  memoryBytes: number | null;
  bootTime: number | null;
  agentVersion: string | null;
  interfaces: NetworkInterfaceInfo[];
  online: boolean;
  lastSeen: number | null;
  registeredAt: number | null;
}

export interface LatestPoints {
  measurements: Record<string, Point[]>;
}

export type Resolution = 'RAW' | 'MINUTE' | 'HOUR' | 'STEP';

export interface FieldColumns {
  avg: (number | null)[];
  /** Absent or null for raw data, where they would repeat avg. */
  min?: (number | null)[] | null;
  max?: (number | null)[] | null;
}

export interface RangeSeries {
  tags: Tags;
  timestamps: number[];
  fields: Record<string, FieldColumns>;
}

export interface RangeResponse {
  resolution: Resolution;
  series: RangeSeries[];
}

export interface RangeQuery {
  host: string;
  measurement: string;
  fields: string[];
  tags: Tags;
  from: number;
  to: number;
}

export type CheckStatus = 'OK' | 'WARNING' | 'UNKNOWN' | 'CRITICAL';

export type CheckCounts = Partial<Record<CheckStatus, number>>;

/** One run of a check item (wire record CheckResult, also the SSE `checks` payload). */
export interface CheckResult {
  item: string;
  kind: string;
  timestamp: number;
  status: CheckStatus;
  message: string;
  durationMs: number;
  metrics: Record<string, number>;
  details: string[];
}

export type RunsOn = 'agent' | 'server';

/** GET /hosts/{key}/checks: the latest result per check item; status null before the first run. */
export interface CheckRow {
  item: string;
  kind: string;
  status: CheckStatus | null;
  message: string | null;
  lastRun: number | null;
  durationMs: number | null;
  metrics: Record<string, number>;
  details: string[];
  intervalSeconds: number | null;
  runsOn: RunsOn | null;
}

export type ParamType = 'string' | 'int' | 'duration' | 'bool' | 'regex' | 'lines' | 'secret';

export interface ParamSpec {
  name: string;
  type: ParamType;
  required: boolean;
  default: string | number | boolean | null;
  min?: number | null;
  max?: number | null;
  secret: boolean;
  description?: string | null;
  /** The allowed values, empty or absent for any. */
  values?: string[] | null;
}

export interface KindSpec {
  kind: string;
  collector: boolean;
  label: string;
  description?: string | null;
  runsOn: RunsOn[];
  params: ParamSpec[];
  /** At least one of these params must be set (e.g. a process check's name, cmdline or user). */
  requireOneOf?: string[] | null;
  metrics: string[];
}

export type Params = Record<string, string>;

export interface Item {
  key: string;
  kind: string | null;
  collector: boolean;
  intervalSeconds: number;
  enabled: boolean;
  params: Params;
}

export interface EffectiveItem extends Item {
  source: 'template' | 'host';
  templateId: number | string | null;
  templateName: string | null;
  overridden: boolean;
  runsOn: RunsOn;
}

export type Id = number | string;

export interface Ref {
  id: Id;
  name: string;
}

export interface TemplateSummary {
  id: Id;
  name: string;
  description: string | null;
  builtin: boolean;
  itemCount: number;
  groups: Ref[];
  hosts: string[];
}

export interface TemplateDetail extends TemplateSummary {
  items: Item[];
}

export interface HostGroup {
  id: Id;
  name: string;
  description: string | null;
  hosts: string[];
  templates: Ref[];
}

export interface HostItems {
  configVersion: number;
  groups: Ref[];
  templates: (Ref & { via: 'group' | 'host' })[];
  items: EffectiveItem[];
}

/** The body of PUT /hosts/{key}/items/{itemKey}: only the fields to override. */
export interface ItemOverride {
  intervalSeconds?: number;
  enabled?: boolean;
  kind?: string | null;
  params?: Params;
}

/** The body of PUT /templates/{id}/items/{key}. */
export interface ItemBody {
  kind: string | null;
  intervalSeconds: number;
  enabled: boolean;
  params: Params;
}

export type AuditAction = 'create' | 'update' | 'delete' | 'attach' | 'detach';

export interface AuditRecord {
  id: Id;
  at: number;
  actor: string;
  action: AuditAction | string;
  targetType: string;
  target: string;
  old: Record<string, unknown> | null;
  new: Record<string, unknown> | null;
}

/** An error answered by the server ({error, message}) or a transport failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let unauthorizedHandler: () => void = () => {};

/** Registers what happens on any 401 (the router sends the user to the login page). */
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

function cookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      return decodeURIComponent(part.slice(eq + 1).trim());
    }
  }
  return null;
}

interface RequestOptions {
  body?: unknown;
  /** false for calls whose 401 is an expected answer (login, the session probe). */
  redirectOn401?: boolean;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && method !== 'HEAD') {
    const xsrf = cookie('XSRF-TOKEN');
    if (xsrf !== null) {
      headers['X-XSRF-TOKEN'] = xsrf;
    }
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (e) {
    throw new ApiError(0, 'network', `Server unreachable (${(e as Error).message})`);
  }
  if (response.status === 401 && options.redirectOn401 !== false) {
    unauthorizedHandler();
  }
  if (!response.ok) {
    throw await errorFrom(response);
  }
  if (response.status === 204) {
    return undefined as T;
  }
  // Some writes answer 200/201 without a body; that is success, not a parse error.
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function errorFrom(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: unknown; message?: unknown };
    if (typeof body.message === 'string') {
      return new ApiError(response.status, String(body.error ?? 'error'), body.message);
    }
  } catch {
    // Not JSON (a proxy error page, say): fall through to the status line.
  }
  return new ApiError(response.status, 'http', `HTTP ${response.status} ${response.statusText}`.trim());
}

export function rangeQueryString(q: RangeQuery): string {
  const params = new URLSearchParams({
    host: q.host,
    measurement: q.measurement,
    fields: q.fields.join(','),
    from: String(Math.floor(q.from)),
    to: String(Math.ceil(q.to)),
    resolution: 'auto',
  });
  for (const [key, value] of Object.entries(q.tags)) {
    params.append('tag', `${key}:${value}`);
  }
  return params.toString();
}

const enc = encodeURIComponent;

export const api = {
  login: (username: string, password: string) =>
    request<User>('POST', '/api/v1/auth/login', { body: { username, password }, redirectOn401: false }),
  logout: () => request<void>('POST', '/api/v1/auth/logout'),
  /** The session probe used before routing: a 401 here just means "not logged in yet". */
  me: () => request<User>('GET', '/api/v1/auth/me', { redirectOn401: false }),
  /** The same probe from inside the app, where a 401 means the session expired. */
  checkSession: () => request<User>('GET', '/api/v1/auth/me'),
  /** The pair of servers (enabled false for a single server). */
  cluster: () => request<ClusterStatus>('GET', '/api/v1/cluster'),
  hosts: () => request<HostSummary[]>('GET', '/api/v1/hosts'),
  host: (key: string) => request<HostDetail>('GET', `/api/v1/hosts/${enc(key)}`),
  latest: (key: string) => request<LatestPoints>('GET', `/api/v1/hosts/${enc(key)}/latest`),
  range: (q: RangeQuery) => request<RangeResponse>('GET', `/api/v1/query/range?${rangeQueryString(q)}`),

  checks: (key: string) => request<CheckRow[]>('GET', `/api/v1/hosts/${enc(key)}/checks`),
  kinds: () => request<KindSpec[]>('GET', '/api/v1/catalog/kinds'),

  hostItems: (key: string) => request<HostItems>('GET', `/api/v1/hosts/${enc(key)}/items`),
  putHostItem: (key: string, item: string, body: ItemOverride) =>
    request<unknown>('PUT', `/api/v1/hosts/${enc(key)}/items/${enc(item)}`, { body }),
  deleteHostItem: (key: string, item: string) => request<void>('DELETE', `/api/v1/hosts/${enc(key)}/items/${enc(item)}`),
  attachHostTemplate: (key: string, id: Id) => request<unknown>('PUT', `/api/v1/hosts/${enc(key)}/templates/${enc(String(id))}`),
  detachHostTemplate: (key: string, id: Id) => request<void>('DELETE', `/api/v1/hosts/${enc(key)}/templates/${enc(String(id))}`),

  templates: () => request<TemplateSummary[]>('GET', '/api/v1/templates'),
  template: (id: Id) => request<TemplateDetail>('GET', `/api/v1/templates/${enc(String(id))}`),
  createTemplate: (name: string, description: string) =>
    request<TemplateSummary>('POST', '/api/v1/templates', { body: { name, description } }),
  updateTemplate: (id: Id, name: string, description: string) =>
    request<unknown>('PUT', `/api/v1/templates/${enc(String(id))}`, { body: { name, description } }),
  deleteTemplate: (id: Id) => request<void>('DELETE', `/api/v1/templates/${enc(String(id))}`),
  putTemplateItem: (id: Id, key: string, body: ItemBody) =>
    request<unknown>('PUT', `/api/v1/templates/${enc(String(id))}/items/${enc(key)}`, { body }),
  deleteTemplateItem: (id: Id, key: string) => request<void>('DELETE', `/api/v1/templates/${enc(String(id))}/items/${enc(key)}`),

  groups: () => request<HostGroup[]>('GET', '/api/v1/host-groups'),
  createGroup: (name: string, description: string) =>
    request<HostGroup>('POST', '/api/v1/host-groups', { body: { name, description } }),
  deleteGroup: (id: Id) => request<void>('DELETE', `/api/v1/host-groups/${enc(String(id))}`),
  addGroupHost: (id: Id, host: string) => request<unknown>('PUT', `/api/v1/host-groups/${enc(String(id))}/hosts/${enc(host)}`),
  removeGroupHost: (id: Id, host: string) => request<void>('DELETE', `/api/v1/host-groups/${enc(String(id))}/hosts/${enc(host)}`),
  attachGroupTemplate: (id: Id, templateId: Id) =>
    request<unknown>('PUT', `/api/v1/host-groups/${enc(String(id))}/templates/${enc(String(templateId))}`),
  detachGroupTemplate: (id: Id, templateId: Id) =>
    request<void>('DELETE', `/api/v1/host-groups/${enc(String(id))}/templates/${enc(String(templateId))}`),

  audit: (limit: number, before?: Id) =>
    request<AuditRecord[]>('GET', `/api/v1/audit?limit=${limit}${before === undefined ? '' : `&before=${enc(String(before))}`}`),
};
