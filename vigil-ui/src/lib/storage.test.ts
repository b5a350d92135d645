import { describe, expect, it } from 'vitest';
import type { StorageSample } from '../storageApi';
import { DAY_MS, HOUR_MS, fitGrowth, historyLine, projectDaysUntilFull, roundDays, sharePct } from './storage';

const GIB = 1024 ** 3;
const NOW = Date.UTC(2026, 11, 7, 12, 0, 0);

/** Samples every {@code stepMs} over {@code spanMs} ending at NOW, size = f(ms before now). */
function history(spanMs: number, stepMs: number, size: (agoMs: number) => number): StorageSample[] {
  const samples: StorageSample[] = [];
  for (let ago = spanMs; ago >= 0; ago -= stepMs) {
    samples.push({ t: NOW - ago, sizeBytes: size(ago), freeBytes: null });
  }
  return samples;
}

describe('fitGrowth', () => {
  it('finds the slope of a steadily growing store', () => {
    const samples = history(3 * DAY_MS, HOUR_MS, (ago) => 10 * GIB - (ago / DAY_MS) * GIB);
    const fit = fitGrowth(samples, 7 * DAY_MS, NOW)!;
    expect(fit.bytesPerDay).toBeCloseTo(GIB, -1);
    expect(fit.samples).toBe(73);
    expect(fit.spanMs).toBe(3 * DAY_MS);
  });

  it('fits through noise and steps (a new partition pre-allocates its files)', () => {
    // 100 MiB a day plus a 16 MiB step at every midnight and ±4 MiB jitter.
    const MIB = 1024 ** 2;
    const samples = history(7 * DAY_MS, HOUR_MS, (ago) => {
      const days = 7 - ago / DAY_MS;
      return GIB + days * 100 * MIB + Math.floor(days) * 16 * MIB + (Math.round(ago / HOUR_MS) % 2 === 0 ? 4 : -4) * MIB;
    });
    const fit = fitGrowth(samples, 7 * DAY_MS, NOW)!;
    expect(fit.bytesPerDay / MIB).toBeGreaterThan(110);
    expect(fit.bytesPerDay / MIB).toBeLessThan(122);
  });

  it('says nothing with too few samples or too short a span', () => {
    expect(fitGrowth([], DAY_MS, NOW)).toBeNull();
    expect(fitGrowth(history(2 * HOUR_MS, HOUR_MS, () => GIB), DAY_MS, NOW)).toBeNull(); // 3 samples, 2 h
    expect(fitGrowth(history(5 * HOUR_MS, 5 * 60_000, () => GIB), DAY_MS, NOW)).toBeNull(); // 5 h < 6 h
    expect(fitGrowth(history(6 * HOUR_MS, 5 * 60_000, () => GIB), DAY_MS, NOW)).not.toBeNull();
    // a week needs 42 hours
    expect(fitGrowth(history(30 * HOUR_MS, HOUR_MS, () => GIB), 7 * DAY_MS, NOW)).toBeNull();
  });

  it('only uses the samples inside its window', () => {
    // Fast growth a week ago, none in the last day.
    const samples = history(7 * DAY_MS, HOUR_MS, (ago) => (ago > DAY_MS ? GIB + (7 * DAY_MS - ago) : 2 * GIB));
    expect(fitGrowth(samples, DAY_MS, NOW)!.bytesPerDay).toBe(0);
    expect(fitGrowth(samples, 7 * DAY_MS, NOW)!.bytesPerDay).toBeGreaterThan(0);
  });
});

describe('projectDaysUntilFull', () => {
  const growing = history(3 * DAY_MS, HOUR_MS, (ago) => 10 * GIB - (ago / DAY_MS) * GIB);

  it('divides the room above the ingest stop by the daily growth', () => {
    const p = projectDaysUntilFull(growing, 50.5 * GIB, 0.5 * GIB, NOW);
    expect(p.state).toBe('projected');
    if (p.state !== 'projected') return;
    expect(p.days).toBeCloseTo(50, 6);
    expect(p.window).toBe('week');
  });

  it('uses the last day when there is not a week yet', () => {
    const p = projectDaysUntilFull(history(12 * HOUR_MS, 5 * 60_000, (ago) => 5 * GIB - (ago / DAY_MS) * 2 * GIB), 21 * GIB, GIB, NOW);
    expect(p).toMatchObject({ state: 'projected', window: 'day' });
    if (p.state === 'projected') expect(p.days).toBeCloseTo(10, 6);
  });

  it('is honest about what it cannot know', () => {
    expect(projectDaysUntilFull([], 10 * GIB, GIB, NOW)).toEqual({ state: 'insufficient' });
    expect(projectDaysUntilFull(growing, 0.4 * GIB, 0.5 * GIB, NOW)).toEqual({ state: 'full' });
    const flat = history(3 * DAY_MS, HOUR_MS, () => 3 * GIB);
    expect(projectDaysUntilFull(flat, 10 * GIB, GIB, NOW)).toMatchObject({ state: 'notGrowing' });
    const shrinking = history(3 * DAY_MS, HOUR_MS, (ago) => 3 * GIB + ago);
    expect(projectDaysUntilFull(shrinking, 10 * GIB, GIB, NOW)).toMatchObject({ state: 'notGrowing' });
  });
});

describe('formatting helpers', () => {
  it('rounds days and shares', () => {
    expect(roundDays(3.04)).toBe('3.0');
    expect(roundDays(9.96)).toBe('10.0');
    expect(roundDays(123.4)).toBe('123');
    expect(roundDays(4321.6)).toBe('4,322');
    expect(sharePct(25, 200)).toBe(12.5);
    expect(sharePct(1, 0)).toBe(0);
  });

  it('draws the history inside the box, oldest on the left, largest at the top', () => {
    const line = historyLine(
      [
        { t: 0, sizeBytes: 10, freeBytes: null },
        { t: 50, sizeBytes: 20, freeBytes: null },
        { t: 100, sizeBytes: 15, freeBytes: null },
      ],
      200,
      40,
    );
    expect(line).toBe('0.0,40.0 100.0,0.0 200.0,20.0');
    expect(historyLine([{ t: 0, sizeBytes: 1, freeBytes: null }], 200, 40)).toBe('');
  });
});
