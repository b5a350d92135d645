// The host page's graphs, one per agent measurement (several for the measurements that mix units).
import { isLoopback } from './hosts';
import type { ChartSpec } from './series';

export const HOST_CHARTS: ChartSpec[] = [
  {
    name: 'cpu',
    title: 'CPU (total)',
    measurement: 'cpu',
    tags: { cpu: 'total' },
    fields: ['user_pct', 'system_pct', 'iowait_pct', 'steal_pct'],
    unit: 'pct',
  },
  {
    name: 'cpu-cores',
    title: 'CPU used per core',
    measurement: 'cpu',
    fields: ['used_pct'],
    splitBy: 'cpu',
    accept: (tags) => tags.cpu !== 'total',
    unit: 'pct',
  },
  { name: 'load', title: 'Load average', measurement: 'load', fields: ['load1', 'load5', 'load15'], unit: 'load' },
  { name: 'mem', title: 'Memory', measurement: 'mem', fields: ['used_bytes', 'available_bytes'], unit: 'bytes' },
  { name: 'mem-pct', title: 'Memory used %', measurement: 'mem', fields: ['used_pct'], unit: 'pct' },
  { name: 'swap', title: 'Swap', measurement: 'swap', fields: ['used_bytes', 'free_bytes'], unit: 'bytes' },
  { name: 'fs', title: 'File systems used %', measurement: 'fs', fields: ['used_pct'], splitBy: 'mount', unit: 'pct' },
  {
    name: 'disk',
    title: 'Disk read / write',
    measurement: 'disk',
    fields: ['read_bytes_ps', 'write_bytes_ps'],
    splitBy: 'device',
    unit: 'bytesPs',
  },
  { name: 'disk-busy', title: 'Disk busy %', measurement: 'disk', fields: ['busy_pct'], splitBy: 'device', unit: 'pct' },
  {
    name: 'net',
    title: 'Network rx / tx',
    measurement: 'net',
    fields: ['rx_bytes_ps', 'tx_bytes_ps'],
    splitBy: 'iface',
    // Loopback traffic would dwarf the real links; the interface table still lists it.
    accept: (tags) => !isLoopback(tags.iface ?? ''),
    unit: 'bytesPs',
  },
  {
    name: 'tcp',
    title: 'TCP connections by state',
    measurement: 'tcp',
    fields: ['established', 'listen', 'time_wait', 'close_wait', 'syn_sent', 'syn_recv', 'fin_wait1', 'fin_wait2', 'last_ack', 'closing'],
    unit: 'count',
  },
  { name: 'procs', title: 'Processes / threads', measurement: 'system', fields: ['processes', 'threads'], unit: 'count' },
];
