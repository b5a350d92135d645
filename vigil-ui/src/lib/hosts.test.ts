import { describe, expect, it } from 'vitest';
import type { HostSummary, Point } from '../api';
import { applyPoints, isLoopback, matchesFilter, newAccumulator } from './hosts';

const host: HostSummary = {
  key: 'web-1',
  hostname: 'web-1',
  os: 'Debian GNU/Linux 13',
  online: false,
  lastSeen: 1000,
  agentVersion: '0.1.0',
  cpuPct: null,
  memPct: null,
  diskMaxPct: null,
  netRxBytesPs: null,
  netTxBytesPs: null,
  load1: null,
};
const p = (measurement: string, tags: Record<string, string>, fields: Record<string, number>, timestamp = 5000): Point => ({
  measurement,
  tags,
  fields,
  timestamp,
});

describe('applyPoints', () => {
  it('takes CPU, memory and load from the matching points', () => {
    const next = applyPoints(host, newAccumulator(), [
      p('cpu', { cpu: 'total' }, { used_pct: 37.5 }),
      p('cpu', { cpu: '0' }, { used_pct: 99 }),
      p('mem', {}, { used_pct: 61 }),
      p('load', {}, { load1: 0.42, load5: 1 }),
    ]);
    expect(next).toMatchObject({ cpuPct: 37.5, memPct: 61, load1: 0.42, lastSeen: 5000, online: true });
    expect(host.cpuPct).toBeNull();
  });

  it('derives CPU from idle when used is absent', () => {
    expect(applyPoints(host, newAccumulator(), [p('cpu', { cpu: 'total' }, { idle_pct: 80 })]).cpuPct).toBe(20);
  });

  it('keeps the disk maximum across batches that carry different mounts', () => {
    const acc = newAccumulator();
    let next = applyPoints(host, acc, [p('fs', { mount: '/' }, { used_pct: 40 }), p('fs', { mount: '/var' }, { used_pct: 85 })]);
    expect(next.diskMaxPct).toBe(85);
    next = applyPoints(next, acc, [p('fs', { mount: '/' }, { used_pct: 50 })]);
    expect(next.diskMaxPct).toBe(85);
    next = applyPoints(next, acc, [p('fs', { mount: '/var' }, { used_pct: 10 })]);
    expect(next.diskMaxPct).toBe(50);
  });

  it('sums network rates over interfaces, leaving out loopback', () => {
    const next = applyPoints(host, newAccumulator(), [
      p('net', { iface: 'eth0' }, { rx_bytes_ps: 100, tx_bytes_ps: 10 }),
      p('net', { iface: 'eth1' }, { rx_bytes_ps: 50, tx_bytes_ps: 5 }),
      p('net', { iface: 'lo' }, { rx_bytes_ps: 1e9, tx_bytes_ps: 1e9 }),
    ]);
    expect(next.netRxBytesPs).toBe(150);
    expect(next.netTxBytesPs).toBe(15);
  });

  it('leaves figures alone that the batch does not mention', () => {
    const next = applyPoints({ ...host, memPct: 12, diskMaxPct: 30 }, newAccumulator(), [p('load', {}, { load1: 1 })]);
    expect(next.memPct).toBe(12);
    expect(next.diskMaxPct).toBe(30);
    expect(next.netRxBytesPs).toBeNull();
  });

  it('never moves last seen backwards', () => {
    expect(applyPoints({ ...host, lastSeen: 9000 }, newAccumulator(), [p('load', {}, { load1: 1 }, 5000)]).lastSeen).toBe(9000);
  });
});

describe('helpers', () => {
  it('recognises loopback names', () => {
    expect(isLoopback('lo')).toBe(true);
    expect(isLoopback('lo0')).toBe(true);
    expect(isLoopback('Loopback Pseudo-Interface 1')).toBe(true);
    expect(isLoopback('eth0')).toBe(false);
    expect(isLoopback('lxcbr0')).toBe(false);
  });
  it('filters on hostname, key and OS, case-insensitively', () => {
    expect(matchesFilter(host, '')).toBe(true);
    expect(matchesFilter(host, 'WEB')).toBe(true);
    expect(matchesFilter(host, 'debian')).toBe(true);
    expect(matchesFilter(host, 'windows')).toBe(false);
  });
});
