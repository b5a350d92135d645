import { describe, expect, it } from 'vitest';
import type { Point, RangeResponse } from '../api';
import { countPoints, mergeLivePoints, tableFromRange, type ChartSpec } from './series';

const cpu: ChartSpec = { name: 'cpu', title: 'CPU', measurement: 'cpu', tags: { cpu: 'total' }, fields: ['user_pct', 'system_pct'], unit: 'pct' };
const cores: ChartSpec = {
  name: 'cpu-cores',
  title: 'Cores',
  measurement: 'cpu',
  fields: ['used_pct'],
  splitBy: 'cpu',
  accept: (t) => t.cpu !== 'total',
  unit: 'pct',
};
const net: ChartSpec = { name: 'net', title: 'Net', measurement: 'net', fields: ['rx_bytes_ps', 'tx_bytes_ps'], splitBy: 'iface', unit: 'bytesPs' };

const col = (avg: (number | null)[]) => ({ avg, min: avg, max: avg });
const point = (measurement: string, tags: Record<string, string>, fields: Record<string, number>, timestamp: number): Point => ({
  measurement,
  tags,
  fields,
  timestamp,
});

describe('tableFromRange', () => {
  it('draws one line per field, in the spec order', () => {
    const response: RangeResponse = {
      resolution: 'RAW',
      series: [{ tags: { cpu: 'total' }, timestamps: [1000, 2000], fields: { system_pct: col([2, 3]), user_pct: col([10, 11]) } }],
    };
    const t = tableFromRange(cpu, response);
    expect(t.xs).toEqual([1000, 2000]);
    expect(t.lines.map((l) => [l.key, l.label])).toEqual([
      ['user_pct', 'user'],
      ['system_pct', 'system'],
    ]);
    expect(t.lines[0]!.avg).toEqual([10, 11]);
    expect(countPoints(t)).toBe(4);
  });

  it('aligns series with different timestamps, marking holes as undefined and keeping server nulls', () => {
    const response: RangeResponse = {
      resolution: 'MINUTE',
      series: [
        { tags: { cpu: '10' }, timestamps: [1000, 3000], fields: { used_pct: { avg: [5, null], min: [1, null], max: [9, null] } } },
        { tags: { cpu: '2' }, timestamps: [2000], fields: { used_pct: col([7]) } },
        { tags: { cpu: 'total' }, timestamps: [1000], fields: { used_pct: col([50]) } },
      ],
    };
    const t = tableFromRange(cores, response);
    expect(t.xs).toEqual([1000, 2000, 3000]);
    // Numeric order of core names, and "total" filtered out by accept().
    expect(t.lines.map((l) => l.label)).toEqual(['2', '10']);
    const core10 = t.lines[1]!;
    expect(core10.avg[0]).toBe(5);
    expect(core10.avg[1]).toBeUndefined();
    expect(core10.avg[2]).toBeNull();
    expect(core10.min[0]).toBe(1);
    expect(core10.max[0]).toBe(9);
    expect(countPoints(t)).toBe(2);
  });

  it('uses avg as min and max when raw data omits them', () => {
    const response: RangeResponse = {
      resolution: 'RAW',
      series: [{ tags: { cpu: 'total', host: 'web-1' }, timestamps: [1000], fields: { user_pct: { avg: [4], min: null, max: null }, system_pct: { avg: [1] } } }],
    };
    const t = tableFromRange(cpu, response);
    expect(t.lines.map((l) => [l.min[0], l.max[0]])).toEqual([
      [4, 4],
      [1, 1],
    ]);
  });

  it('labels split lines with the tag value and the field', () => {
    const response: RangeResponse = {
      resolution: 'RAW',
      series: [{ tags: { iface: 'eth0' }, timestamps: [1000], fields: { rx_bytes_ps: col([1]), tx_bytes_ps: col([2]) } }],
    };
    expect(tableFromRange(net, response).lines.map((l) => l.label)).toEqual(['eth0 rx', 'eth0 tx']);
  });
});

describe('mergeLivePoints', () => {
  const base = tableFromRange(cpu, {
    resolution: 'RAW',
    series: [{ tags: { cpu: 'total' }, timestamps: [1000, 2000], fields: { user_pct: col([10, 11]), system_pct: col([2, 3]) } }],
  });

  it('appends new points at the end and leaves the input untouched', () => {
    const t = mergeLivePoints(cpu, base, [point('cpu', { cpu: 'total' }, { user_pct: 12, system_pct: 4, idle_pct: 84 }, 3000)], 0);
    expect(t.xs).toEqual([1000, 2000, 3000]);
    expect(t.lines[0]!.avg).toEqual([10, 11, 12]);
    expect(t.lines[1]!.avg).toEqual([2, 3, 4]);
    expect(t.lines[0]!.max[2]).toBe(12);
    expect(base.xs).toEqual([1000, 2000]);
  });

  it('ignores other measurements and series that fail the tag filter', () => {
    const t = mergeLivePoints(
      cpu,
      base,
      [point('mem', {}, { used_pct: 40 }, 3000), point('cpu', { cpu: '0' }, { user_pct: 99 }, 3000)],
      0,
    );
    expect(t.xs).toEqual([1000, 2000]);
  });

  it('slides the window: drops everything before its start', () => {
    const t = mergeLivePoints(cpu, base, [point('cpu', { cpu: 'total' }, { user_pct: 12, system_pct: 4 }, 3000)], 1500);
    expect(t.xs).toEqual([2000, 3000]);
    expect(t.lines[0]!.avg).toEqual([11, 12]);
    expect(countPoints(t)).toBe(4);
  });

  it('inserts late points in order and overwrites a repeated timestamp', () => {
    let t = mergeLivePoints(cpu, base, [point('cpu', { cpu: 'total' }, { user_pct: 50 }, 1500)], 0);
    expect(t.xs).toEqual([1000, 1500, 2000]);
    expect(t.lines[0]!.avg).toEqual([10, 50, 11]);
    expect(t.lines[1]!.avg[1]).toBeUndefined();
    t = mergeLivePoints(cpu, t, [point('cpu', { cpu: 'total' }, { user_pct: 60 }, 2000)], 0);
    expect(t.xs).toEqual([1000, 1500, 2000]);
    expect(t.lines[0]!.avg).toEqual([10, 50, 60]);
  });

  it('adds a line for a series that appeared after the query', () => {
    const start = tableFromRange(net, {
      resolution: 'RAW',
      series: [{ tags: { iface: 'eth1' }, timestamps: [1000], fields: { rx_bytes_ps: col([1]), tx_bytes_ps: col([2]) } }],
    });
    const t = mergeLivePoints(net, start, [point('net', { iface: 'eth0' }, { rx_bytes_ps: 5, tx_bytes_ps: 6 }, 2000)], 0);
    expect(t.lines.map((l) => l.label)).toEqual(['eth0 rx', 'eth0 tx', 'eth1 rx', 'eth1 tx']);
    expect(t.lines[0]!.avg.length).toBe(2);
    expect(t.lines[0]!.avg[0]).toBeUndefined();
    expect(t.lines[0]!.avg[1]).toBe(5);
    expect(countPoints(t)).toBe(4);
  });

  it('fills an empty table from live points alone', () => {
    const t = mergeLivePoints(cores, { xs: [], lines: [] }, [
      point('cpu', { cpu: '1' }, { used_pct: 20 }, 1000),
      point('cpu', { cpu: '0' }, { used_pct: 10 }, 1000),
      point('cpu', { cpu: 'total' }, { used_pct: 15 }, 1000),
    ], 0);
    expect(t.xs).toEqual([1000]);
    expect(t.lines.map((l) => [l.label, l.avg[0]])).toEqual([
      ['0', 10],
      ['1', 20],
    ]);
  });
});
