import { describe, expect, it } from 'vitest';
import type { Point } from '../api';
import { fsRows, mergeLatest, netRows, procRows, single, tcpRows, type Latest } from './tables';

const p = (measurement: string, tags: Record<string, string>, fields: Record<string, number>, timestamp = 1000): Point => ({
  measurement,
  tags,
  fields,
  timestamp,
});

describe('mergeLatest', () => {
  it('upserts series by tag identity', () => {
    const start: Latest = { fs: [p('fs', { mount: '/', device: 'sda1' }, { used_pct: 10 }), p('fs', { mount: '/var', device: 'sdb1' }, { used_pct: 20 })] };
    const next = mergeLatest(start, [p('fs', { device: 'sda1', mount: '/' }, { used_pct: 11 }, 2000)]);
    expect(next.fs!.map((q) => q.fields.used_pct)).toEqual([11, 20]);
    expect(start.fs![0]!.fields.used_pct).toBe(10);
  });

  it('treats a host tag as no part of the series identity', () => {
    const start: Latest = { fs: [p('fs', { mount: '/' }, { used_pct: 10 })] };
    const next = mergeLatest(start, [p('fs', { mount: '/', host: 'web-1' }, { used_pct: 12 }, 2000)]);
    expect(next.fs!.map((q) => q.fields.used_pct)).toEqual([12]);
  });

  it('ignores a point older than the one it holds', () => {
    const start: Latest = { mem: [p('mem', {}, { used_pct: 50 }, 5000)] };
    expect(mergeLatest(start, [p('mem', {}, { used_pct: 1 }, 4000)]).mem![0]!.fields.used_pct).toBe(50);
  });

  it('replaces a process ranking whole, leaving the other ranking alone', () => {
    const start: Latest = {
      proc: [
        p('proc', { by: 'cpu', pid: '1', name: 'old', user: 'root' }, { rank: 1, cpu_pct: 5 }),
        p('proc', { by: 'mem', pid: '2', name: 'db', user: 'pg' }, { rank: 1, rss_bytes: 100 }),
      ],
    };
    const next = mergeLatest(start, [
      p('proc', { by: 'cpu', pid: '3', name: 'new', user: 'www' }, { rank: 1, cpu_pct: 50 }, 2000),
      p('proc', { by: 'cpu', pid: '4', name: 'newer', user: 'www' }, { rank: 2, cpu_pct: 40 }, 2000),
    ]);
    expect(procRows(next, 'cpu').map((r) => r.name)).toEqual(['new', 'newer']);
    expect(procRows(next, 'mem').map((r) => r.name)).toEqual(['db']);
  });
});

describe('rows', () => {
  it('lists file systems by mount, numerically', () => {
    const rows = fsRows({
      fs: [
        p('fs', { mount: '/data10', device: 'b', fstype: 'xfs' }, { used_pct: 1 }),
        p('fs', { mount: '/data2', device: 'a', fstype: 'ext4' }, { used_pct: 2, size_bytes: 100, inodes_used_pct: 3 }),
      ],
    });
    expect(rows.map((r) => r.mount)).toEqual(['/data2', '/data10']);
    expect(rows[0]).toMatchObject({ device: 'a', fstype: 'ext4', size: 100, usedPct: 2, inodesPct: 3 });
  });

  it('joins inventory interfaces with their counters', () => {
    const rows = netRows(
      { net: [p('net', { iface: 'eth0' }, { up: 1, speed_bps: 1e9, rx_bytes_ps: 10, tx_bytes_ps: 20, rx_errors_ps: 1, tx_errors_ps: 2, rx_drops_ps: 3 }), p('net', { iface: 'wg0' }, { up: 0, speed_bps: 0 })] },
      [
        { name: 'eth0', mac: 'aa:bb', ipv4: ['10.0.0.2'], ipv6: [], speedBps: 1e9, mtu: 1500 },
        { name: 'eth1', mac: 'cc:dd', ipv4: [], ipv6: ['fe80::1'], speedBps: 1e8, mtu: 1500 },
      ],
    );
    expect(rows.map((r) => r.name)).toEqual(['eth0', 'eth1', 'wg0']);
    expect(rows[0]).toMatchObject({ mac: 'aa:bb', ipv4: ['10.0.0.2'], up: true, speedBps: 1e9, rx: 10, tx: 20, errors: 3, drops: 3 });
    expect(rows[1]).toMatchObject({ up: undefined, speedBps: 1e8, rx: undefined });
    expect(rows[2]).toMatchObject({ up: false, speedBps: undefined, mac: '' });
  });

  it('lists TCP states busy-first with the total last', () => {
    const rows = tcpRows({ tcp: [p('tcp', {}, { total: 12, time_wait: 3, established: 7, listen: 2 })] });
    expect(rows).toEqual([
      { state: 'established', count: 7 },
      { state: 'listen', count: 2 },
      { state: 'time_wait', count: 3 },
      { state: 'total', count: 12 },
    ]);
    expect(tcpRows({})).toEqual([]);
  });

  it('orders processes by rank and accepts the memory ranking under its likely names', () => {
    const rows = procRows(
      {
        proc: [
          p('proc', { by: 'memory', pid: '7', name: 'java', user: 'app' }, { rank: 2, rss_bytes: 1e9 }),
          p('proc', { by: 'memory', pid: '8', name: 'postgres', user: 'pg' }, { rank: 1, rss_bytes: 2e9, read_bytes_ps: 5 }),
        ],
      },
      'mem',
    );
    expect(rows.map((r) => [r.pid, r.name, r.user])).toEqual([
      ['8', 'postgres', 'pg'],
      ['7', 'java', 'app'],
    ]);
    expect(rows[0]).toMatchObject({ rss: 2e9, read: 5, write: undefined });
  });

  it('picks the newest point of a tagless measurement', () => {
    expect(single({ system: [p('system', {}, { uptime_s: 1 }, 1), p('system', {}, { uptime_s: 2 }, 2)] }, 'system')!.fields.uptime_s).toBe(2);
    expect(single({}, 'system')).toBeUndefined();
  });
});
