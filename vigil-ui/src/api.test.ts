import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, onUnauthorized, rangeQueryString } from './api';

function respond(status: number, body?: unknown, statusText = '') {
  return new Response(body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    statusText,
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('api', () => {
  let fetchMock: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    vi.stubGlobal('document', { cookie: 'other=1; XSRF-TOKEN=abc%3D%3D; last=2' });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    onUnauthorized(() => {});
  });

  it('sends JSON with the session cookie and echoes the XSRF token on POST', async () => {
    fetchMock.mockResolvedValue(respond(200, { username: 'admin', roles: ['ADMIN'] }));
    await expect(api.login('admin', 'pw')).resolves.toEqual({ username: 'admin', roles: ['ADMIN'] });
    const [url, init] = fetchMock.mock.calls[0]! as [string, RequestInit];
    expect(url).toBe('/api/v1/auth/login');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect(init.body).toBe('{"username":"admin","password":"pw"}');
    expect(init.headers).toMatchObject({ 'Content-Type': 'application/json', 'X-XSRF-TOKEN': 'abc==' });
  });

  it('does not send the XSRF header on GET', async () => {
    fetchMock.mockResolvedValue(respond(200, []));
    await api.hosts();
    const init = fetchMock.mock.calls[0]![1] as RequestInit;
    expect(init.headers).not.toHaveProperty('X-XSRF-TOKEN');
  });

  it("turns an error body into an ApiError carrying the server's message", async () => {
    fetchMock.mockResolvedValue(respond(404, { error: 'not_found', message: 'no host web-9' }));
    const err = await api.host('web-9').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 404, code: 'not_found', message: 'no host web-9' });
  });

  it('falls back to the status line for non-JSON errors', async () => {
    fetchMock.mockResolvedValue(respond(502, '<html>bad gateway</html>', 'Bad Gateway'));
    await expect(api.hosts()).rejects.toMatchObject({ status: 502, message: 'HTTP 502 Bad Gateway' });
  });

  it('reports 401 to the handler, except for the login call itself', async () => {
    const handler = vi.fn();
    onUnauthorized(handler);
    fetchMock.mockImplementation(() => Promise.resolve(respond(401, { error: 'unauthorized', message: 'Bad credentials' })));
    await expect(api.login('admin', 'wrong')).rejects.toMatchObject({ status: 401, message: 'Bad credentials' });
    expect(handler).not.toHaveBeenCalled();
    await expect(api.hosts()).rejects.toMatchObject({ status: 401 });
    expect(handler).toHaveBeenCalledOnce();
  });

  it('returns undefined for 204 and escapes path segments', async () => {
    fetchMock.mockResolvedValue(respond(204));
    await expect(api.logout()).resolves.toBeUndefined();
    fetchMock.mockResolvedValue(respond(200, { measurements: {} }));
    await api.latest('a/b');
    expect(fetchMock.mock.calls[1]![0]).toBe('/api/v1/hosts/a%2Fb/latest');
  });

  it('accepts writes answered without a body and sends overrides as PUT with the XSRF header', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 200 }));
    await expect(api.putHostItem('web-1', 'nginx_port', { intervalSeconds: 60 })).resolves.toBeUndefined();
    const [url, init] = fetchMock.mock.calls[0]! as [string, RequestInit];
    expect(url).toBe('/api/v1/hosts/web-1/items/nginx_port');
    expect(init.method).toBe('PUT');
    expect(init.body).toBe('{"intervalSeconds":60}');
    expect(init.headers).toMatchObject({ 'X-XSRF-TOKEN': 'abc==' });
  });

  it('pages the audit log with before=<id>', async () => {
    fetchMock.mockImplementation(() => Promise.resolve(respond(200, [])));
    await api.audit(50);
    await api.audit(50, 17);
    expect(fetchMock.mock.calls.map((c) => c[0])).toEqual(['/api/v1/audit?limit=50', '/api/v1/audit?limit=50&before=17']);
  });

  it('wraps network failures', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(api.hosts()).rejects.toMatchObject({ status: 0, code: 'network' });
  });
});

describe('rangeQueryString', () => {
  it('encodes fields, repeated tags and whole-millisecond bounds', () => {
    const qs = new URLSearchParams(
      rangeQueryString({ host: 'web-1', measurement: 'cpu', fields: ['user_pct', 'system_pct'], tags: { cpu: 'total', x: 'a:b' }, from: 1000.4, to: 2000.2 }),
    );
    expect(qs.get('host')).toBe('web-1');
    expect(qs.get('measurement')).toBe('cpu');
    expect(qs.get('fields')).toBe('user_pct,system_pct');
    expect(qs.getAll('tag')).toEqual(['cpu:total', 'x:a:b']);
    expect(qs.get('from')).toBe('1000');
    expect(qs.get('to')).toBe('2001');
    expect(qs.get('resolution')).toBe('auto');
  });
});
