// Typed client for the Vigil HTTP API v1 (docs/api.md). Every call goes through request(), so
// authentication, the XSRF echo and error bodies are handled in one place.

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

export type Resolution = 'RAW' | 'MINUTE' | 'HOUR';

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

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
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
  return (await response.json()) as T;
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
  hosts: () => request<HostSummary[]>('GET', '/api/v1/hosts'),
  host: (key: string) => request<HostDetail>('GET', `/api/v1/hosts/${enc(key)}`),
  latest: (key: string) => request<LatestPoints>('GET', `/api/v1/hosts/${enc(key)}/latest`),
  range: (q: RangeQuery) => request<RangeResponse>('GET', `/api/v1/query/range?${rangeQueryString(q)}`),
};
