import { describe, expect, it } from 'vitest';
import type { TopRow, WebTraffic } from '../webApi';
import { comparisonTables, countBounds, poolFromId, poolFromQuery, poolId, poolToQuery, share, shortKey, touchesTraffic, trafficTables } from './webTraffic';
import { countPoints } from './series';

function view(partial: Partial<WebTraffic> = {}): WebTraffic {
  return {
    pool: 'group',
    name: 'Web',
    hosts: ['web-b', 'web-a'],
    from: 0,
    to: 30,
    resolution: 'RAW',
    logs: ['access'],
    totals: {
      requests: 30,
      bytes: 300,
      lines: 31,
      malformed: 1,
      status: { '1xx': 0, '2xx': 27, '3xx': 0, '4xx': 0, '5xx': 3 },
      error4xxPct: 0,
      error5xxPct: 10,
      reqPerS: 1,
      bytesPerS: 10,
      latency: { rt_p99_ms: 50 },
    },
    series: {
      step: 10,
      timestamps: [0, 10, 20],
      reqPerS: [1.5, null, 2],
      bytesPerS: [15, null, 20],
      status: { '1xx': [0, null, 0], '2xx': [1.4, null, 2], '3xx': [0, null, 0], '4xx': [0, null, 0], '5xx': [0.1, null, 0] },
      latency: { rt_p50_ms: [5, null, 6], rt_p90_ms: [null, null, null], rt_p99_ms: [50, null, 60] },
    },
    servers: [
      { host: 'web-b', requests: 10, bytes: 100, sharePct: 33.3, error5xxPct: 0, reqPerS: [0.5, null, 1], rtP99Ms: [null, null, null] },
      { host: 'web-a', requests: 20, bytes: 200, sharePct: 66.7, error5xxPct: 15, reqPerS: [1, null, 1], rtP99Ms: [50, null, 60] },
    ],
    statusCodes: [],
    methods: [],
    top: {},
    samples: [],
    ...partial,
  };
}

describe('pool routes', () => {
  it('reads a group id or a tag from the query and writes it back', () => {
    expect(poolFromQuery({ group: '12' })).toEqual({ kind: 'group', group: '12' });
    expect(poolFromQuery({ tag: 'role=web' })).toEqual({ kind: 'tag', tag: 'role=web' });
    expect(poolFromQuery({ tag: 'role:web' })).toEqual({ kind: 'tag', tag: 'role:web' });
    expect(poolFromQuery({ group: 'x1' })).toBeNull();
    expect(poolFromQuery({ tag: 'Role=web' })).toBeNull();
    expect(poolFromQuery({ tag: 'role=' })).toBeNull();
    expect(poolFromQuery({})).toBeNull();
    expect(poolToQuery({ kind: 'tag', tag: 'role=web' })).toEqual({ tag: 'role=web' });
    expect(poolToQuery({ kind: 'group', group: '3' })).toEqual({ group: '3' });
  });

  it('round-trips pools through select values', () => {
    expect(poolFromId(poolId({ kind: 'group', group: '7' }))).toEqual({ kind: 'group', group: '7' });
    expect(poolFromId(poolId({ kind: 'tag', tag: 'env=prod' }))).toEqual({ kind: 'tag', tag: 'env=prod' });
    expect(poolId(null)).toBe('');
    expect(poolFromId('host:x')).toBeNull();
  });
});

describe('trafficTables', () => {
  it('makes one chart table per graph on the answer x axis, gaps as null', () => {
    const t = trafficTables(view(), { requests: 'requests/s', bandwidth: 'bytes/s' });
    expect(t.requests.xs).toEqual([0, 10, 20]);
    expect(t.requests.lines[0]).toMatchObject({ label: 'requests/s', avg: [1.5, null, 2] });
    expect(t.bandwidth.lines[0]!.avg).toEqual([15, null, 20]);
    expect(t.status.lines.map((l) => l.key)).toEqual(['1xx', '2xx', '3xx', '4xx', '5xx']);
    expect(t.status.lines[4]!.avg).toEqual([0.1, null, 0]);
  });

  it('leaves out latency percentiles the logs do not have', () => {
    const t = trafficTables(view(), { requests: 'r', bandwidth: 'b' });
    expect(t.latency.lines.map((l) => l.label)).toEqual(['p50', 'p99']);
    const none = trafficTables(view({ series: { ...view().series, latency: {} } }), { requests: 'r', bandwidth: 'b' });
    expect(none.latency.lines).toEqual([]);
  });
});

describe('comparisonTables', () => {
  it('draws one line per server, labelled by host, sorted by name', () => {
    const c = comparisonTables(view());
    expect(c.requests.lines.map((l) => l.label)).toEqual(['web-a', 'web-b']);
    expect(c.requests.lines[1]!.avg).toEqual([0.5, null, 1]);
    expect(countPoints(c.requests)).toBe(4);
    // web-b's log has no response times: no p99 line rather than an empty one
    expect(c.p99.lines.map((l) => l.key)).toEqual(['web-a']);
  });
});

describe('top tables', () => {
  const row: TopRow = { key: '/a', requests: 95, bytes: 1, errors: 0, errBound: 4, periods: 3, firstSeen: 0, lastSeen: 1, rtP50Ms: null, rtP90Ms: null, rtP99Ms: null };

  it('gives the range a count can be in', () => {
    expect(countBounds(row)).toEqual({ low: 91, high: 95, exact: false });
    expect(countBounds({ ...row, errBound: 0 })).toEqual({ low: 95, high: 95, exact: true });
    expect(countBounds({ ...row, requests: 2, errBound: 5 }).low).toBe(0);
  });

  it('computes shares and shortens long keys', () => {
    expect(share(1, 4)).toBe(25);
    expect(share(1, 0)).toBe(0);
    expect(shortKey('/short')).toBe('/short');
    const long = shortKey('/x'.repeat(100), 10);
    expect(long).toHaveLength(10);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('touchesTraffic', () => {
  const weblog = { measurement: 'weblog_top', tags: {}, fields: {}, timestamp: 1 };
  const cpu = { measurement: 'cpu', tags: {}, fields: {}, timestamp: 1 };
  it('reloads only for web-log points of the shown hosts', () => {
    expect(touchesTraffic('a', [cpu, weblog], ['a'])).toBe(true);
    expect(touchesTraffic('a', [cpu], ['a'])).toBe(false);
    expect(touchesTraffic('b', [weblog], ['a'])).toBe(false);
  });
});
