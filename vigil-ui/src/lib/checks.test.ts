import { describe, expect, it } from 'vitest';
import type { CheckResult, CheckRow, RangeResponse } from '../api';
import {
  appendToSparks,
  applyResults,
  countPills,
  countRows,
  countsSummary,
  resultPoints,
  sparkGeometry,
  sparksFromRange,
  statusClass,
  statusOfExitCode,
  worstOfCounts,
  worstStatus,
  type Spark,
} from './checks';

const row = (item: string, status: CheckRow['status'], lastRun: number | null = 1000): CheckRow => ({
  item,
  kind: 'port',
  status,
  message: 'm',
  lastRun,
  durationMs: 1,
  metrics: {},
  details: [],
  intervalSeconds: 30,
  runsOn: 'agent',
});
const result = (item: string, status: CheckResult['status'], timestamp: number, extra: Partial<CheckResult> = {}): CheckResult => ({
  item,
  kind: 'port',
  timestamp,
  status,
  message: `${item} ${status}`,
  durationMs: 2.5,
  metrics: {},
  details: [],
  ...extra,
});

describe('worst status', () => {
  it('ranks UNKNOWN between WARNING and CRITICAL and ignores checks that have not run', () => {
    expect(worstStatus(['OK', 'WARNING', null])).toBe('WARNING');
    expect(worstStatus(['WARNING', 'UNKNOWN', 'OK'])).toBe('UNKNOWN');
    expect(worstStatus(['UNKNOWN', 'CRITICAL', 'OK'])).toBe('CRITICAL');
    expect(worstStatus([null, undefined])).toBe('NONE');
    expect(worstStatus([])).toBe('NONE');
  });

  it('takes the worst status with a non-zero count', () => {
    expect(worstOfCounts({ OK: 3, WARNING: 0, CRITICAL: 1 })).toBe('CRITICAL');
    expect(worstOfCounts({ OK: 2, WARNING: 1 })).toBe('WARNING');
    expect(worstOfCounts({ OK: 0, CRITICAL: 0 })).toBe('NONE');
    expect(worstOfCounts(undefined)).toBe('NONE');
  });

  it('maps statuses to colour classes and exit codes back to statuses', () => {
    expect(statusClass('CRITICAL')).toBe('status-critical');
    expect(statusClass(null)).toBe('status-none');
    expect(statusClass('NONE')).toBe('status-none');
    expect([0, 1, 2, 3, 7].map(statusOfExitCode)).toEqual(['OK', 'WARNING', 'CRITICAL', 'UNKNOWN', 'UNKNOWN']);
    expect(statusOfExitCode(null)).toBeNull();
    expect(statusOfExitCode(1.4)).toBe('WARNING');
  });
});

describe('check counts', () => {
  it('summarises non-zero counts worst first', () => {
    expect(countsSummary({ OK: 2, CRITICAL: 1, WARNING: 0 })).toBe('1 CRIT · 2 OK');
    expect(countPills({ UNKNOWN: 1, WARNING: 4 }).map((p) => p.status)).toEqual(['UNKNOWN', 'WARNING']);
    expect(countsSummary({})).toBe('');
    expect(countsSummary(null)).toBe('');
  });

  it('counts table rows by status, leaving out checks that have not run', () => {
    expect(countRows([row('a', 'OK'), row('b', 'OK'), row('c', 'CRITICAL'), row('d', null)])).toEqual({ OK: 2, CRITICAL: 1 });
  });
});

describe('applyResults', () => {
  it('replaces the row of a newer result and keeps interval and runsOn', () => {
    const rows = [row('a', 'OK'), row('b', 'OK')];
    const next = applyResults(rows, [result('b', 'CRITICAL', 2000, { details: ['x'] })]);
    expect(next[1]).toMatchObject({ item: 'b', status: 'CRITICAL', lastRun: 2000, durationMs: 2.5, intervalSeconds: 30, runsOn: 'agent', details: ['x'] });
    expect(next[0]).toBe(rows[0]);
    expect(rows[1]!.status).toBe('OK');
  });

  it('ignores results older than the row and appends unknown items', () => {
    const next = applyResults([row('a', 'OK', 5000)], [result('a', 'CRITICAL', 4000), result('z', 'WARNING', 4000)]);
    expect(next.map((r) => [r.item, r.status])).toEqual([
      ['a', 'OK'],
      ['z', 'WARNING'],
    ]);
  });

  it('fills the first result into a row that had not run', () => {
    expect(applyResults([row('a', null, null)], [result('a', 'OK', 10)])[0]!.status).toBe('OK');
  });
});

describe('history', () => {
  it('turns a result into the points the server stores', () => {
    expect(resultPoints(result('p', 'CRITICAL', 9, { metrics: { connect_ms: 0.4 } }))).toEqual([
      { measurement: 'check', tags: { check: 'p', kind: 'port' }, fields: { status: 2, duration_ms: 2.5 }, timestamp: 9 },
      { measurement: 'check_metric', tags: { check: 'p', metric: 'connect_ms' }, fields: { value: 0.4 }, timestamp: 9 },
    ]);
  });

  const response: RangeResponse = {
    resolution: 'MINUTE',
    series: [
      { tags: { check: 'b', kind: 'port' }, timestamps: [20, 10], fields: { status: { avg: [0.5, 0], max: [2, 0] }, duration_ms: { avg: [3, 1] } } },
      { tags: { check: 'a', kind: 'http' }, timestamps: [10], fields: { status: { avg: [1] }, duration_ms: { avg: [null] } } },
    ],
  };

  it('splits a check range answer per item, sorted, with the worst status of a rollup bucket', () => {
    const sparks = sparksFromRange(response);
    expect(sparks.get('b')).toEqual({ ts: [10, 20], duration: [1, 3], status: ['OK', 'CRITICAL'] });
    expect(sparks.get('a')).toEqual({ ts: [10], duration: [null], status: ['WARNING'] });
  });

  it('appends live results, dropping samples before the window and stale results', () => {
    const sparks = appendToSparks(sparksFromRange(response), [result('b', 'WARNING', 30), result('a', 'OK', 5), result('n', 'OK', 40)], 15);
    expect(sparks.get('b')).toEqual({ ts: [20, 30], duration: [3, 2.5], status: ['CRITICAL', 'WARNING'] });
    expect(sparks.get('a')!.ts).toEqual([10]);
    expect(sparks.get('n')!.status).toEqual(['OK']);
  });

  it('lays out the sparkline: the longest run at the top, status bars until the next run', () => {
    const g = sparkGeometry({ ts: [0, 50, 100], duration: [10, 5, null], status: ['OK', 'CRITICAL', null] }, 0, 100, 100, 24, 4);
    expect(g.line).toBe('0,1 50,10');
    expect(g.bars).toEqual([
      { x: 0, width: 50, status: 'OK' },
      { x: 50, width: 50, status: 'CRITICAL' },
      { x: 97, width: 3, status: 'NONE' },
    ]);
  });

  it("lets the last run's bar last one interval, clipped to the range", () => {
    const spark: Spark = { ts: [0, 80], duration: [1, 1], status: ['OK', 'CRITICAL'] };
    expect(sparkGeometry(spark, 0, 100, 100, 24, 4, 10).bars[1]).toEqual({ x: 80, width: 10, status: 'CRITICAL' });
    expect(sparkGeometry(spark, 0, 100, 100, 24, 4, 60).bars[1]).toEqual({ x: 80, width: 20, status: 'CRITICAL' });
    // A run that happened a moment ago still shows.
    expect(sparkGeometry(spark, 0, 80.5, 100, 24, 4, 60).bars[1]).toMatchObject({ width: 3, status: 'CRITICAL' });
  });
});
