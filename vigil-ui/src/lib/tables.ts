// The host page's tables: the latest point per series, kept current from the stream, and the
// row shapes each table renders.
import type { NetworkInterfaceInfo, Point } from '../api';

export type Latest = Record<string, Point[]>;

/**
 * Series identity within one host. The server may stamp a `host` tag on stream points and not on
 * /latest ones (or the reverse); that must not make the same file system appear twice.
 */
function seriesId(p: Point): string {
  return Object.keys(p.tags)
    .filter((k) => k !== 'host')
    .sort()
    .map((k) => `${k}=${p.tags[k]}`)
    .join(',');
}

/**
 * Folds stream points into the latest map. Most series are upserted by tag identity; `proc` is a
 * top-N snapshot per ranking, so a new snapshot replaces the old one whole — otherwise processes
 * that dropped out of the top N would linger forever.
 */
export function mergeLatest(latest: Latest, points: Point[]): Latest {
  const next: Latest = { ...latest };
  const replacedProcRankings = new Set<string>();
  for (const p of points) {
    let list = [...(next[p.measurement] ?? [])];
    if (p.measurement === 'proc') {
      const by = p.tags.by ?? '';
      if (!replacedProcRankings.has(by)) {
        replacedProcRankings.add(by);
        list = list.filter((q) => (q.tags.by ?? '') !== by);
      }
    }
    const id = seriesId(p);
    const i = list.findIndex((q) => seriesId(q) === id);
    if (i < 0) list.push(p);
    else if (list[i]!.timestamp <= p.timestamp) list[i] = p;
    next[p.measurement] = list;
  }
  return next;
}

/** The single point of a tagless measurement (mem, load, tcp, system), if any. */
export function single(latest: Latest, measurement: string): Point | undefined {
  const list = latest[measurement] ?? [];
  return list.reduce<Point | undefined>((a, p) => (a === undefined || p.timestamp > a.timestamp ? p : a), undefined);
}

const collator = new Intl.Collator('en', { numeric: true });

export interface FsRow {
  mount: string;
  device: string;
  fstype: string;
  size: number | undefined;
  used: number | undefined;
  free: number | undefined;
  usedPct: number | undefined;
  inodesPct: number | undefined;
}

export function fsRows(latest: Latest): FsRow[] {
  return (latest.fs ?? [])
    .map((p) => ({
      mount: p.tags.mount ?? '?',
      device: p.tags.device ?? '',
      fstype: p.tags.fstype ?? '',
      size: p.fields.size_bytes,
      used: p.fields.used_bytes,
      free: p.fields.free_bytes,
      usedPct: p.fields.used_pct,
      inodesPct: p.fields.inodes_used_pct,
    }))
    .sort((a, b) => collator.compare(a.mount, b.mount));
}

export interface NetRow {
  name: string;
  mac: string;
  ipv4: string[];
  ipv6: string[];
  up: boolean | undefined;
  speedBps: number | undefined;
  rx: number | undefined;
  tx: number | undefined;
  errors: number | undefined;
  drops: number | undefined;
}

function sumFields(p: Point | undefined, names: string[]): number | undefined {
  if (!p) return undefined;
  const present = names.map((n) => p.fields[n]).filter((v): v is number => v !== undefined);
  return present.length ? present.reduce((a, b) => a + b, 0) : undefined;
}

/** Interfaces from the inventory joined with their latest counters; either side may be missing. */
export function netRows(latest: Latest, inventory: NetworkInterfaceInfo[]): NetRow[] {
  const points = new Map((latest.net ?? []).map((p) => [p.tags.iface ?? '?', p]));
  const names = new Set([...inventory.map((i) => i.name), ...points.keys()]);
  const info = new Map(inventory.map((i) => [i.name, i]));
  return [...names].sort(collator.compare).map((name) => {
    const p = points.get(name);
    const inv = info.get(name);
    const speed = p?.fields.speed_bps ?? inv?.speedBps;
    return {
      name,
      mac: inv?.mac ?? '',
      ipv4: inv?.ipv4 ?? [],
      ipv6: inv?.ipv6 ?? [],
      up: p?.fields.up === undefined ? undefined : p.fields.up > 0,
      // Agents report an unknown link speed as 0 or a negative number.
      speedBps: speed !== undefined && speed > 0 ? speed : undefined,
      rx: p?.fields.rx_bytes_ps,
      tx: p?.fields.tx_bytes_ps,
      errors: sumFields(p, ['rx_errors_ps', 'tx_errors_ps']),
      drops: p?.fields.rx_drops_ps,
    };
  });
}

/** Display order of TCP states: the busy ones first, as `ss -s` does. */
export const TCP_STATES = [
  'established',
  'listen',
  'time_wait',
  'close_wait',
  'syn_sent',
  'syn_recv',
  'fin_wait1',
  'fin_wait2',
  'last_ack',
  'closing',
  'close',
];

export interface TcpRow {
  state: string;
  count: number;
}

export function tcpRows(latest: Latest): TcpRow[] {
  const p = single(latest, 'tcp');
  if (!p) return [];
  const rows = TCP_STATES.filter((s) => p.fields[s] !== undefined).map((s) => ({ state: s, count: p.fields[s]! }));
  if (p.fields.total !== undefined) rows.push({ state: 'total', count: p.fields.total });
  return rows;
}

export interface ProcRow {
  pid: string;
  name: string;
  user: string;
  cpuPct: number | undefined;
  rss: number | undefined;
  read: number | undefined;
  write: number | undefined;
}

/** Which `by` tag values mean which ranking; the agent's exact spelling is not pinned down yet. */
export const PROC_RANKINGS = {
  cpu: ['cpu'],
  mem: ['mem', 'memory', 'rss'],
} as const;

export function procRows(latest: Latest, ranking: keyof typeof PROC_RANKINGS): ProcRow[] {
  const accepted: readonly string[] = PROC_RANKINGS[ranking];
  const sortKey = (p: Point) =>
    p.fields.rank ?? -(ranking === 'cpu' ? (p.fields.cpu_pct ?? 0) : (p.fields.rss_bytes ?? 0));
  return (latest.proc ?? [])
    .filter((p) => accepted.includes(p.tags.by ?? ''))
    .sort((a, b) => sortKey(a) - sortKey(b))
    .map((p) => ({
      pid: p.tags.pid ?? '',
      name: p.tags.name ?? '',
      user: p.tags.user ?? '',
      cpuPct: p.fields.cpu_pct,
      rss: p.fields.rss_bytes,
      read: p.fields.read_bytes_ps,
      write: p.fields.write_bytes_ps,
    }));
}
