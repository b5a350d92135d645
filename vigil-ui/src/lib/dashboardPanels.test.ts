import { describe, expect, it } from 'vitest';
import type { RangeResponse, RangeSeries } from '../api';
import {
  MAX_PANEL_LINES,
  combineSeries,
  gaugeFraction,
  gridTable,
  hostTable,
  limitLines,
  panelSpec,
  seriesLabels,
  seriesTable,
  hostGridSpecs,
  latestValue,
  mergeHostTables,
  newPanelId,
  panelHosts,
  rangeMs,
  thresholdLevel,
  throttle,
} from './dashboardPanels';
import { unitOfField } from './format';

describe('rangeMs', () => {
  it('reads m/h/d ranges', () => {
    expect(rangeMs('15m')).toBe(900_000);
    expect(rangeMs('24h')).toBe(86_400_000);
    expect(rangeMs('7d')).toBe(7 * 86_400_000);
    expect(rangeMs('soon')).toBe(3_600_000);
  });
});

describe('panelHosts', () => {
  const members = new Map([[1, ['a', 'b']], [2, ['b', 'c']]]);
  it('joins hosts and group members without repeats', () => {
    expect(panelHosts({ hosts: ['z', 'a'], groups: [1, 2] }, members, ['a', 'b', 'c', 'z'])).toEqual(['z', 'a', 'b', 'c']);
  });
  it('means every visible host when neither is given', () => {
    expect(panelHosts({ hosts: [], groups: [] }, members, ['x', 'y'])).toEqual(['x', 'y']);
    expect(panelHosts({ hosts: [], groups: [9] }, members, ['x'])).toEqual([]);
  });
  it("lists only the group members the caller can see, but keeps hosts the panel names", () => {
    // A scoped viewer's host list holds 'a' only: 'b' and 'c' of the groups are not listed, the
    // named 'z' stays so its panel can say "no access".
    expect(panelHosts({ hosts: ['z'], groups: [1, 2] }, members, ['a'])).toEqual(['z', 'a']);
  });
});

describe('hostGridSpecs', () => {
  it('groups qualified fields into one graph per measurement', () => {
    const specs = hostGridSpecs(['cpu.used_pct', 'mem.used_pct', 'net.rx_bytes_ps', 'net.tx_bytes_ps', 'bad']);
    expect(specs.map((s) => s.measurement)).toEqual(['cpu', 'mem', 'net']);
    expect(specs[0]!.tags).toEqual({ cpu: 'total' });
    expect(specs[2]!.fields).toEqual(['rx_bytes_ps', 'tx_bytes_ps']);
    expect(specs[2]!.unit).toBe('bytesPs');
    expect(specs[2]!.accept!({ iface: 'lo' })).toBe(false);
    expect(unitOfField('used_pct')).toBe('pct');
  });
});

describe('mergeHostTables', () => {
  it('aligns hosts on the union of timestamps', () => {
    const line = (key: string, avg: number[]) => ({ key, label: key, avg, min: avg, max: avg });
    const t = mergeHostTables(
      [
        { host: 'a', table: { xs: [1, 3], lines: [line('used_pct', [10, 30])] } },
        { host: 'b', table: { xs: [2, 3], lines: [line('used_pct', [20, 40])] } },
      ],
      true,
    );
    expect(t.xs).toEqual([1, 2, 3]);
    expect(t.lines.map((l) => l.label)).toEqual(['a · used_pct', 'b · used_pct']);
    expect(t.lines[0]!.avg).toEqual([10, undefined, 30]);
    expect(t.lines[1]!.avg).toEqual([undefined, 20, 40]);
  });
});

describe('values', () => {
  it('picks the newest matching latest point', () => {
    const p = (ts: number, cpu: string, v: number) => ({ measurement: 'cpu', tags: { cpu }, fields: { used_pct: v }, timestamp: ts });
    expect(latestValue([p(1, 'total', 5), p(3, 'total', 7), p(4, 'cpu0', 9)], 'used_pct', { cpu: 'total' })).toBe(7);
    expect(latestValue([], 'used_pct', {})).toBeNull();
  });
  it('fills gauges and grades thresholds', () => {
    expect(gaugeFraction(50, 0, 100)).toBe(0.5);
    expect(gaugeFraction(150, 0, 100)).toBe(1);
    expect(gaugeFraction(null, 0, 100)).toBe(0);
    expect(thresholdLevel(95, 80, 90)).toBe('critical');
    expect(thresholdLevel(85, 80, 90)).toBe('warning');
    expect(thresholdLevel(10, 80, 90)).toBe('ok');
    expect(thresholdLevel(null, 80, 90)).toBe('none');
  });
  it('gives new panels unused ids', () => {
    expect(newPanelId([{ id: 'p1' }, { id: 'p3' }])).toBe('p2');
  });
});

describe('throttle', () => {
  it('runs at once, then once at the end of the window', () => {
    let now = 0;
    const timers: { at: number; f: () => void }[] = [];
    const clock = { now: () => now, later: (f: () => void, ms: number) => timers.push({ at: now + ms, f }) };
    let calls = 0;
    const t = throttle(() => calls++, 1000, clock);
    t();
    t();
    t();
    expect(calls).toBe(1);
    expect(timers).toHaveLength(1);
    now = 1000;
    timers[0]!.f();
    expect(calls).toBe(2);
  });
});

describe('dataKey', () => {
  it('ignores the place on the grid', async () => {
    const { dataKey } = await import('./dashboardPanels');
    const p = { id: 'p1', type: 'stat' as const, title: 'a', x: 0, y: 0, w: 3, h: 3, hosts: [], groups: [], measurement: 'cpu', fields: ['used_pct'], tags: {}, range: '1h', options: {} };
    expect(dataKey({ ...p, x: 5, y: 9, title: 'b' }, ['h'])).toBe(dataKey(p, ['h']));
    expect(dataKey({ ...p, range: '6h' }, ['h'])).not.toBe(dataKey(p, ['h']));
    expect(dataKey(p, ['h', 'i'])).not.toBe(dataKey(p, ['h']));
  });
});

const series = (tags: Record<string, string>, timestamps: number[], fields: Record<string, number[]>): RangeSeries => ({
  tags,
  timestamps,
  fields: Object.fromEntries(Object.entries(fields).map(([f, avg]) => [f, { avg }])),
});
const answer = (...s: RangeSeries[]): RangeResponse => ({ resolution: 'RAW', series: s });
const panel = (over: object) => ({
  id: 'p1', type: 'timeseries' as const, title: 'Net', x: 0, y: 0, w: 6, h: 6, hosts: [], groups: [],
  measurement: 'net', fields: ['rx_bytes_ps'], tags: {}, range: '1h', options: {}, ...over,
});

describe('series splitting', () => {
  const net = answer(
    series({ iface: 'eth1' }, [1, 2], { rx_bytes_ps: [10, 11], tx_bytes_ps: [1, 2] }),
    series({ iface: 'eth0' }, [1, 2], { rx_bytes_ps: [20, 21], tx_bytes_ps: [3, 4] }),
    series({ iface: 'lo' }, [1, 2], { rx_bytes_ps: [5, 5], tx_bytes_ps: [5, 5] }),
  );

  it('draws one line per interface, not one shared line per field', () => {
    const t = seriesTable(panelSpec(panel({})), net);
    expect(t.lines.map((l) => l.label)).toEqual(['eth0', 'eth1', 'lo']);
    expect(t.lines.map((l) => l.avg)).toEqual([[20, 21], [10, 11], [5, 5]]);
  });

  it('names series and field when the panel shows several fields', () => {
    const t = seriesTable(panelSpec(panel({ fields: ['rx_bytes_ps', 'tx_bytes_ps'] })), net);
    expect(t.lines.map((l) => l.label)).toEqual(['eth0 rx', 'eth0 tx', 'eth1 rx', 'eth1 tx', 'lo rx', 'lo tx']);
    expect(t.lines[1]!.avg).toEqual([3, 4]);
  });

  it('keeps one line per field when the panel tags leave one series', () => {
    const t = seriesTable(panelSpec(panel({ tags: { iface: 'eth1' } })), net);
    expect(t.lines.map((l) => [l.label, l.avg])).toEqual([['rx', [10, 11]]]);
  });

  it('labels lines "host · iface" across hosts and keeps each host apart', () => {
    const spec = panelSpec(panel({}));
    const other = answer(series({ iface: 'eth0' }, [2, 3], { rx_bytes_ps: [7, 8] }));
    const t = mergeHostTables(
      [
        { host: 'web-1', table: hostTable(spec, net) },
        { host: 'web-2', table: hostTable(spec, other) },
      ],
      true,
    );
    expect(t.xs).toEqual([1, 2, 3]);
    expect(t.lines.map((l) => l.label)).toEqual(['web-1 · eth0', 'web-1 · eth1', 'web-1 · lo', 'web-2 · rx_bytes_ps'.replace('rx_bytes_ps', 'rx')]);
    expect(t.lines[3]!.avg).toEqual([undefined, 7, 8]);
  });

  it('splits CPU cores when a panel names no cpu tag, and sorts them numerically', () => {
    const cpu = answer(
      series({ cpu: 'total' }, [1], { used_pct: [50] }),
      series({ cpu: 'cpu10' }, [1], { used_pct: [10] }),
      series({ cpu: 'cpu2' }, [1], { used_pct: [2] }),
    );
    const own = { ...panelSpec(panel({ measurement: 'cpu', fields: ['used_pct'] })), tags: {} };
    expect(seriesTable(own, cpu).lines.map((l) => l.label)).toEqual(['cpu2', 'cpu10', 'total']);
    // The default (no panel tags) is the total only: one line.
    expect(seriesTable(panelSpec(panel({ measurement: 'cpu', fields: ['used_pct'] })), cpu).lines.map((l) => l.avg)).toEqual([[50]]);
  });

  it('names a file system by its mount alone when that tells the series apart', () => {
    const tags = [
      { mount: '/', device: 'sda1', fstype: 'ext4' },
      { mount: '/var', device: 'sda2', fstype: 'ext4' },
    ];
    const spec = panelSpec(panel({ measurement: 'fs', fields: ['used_pct'] }));
    expect(seriesLabels(spec, tags)).toEqual(['/', '/var']);
    expect(seriesLabels(spec, [{ mount: '/' }])).toEqual(['']);
    // Two series the naming tag cannot tell apart: every varying tag is used.
    expect(seriesLabels(spec, [{ mount: '/', device: 'a' }, { mount: '/', device: 'b' }])).toEqual(['a', 'b']);
  });

  it('bounds the lines of a panel and tells how many there were', () => {
    const many = answer(...Array.from({ length: 30 }, (_, i) => series({ iface: `eth${i}` }, [1], { rx_bytes_ps: [i] })));
    const { table, total } = limitLines(seriesTable(panelSpec(panel({})), many));
    expect(total).toBe(30);
    expect(table.lines).toHaveLength(MAX_PANEL_LINES);
    expect(table.lines[0]!.label).toBe('eth0');
    expect(limitLines(seriesTable(panelSpec(panel({})), net)).total).toBe(3);
  });
});

describe('host grid mini-graphs', () => {
  it('sums network traffic over interfaces, leaving the loopback out', () => {
    const [net] = hostGridSpecs(['net.rx_bytes_ps', 'net.tx_bytes_ps']);
    const t = gridTable(
      net!,
      answer(
        series({ iface: 'eth0' }, [1, 2, 3], { rx_bytes_ps: [20, 21, 22], tx_bytes_ps: [3, 4, 5] }),
        series({ iface: 'eth1' }, [1, 3], { rx_bytes_ps: [10, 12], tx_bytes_ps: [1, 2] }),
        series({ iface: 'lo' }, [1, 2, 3], { rx_bytes_ps: [1000, 1000, 1000], tx_bytes_ps: [1000, 1000, 1000] }),
      ),
    );
    expect(t.lines.map((l) => l.label)).toEqual(['rx', 'tx']);
    expect(t.lines[0]!.avg).toEqual([30, 21, 34]);
    expect(t.lines[1]!.avg).toEqual([4, 4, 7]);
    expect(hostTable(net!, answer(series({ iface: 'eth0' }, [1], { rx_bytes_ps: [5], tx_bytes_ps: [6] }))).lines.map((l) => l.avg)).toEqual([[5], [6]]);
  });

  it('sums physical disks only and shows the fullest file system', () => {
    const [disk, fs] = hostGridSpecs(['disk.write_bytes_ps', 'fs.used_pct']);
    const d = gridTable(
      disk!,
      answer(
        series({ device: 'sda' }, [1], { write_bytes_ps: [100] }),
        series({ device: 'nvme0n1' }, [1], { write_bytes_ps: [50] }),
        series({ device: 'dm-0' }, [1], { write_bytes_ps: [100] }),
        series({ device: 'md0' }, [1], { write_bytes_ps: [100] }),
      ),
    );
    expect(d.lines.map((l) => l.avg)).toEqual([[150]]);
    const f = gridTable(
      fs!,
      answer(series({ mount: '/', device: 'sda1' }, [1, 2], { used_pct: [40, 41] }), series({ mount: '/var', device: 'sda2' }, [1, 2], { used_pct: [90, null as unknown as number] })),
    );
    expect(f.lines.map((l) => l.avg)).toEqual([[90, 41]]);
  });

  it('folds gaps: nothing reported stays undefined, only gaps stay null', () => {
    const spec = { name: 'n', title: 'n', measurement: 'net', fields: ['rx_bytes_ps'], unit: 'bytesPs' as const };
    const line = (key: string, avg: (number | null | undefined)[]) => ({ key, label: key, avg, min: avg, max: avg });
    const t = combineSeries(spec, { xs: [1, 2, 3], lines: [line('a\u0000rx_bytes_ps', [null, undefined, 1]), line('b\u0000rx_bytes_ps', [null, undefined, 2])] }, 'sum');
    expect(t.lines[0]!.avg).toEqual([null, undefined, 3]);
  });
});
