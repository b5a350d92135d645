import { describe, expect, it } from 'vitest';
import {
  bootTimeMs,
  formatAgo,
  formatBitRate,
  formatByteRate,
  formatBytes,
  formatDuration,
  formatNumber,
  formatPct,
  formatUnit,
  MISSING,
} from './format';

describe('formatBytes', () => {
  it('uses binary prefixes with one decimal below 100', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(8 * 1024 ** 3)).toBe('8.0 GiB');
    expect(formatBytes(250 * 1024 ** 2)).toBe('250 MiB');
  });
  it('moves a value that rounds up to the next unit into it', () => {
    expect(formatBytes(1024 ** 3 - 1000)).toBe('1.0 GiB');
    expect(formatBytes(1023.6 * 1024)).toBe('1.0 MiB');
    expect(formatBytes(1023.4 * 1024)).toBe('1023 KiB');
  });
  it('renders missing values as a dash', () => {
    expect(formatBytes(null)).toBe(MISSING);
    expect(formatBytes(undefined)).toBe(MISSING);
    expect(formatBytes(Number.NaN)).toBe(MISSING);
  });
  it('keeps the sign of negative numbers', () => {
    expect(formatBytes(-2048)).toBe('-2.0 KiB');
  });
});

describe('rates', () => {
  it('formats bytes per second', () => {
    expect(formatByteRate(1.25 * 1024 ** 2)).toBe('1.3 MiB/s');
  });
  it('formats link speeds in decimal bits', () => {
    expect(formatBitRate(1e9)).toBe('1.0 Gbit/s');
    expect(formatBitRate(100e6)).toBe('100 Mbit/s');
    expect(formatBitRate(25e9)).toBe('25.0 Gbit/s');
  });
});

describe('formatPct and formatNumber', () => {
  it('shows one decimal for small percentages only', () => {
    expect(formatPct(3.14159)).toBe('3.1 %');
    expect(formatPct(42.6)).toBe('43 %');
    expect(formatPct(0)).toBe('0 %');
    expect(formatPct(null)).toBe(MISSING);
  });
  it('rounds to the requested digits', () => {
    expect(formatNumber(1.234, 2)).toBe('1.23');
    expect(formatNumber(12345)).toBe('12,345');
  });
});

describe('formatDuration', () => {
  it('shows the two largest units', () => {
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(5 * 60 + 2)).toBe('5 min 2 s');
    expect(formatDuration(3 * 86400 + 4 * 3600 + 59)).toBe('3 d 4 h');
    expect(formatDuration(86400 + 30)).toBe('1 d');
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(-1)).toBe(MISSING);
  });
});

describe('formatAgo', () => {
  const now = 1_700_000_000_000;
  it('says how long ago, coarsely', () => {
    expect(formatAgo(now - 12_000, now)).toBe('12 s ago');
    expect(formatAgo(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatAgo(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(formatAgo(now - 2 * 86_400_000, now)).toBe('2 d ago');
  });
  it('never goes negative for clocks slightly ahead, and says never for no data', () => {
    expect(formatAgo(now + 1500, now)).toBe('0 s ago');
    expect(formatAgo(null, now)).toBe('never');
  });
});

describe('formatUnit', () => {
  it('dispatches on the chart unit', () => {
    expect(formatUnit('pct', 50)).toBe('50 %');
    expect(formatUnit('bytes', 2048)).toBe('2.0 KiB');
    expect(formatUnit('bytesPs', 2048)).toBe('2.0 KiB/s');
    expect(formatUnit('count', 7)).toBe('7');
    expect(formatUnit('load', 0.5)).toBe('0.50');
    expect(formatUnit('ms', 1.234)).toBe('1.23 ms');
    expect(formatUnit('ms', 1234.5)).toBe('1,235 ms');
    expect(formatUnit('status', 0)).toBe('OK');
    expect(formatUnit('status', 2)).toBe('CRITICAL');
    expect(formatUnit('status', 3)).toBe('UNKNOWN');
    expect(formatUnit('status', null)).toBe('–');
    expect(formatUnit('reqPs', 1.5)).toBe('1.50/s');
    expect(formatUnit('reqPs', 1234)).toBe('1,234/s');
  });
});

describe('bootTimeMs', () => {
  it('accepts seconds (OSHI) and milliseconds (API)', () => {
    expect(bootTimeMs(1_700_000_000)).toBe(1_700_000_000_000);
    expect(bootTimeMs(1_700_000_000_000)).toBe(1_700_000_000_000);
    expect(bootTimeMs(0)).toBeNull();
    expect(bootTimeMs(null)).toBeNull();
  });
});
