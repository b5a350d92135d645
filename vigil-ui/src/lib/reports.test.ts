import { describe, expect, it } from 'vitest';
import {
  barWidths,
  customRange,
  formatStat,
  heatColour,
  heatRange,
  isField,
  parseFields,
  reportQueryString,
  startOfDate,
} from './reports';

describe('reportQueryString', () => {
  it('sends from/to only for custom periods', () => {
    const base = { hosts: ['a', 'b'], groups: [3], fields: ['cpu.used_pct'], tz: 'Asia/Seoul' };
    expect(reportQueryString({ ...base, period: 'month', from: 1, to: 2 })).toBe(
      'period=month&hosts=a%2Cb&groups=3&fields=cpu.used_pct&tz=Asia%2FSeoul',
    );
    expect(reportQueryString({ ...base, period: 'custom', from: 1, to: 2, hosts: [], groups: [] })).toBe(
      'period=custom&from=1&to=2&fields=cpu.used_pct&tz=Asia%2FSeoul',
    );
  });
});

describe('fields', () => {
  it('parses and validates measurement.field lists', () => {
    expect(parseFields(' cpu.used_pct, mem.used_pct ,,cpu.used_pct')).toEqual(['cpu.used_pct', 'mem.used_pct']);
    expect(isField('cpu.used_pct')).toBe(true);
    expect(isField('cpu')).toBe(false);
    expect(isField('Cpu.x')).toBe(false);
  });
});

describe('dates in a time zone', () => {
  it('finds midnight of a date in the zone', () => {
    expect(startOfDate('2026-11-21', 'UTC')).toBe(Date.UTC(2026, 10, 21));
    expect(startOfDate('2026-11-21', 'Asia/Seoul')).toBe(Date.UTC(2026, 10, 20, 15));
    expect(startOfDate('2026-07-01', 'Europe/Paris')).toBe(Date.UTC(2026, 5, 30, 22));
    expect(startOfDate('nope', 'UTC')).toBeNull();
  });
  it('makes inclusive whole-day custom ranges', () => {
    expect(customRange('2026-11-01', '2026-11-30', 'UTC')).toEqual({
      from: Date.UTC(2026, 10, 1),
      to: Date.UTC(2026, 11, 1),
    });
    expect(customRange('2026-11-30', '2026-11-01', 'UTC')).toBeNull();
  });
});

describe('heat map and bars', () => {
  it('scales colours between the lowest and highest cell', () => {
    const cells = [
      [null, 10],
      [30, null],
    ];
    const range = heatRange(cells);
    expect(range).toEqual({ min: 10, max: 30 });
    expect(heatColour(10, range)).toBe('rgb(51, 191, 230)');
    expect(heatColour(30, range)).toBe('rgb(255, 63, 26)');
    expect(heatColour(null, range)).toBe('rgb(236, 236, 236)');
    expect(heatRange([[null]])).toBeNull();
  });
  it('sizes bars relative to the largest value', () => {
    expect(barWidths([50, 100, null])).toEqual([50, 100, 0]);
    expect(barWidths([null])).toEqual([0]);
  });
  it('formats statistics with two decimals', () => {
    expect(formatStat(25)).toBe('25.00');
    expect(formatStat(87.456)).toBe('87.46');
    expect(formatStat(null)).toBe('–');
  });
});
