import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FILTER,
  eventLabel,
  filterFromQuery,
  filterToQuery,
  formatDurationMs,
  hostGraphLink,
  isActive,
  matchesFilter,
  problemDurationMs,
  problemsQueryString,
  suppressionLabel,
} from './problems';

describe('problem filter', () => {
  it('reads the route query, falling back on anything invalid', () => {
    expect(filterFromQuery({})).toEqual(DEFAULT_FILTER);
    expect(filterFromQuery({ status: 'all', severity: 'MAJOR', host: ' web-1 ', q: 'cpu' })).toEqual({ status: 'all', severity: 'major', host: 'web-1', text: 'cpu' });
    expect(filterFromQuery({ status: 'bogus', severity: 'high', host: ['a'] })).toEqual(DEFAULT_FILTER);
  });

  it('writes only what differs from the default and round-trips', () => {
    expect(filterToQuery(DEFAULT_FILTER)).toEqual({});
    const f = { status: 'resolved' as const, severity: 'minor' as const, host: 'db', text: 'disk full' };
    expect(filterToQuery(f)).toEqual({ status: 'resolved', severity: 'minor', host: 'db', q: 'disk full' });
    expect(filterFromQuery(filterToQuery(f))).toEqual(f);
  });

  it('builds the API query string', () => {
    expect(problemsQueryString(DEFAULT_FILTER)).toBe('status=active&limit=200');
    expect(problemsQueryString({ status: 'all', severity: 'major', host: 'web 1', text: 'a&b' }, 50)).toBe('severity=major&host=web+1&q=a%26b&limit=50');
    expect(problemsQueryString({ ...DEFAULT_FILTER, status: 'resolved' })).toBe('status=resolved&limit=200');
  });

  it('matches status, severity at least, host and text', () => {
    const p = { host: 'web-1', severity: 'MAJOR', status: 'ACKNOWLEDGED', text: 'CPU used 95 %', rule: 'CPU busy' };
    expect(isActive(p.status)).toBe(true);
    expect(matchesFilter(p, DEFAULT_FILTER)).toBe(true);
    expect(matchesFilter(p, { ...DEFAULT_FILTER, status: 'resolved' })).toBe(false);
    expect(matchesFilter({ ...p, status: 'closed' }, { ...DEFAULT_FILTER, status: 'resolved' })).toBe(true);
    expect(matchesFilter(p, { ...DEFAULT_FILTER, severity: 'major' })).toBe(true);
    expect(matchesFilter(p, { ...DEFAULT_FILTER, severity: 'critical' })).toBe(false);
    expect(matchesFilter(p, { ...DEFAULT_FILTER, host: 'WEB' })).toBe(true);
    expect(matchesFilter(p, { ...DEFAULT_FILTER, host: 'db' })).toBe(false);
    expect(matchesFilter(p, { ...DEFAULT_FILTER, text: 'busy' })).toBe(true);
    expect(matchesFilter(p, { ...DEFAULT_FILTER, text: 'memory' })).toBe(false);
  });
});

describe('durations and links', () => {
  it('formats durations with at most two units', () => {
    expect(formatDurationMs(0)).toBe('0 s');
    expect(formatDurationMs(59_999)).toBe('59 s');
    expect(formatDurationMs(12 * 60_000 + 5000)).toBe('12 min');
    expect(formatDurationMs(3 * 3_600_000)).toBe('3 h');
    expect(formatDurationMs(3 * 3_600_000 + 5 * 60_000)).toBe('3 h 5 min');
    expect(formatDurationMs(2 * 86_400_000 + 4 * 3_600_000 + 60_000)).toBe('2 d 4 h');
    expect(formatDurationMs(-1)).toBe('–');
    expect(formatDurationMs(null)).toBe('–');
  });

  it('measures active problems to now and resolved ones to their end', () => {
    expect(problemDurationMs({ openedAt: 1000, resolvedAt: null }, 61_000)).toBe(60_000);
    expect(problemDurationMs({ openedAt: 1000, resolvedAt: 11_000 }, 99_000)).toBe(10_000);
  });

  it('links to the host graphs from an hour before to the end (or now)', () => {
    const opened = Date.UTC(2026, 10, 21, 9, 0);
    const now = opened + 2 * 3_600_000;
    expect(hostGraphLink({ host: 'web 1', openedAt: opened, resolvedAt: null }, now)).toBe(`/hosts/web%201?from=${opened - 3_600_000}&to=${now}`);
    expect(hostGraphLink({ host: 'h', openedAt: opened, resolvedAt: opened + 600_000 }, now)).toBe(`/hosts/h?from=${opened - 3_600_000}&to=${opened + 600_000 + 900_000}`);
  });

  it('names events and suppression reasons', () => {
    expect(eventLabel('acknowledged')).toBe('Acknowledged');
    expect(eventLabel('SEVERITY')).toBe('Severity changed');
    expect(eventLabel('custom')).toBe('custom');
    expect(suppressionLabel('dependency')).toBe('host down');
    expect(suppressionLabel(null)).toBeNull();
  });
});
