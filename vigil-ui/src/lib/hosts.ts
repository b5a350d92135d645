// Keeping the host list's figures current from stream points between /hosts refreshes.
import type { HostSummary, Point } from '../api';

/**
 * Per-host memory of the latest value per file system and interface: a host's list figures are a
 * max (disk) and sums (network) over all of them, and one batch may not carry every series.
 */
export interface HostAccumulator {
  fsPct: Map<string, number>;
  rx: Map<string, number>;
  tx: Map<string, number>;
}

export function newAccumulator(): HostAccumulator {
  return { fsPct: new Map(), rx: new Map(), tx: new Map() };
}

/** Loopback traffic is the host talking to itself; it is not network load. */
export function isLoopback(iface: string): boolean {
  return iface === 'lo' || /^lo\d*$/.test(iface) || /loopback/i.test(iface);
}

function sum(m: Map<string, number>): number {
  let s = 0;
  for (const v of m.values()) s += v;
  return s;
}

/** Returns the host row updated with what these points say (the row itself is not modified). */
export function applyPoints(host: HostSummary, acc: HostAccumulator, points: Point[]): HostSummary {
  const next = { ...host };
  let touchedFs = false;
  let touchedNet = false;
  for (const p of points) {
    const f = p.fields;
    next.lastSeen = Math.max(next.lastSeen ?? 0, p.timestamp);
    switch (p.measurement) {
      case 'cpu':
        if (p.tags.cpu === 'total') {
          if (f.used_pct !== undefined) next.cpuPct = f.used_pct;
          else if (f.idle_pct !== undefined) next.cpuPct = 100 - f.idle_pct;
        }
        break;
      case 'mem':
        if (f.used_pct !== undefined) next.memPct = f.used_pct;
        break;
      case 'load':
        if (f.load1 !== undefined) next.load1 = f.load1;
        break;
      case 'fs':
        if (p.tags.mount !== undefined && f.used_pct !== undefined) {
          acc.fsPct.set(p.tags.mount, f.used_pct);
          touchedFs = true;
        }
        break;
      case 'net': {
        const iface = p.tags.iface;
        if (iface === undefined || isLoopback(iface)) break;
        if (f.rx_bytes_ps !== undefined) acc.rx.set(iface, f.rx_bytes_ps);
        if (f.tx_bytes_ps !== undefined) acc.tx.set(iface, f.tx_bytes_ps);
        touchedNet = true;
        break;
      }
    }
  }
  if (touchedFs) next.diskMaxPct = Math.max(...acc.fsPct.values());
  if (touchedNet) {
    next.netRxBytesPs = sum(acc.rx);
    next.netTxBytesPs = sum(acc.tx);
  }
  // Data just arrived, so the host is up even if the "host" event is still on its way.
  if (points.length > 0) next.online = true;
  return next;
}

/** Case-insensitive match on the columns a user would type: name, key, OS. */
export function matchesFilter(host: HostSummary, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (!needle) return true;
  return [host.hostname, host.key, host.os ?? ''].some((s) => s.toLowerCase().includes(needle));
}
