// The storage screen's arithmetic: how fast the store grows (a least-squares line through its
// recorded sizes) and how many days the free space lasts at that rate.
import type { StorageSample } from '../storageApi';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

/** A fit needs samples spanning at least this share of its window: 6 h of a day, 42 h of a week. */
export const MIN_SPAN_SHARE = 0.25;
export const MIN_SAMPLES = 3;

export interface GrowthFit {
  /** Slope of the fitted line; negative when the store shrank. */
  bytesPerDay: number;
  /** Time between the first and the last sample used. */
  spanMs: number;
  samples: number;
}

/**
 * The store's growth over the window that ends at {@code now}, or null when the samples in it are
 * too few or too close together to say (fewer than {@link MIN_SAMPLES}, or spanning less than
 * {@link MIN_SPAN_SHARE} of the window).
 */
export function fitGrowth(samples: StorageSample[], windowMs: number, now: number): GrowthFit | null {
  const inWindow = samples.filter((s) => s.t > now - windowMs && s.t <= now && Number.isFinite(s.sizeBytes));
  if (inWindow.length < MIN_SAMPLES) return null;
  const first = Math.min(...inWindow.map((s) => s.t));
  const last = Math.max(...inWindow.map((s) => s.t));
  const spanMs = last - first;
  if (spanMs < windowMs * MIN_SPAN_SHARE) return null;
  // Least squares on (days since the first sample, bytes): large epoch values would cost precision.
  const xs = inWindow.map((s) => (s.t - first) / DAY_MS);
  const ys = inWindow.map((s) => s.sizeBytes);
  const n = xs.length;
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - meanX) * (ys[i]! - meanY);
    sxx += (xs[i]! - meanX) ** 2;
  }
  return { bytesPerDay: sxx === 0 ? 0 : sxy / sxx, spanMs, samples: n };
}

export type Projection =
  /** Not enough recorded history to fit a growth rate. */
  | { state: 'insufficient' }
  /** Free space is already below the level at which ingest stops. */
  | { state: 'full' }
  /** The store is not growing (retention drops as much as arrives). */
  | { state: 'notGrowing'; growth: GrowthFit; window: 'day' | 'week' }
  | { state: 'projected'; days: number; growth: GrowthFit; window: 'day' | 'week' };

/**
 * Days until the free space falls to {@code minFreeBytes} (where ingest stops) if the store keeps
 * growing as it did: over the last week when there is enough of it, else over the last day.
 */
export function projectDaysUntilFull(
  samples: StorageSample[],
  freeBytes: number,
  minFreeBytes: number,
  now: number,
): Projection {
  const week = fitGrowth(samples, WEEK_MS, now);
  const day = fitGrowth(samples, DAY_MS, now);
  const growth = week ?? day;
  if (growth === null) return { state: 'insufficient' };
  const window = week ? 'week' : 'day';
  const room = freeBytes - minFreeBytes;
  if (room <= 0) return { state: 'full' };
  if (growth.bytesPerDay <= 0) return { state: 'notGrowing', growth, window };
  return { state: 'projected', days: room / growth.bytesPerDay, growth, window };
}

/** "≈ 12 days" precision: one decimal under ten days, whole days above. */
export function roundDays(days: number): string {
  return days < 10 ? days.toFixed(1) : Math.round(days).toLocaleString('en-US');
}

/** Share of the whole store, in percent (0 for an empty store). */
export function sharePct(bytes: number, total: number): number {
  return total > 0 ? (100 * bytes) / total : 0;
}

/** SVG polyline points of the size history, scaled into width × height (y grows downwards). */
export function historyLine(samples: StorageSample[], width: number, height: number): string {
  if (samples.length < 2) return '';
  const t0 = samples[0]!.t;
  const t1 = samples[samples.length - 1]!.t;
  const sizes = samples.map((s) => s.sizeBytes);
  const lo = Math.min(...sizes);
  const hi = Math.max(...sizes);
  const x = (t: number) => (t1 === t0 ? 0 : ((t - t0) / (t1 - t0)) * width);
  const y = (v: number) => (hi === lo ? height / 2 : height - ((v - lo) / (hi - lo)) * height);
  return samples.map((s) => `${x(s.t).toFixed(1)},${y(s.sizeBytes).toFixed(1)}`).join(' ');
}
