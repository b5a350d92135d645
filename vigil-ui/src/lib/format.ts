// Human-readable figures. Bytes use binary prefixes (what `free` and `df -h` show); link speeds
// use decimal bit prefixes (what NIC vendors print). Missing values render as an en dash.

import { i18n } from '../i18n';
import { formatInstant } from './time';

export const MISSING = '–';

/** "5 min" / "5분": a count with a unit of time in the current language. */
export function unitText(n: number, unit: 'd' | 'h' | 'min' | 's'): string {
  return i18n.global.t(`common.units.${unit}`, { n });
}

type Maybe = number | null | undefined;

function present(v: Maybe): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function scaled(value: number, base: number, units: string[]): string {
  let i = 0;
  let v = Math.abs(value);
  while (v >= base && i < units.length - 1) {
    v /= base;
    i++;
  }
  let digits = i === 0 || v >= 100 ? 0 : 1;
  // 1023.99 MiB would print as "1024 MiB": what rounds up to the next unit is shown in it.
  if (Number(v.toFixed(digits)) >= base && i < units.length - 1) {
    v /= base;
    i++;
    digits = 1;
  }
  return `${value < 0 ? '-' : ''}${v.toFixed(digits)} ${units[i]}`;
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
const BIT_UNITS = ['bit/s', 'kbit/s', 'Mbit/s', 'Gbit/s', 'Tbit/s'];

export function formatBytes(v: Maybe): string {
  return present(v) ? scaled(v, 1024, BYTE_UNITS) : MISSING;
}

export function formatByteRate(v: Maybe): string {
  return present(v) ? `${scaled(v, 1024, BYTE_UNITS)}/s` : MISSING;
}

export function formatBitRate(v: Maybe): string {
  return present(v) ? scaled(v, 1000, BIT_UNITS) : MISSING;
}

export function formatPct(v: Maybe): string {
  return present(v) ? `${v.toFixed(v !== 0 && Math.abs(v) < 10 ? 1 : 0)} %` : MISSING;
}

export function formatNumber(v: Maybe, digits = 0): string {
  return present(v) ? v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : MISSING;
}

/** A duration in seconds as its two largest units: "3 d 4 h", "5 min 2 s". */
export function formatDuration(seconds: Maybe): string {
  if (!present(seconds) || seconds < 0) return MISSING;
  const s = Math.floor(seconds);
  const parts: [number, 'd' | 'h' | 'min' | 's'][] = [
    [Math.floor(s / 86400), 'd'],
    [Math.floor((s % 86400) / 3600), 'h'],
    [Math.floor((s % 3600) / 60), 'min'],
    [s % 60, 's'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first < 0) return unitText(0, 's');
  return parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, u]) => unitText(n, u))
    .join(' ');
}

/** How long ago an epoch-millisecond instant was, coarsely: "12 s ago", "3 h ago". */
export function formatAgo(ts: Maybe, now: number): string {
  const t = i18n.global.t;
  if (!present(ts)) return t('common.never');
  const s = Math.max(0, Math.round((now - ts) / 1000));
  const ago = (n: number, unit: 'd' | 'h' | 'min' | 's') => t('common.ago', { time: unitText(n, unit) });
  if (s < 60) return ago(s, 's');
  if (s < 3600) return ago(Math.floor(s / 60), 'min');
  if (s < 86400) return ago(Math.floor(s / 3600), 'h');
  return ago(Math.floor(s / 86400), 'd');
}

/** An instant in the user's time zone and language (see lib/time.ts). */
export function formatTime(ts: Maybe): string {
  return present(ts) ? formatInstant(ts) : MISSING;
}

/** What a chart's values are, deciding axis and legend formatting. */
export type Unit = 'pct' | 'bytes' | 'bytesPs' | 'count' | 'load' | 'ms' | 'status' | 'reqPs';

const EXIT_STATUS = ['OK', 'WARNING', 'CRITICAL', 'UNKNOWN'];

export function formatUnit(unit: Unit, v: Maybe): string {
  switch (unit) {
    case 'pct':
      return formatPct(v);
    case 'bytes':
      return formatBytes(v);
    case 'bytesPs':
      return formatByteRate(v);
    case 'count':
      return formatNumber(v);
    case 'load':
      return formatNumber(v, 2);
    case 'ms':
      return present(v) ? `${formatNumber(v, Math.abs(v) < 10 ? 2 : Math.abs(v) < 100 ? 1 : 0)} ms` : MISSING;
    case 'reqPs':
      return present(v) ? `${formatNumber(v, Math.abs(v) < 10 ? 2 : Math.abs(v) < 100 ? 1 : 0)}/s` : MISSING;
    case 'status':
      // Nagios exit codes; rollup averages fall between two, so show the nearest.
      return present(v) ? (EXIT_STATUS[Math.min(3, Math.max(0, Math.round(v)))] ?? MISSING) : MISSING;
  }
}

/**
 * Boot time as epoch ms. OSHI reports seconds since the epoch; the API promises milliseconds.
 * Accept both, since no real boot time in ms is below 1e11 (that would be March 1973).
 */
export function bootTimeMs(v: Maybe): number | null {
  if (!present(v) || v <= 0) return null;
  return v < 1e11 ? v * 1000 : v;
}

/** The unit a field's name implies (see Measurements: _pct, _bytes, _bytes_ps, _ms, load*). */
export function unitOfField(field: string): Unit {
  if (field.endsWith('_pct')) return 'pct';
  if (field.endsWith('_bytes_ps')) return 'bytesPs';
  if (field.endsWith('_bytes')) return 'bytes';
  if (field.endsWith('_ms')) return 'ms';
  if (field.startsWith('load')) return 'load';
  return 'count';
}
