// Times in the user's own time zone (a per-user preference), not the browser's. Every view formats
// instants through these helpers so a change of preference re-renders everything consistently.
import { ref } from 'vue';

export const userTimeZone = ref<string>(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');

/** The languages' conventional formatting, e.g. "2026. 11. 21. 오후 3:04:05" for Korean. */
export const userLocale = ref<string>('en');

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function formatInstant(ts: number | null | undefined, options: Intl.DateTimeFormatOptions = {}): string {
  if (typeof ts !== 'number' || !Number.isFinite(ts)) return '–';
  return new Intl.DateTimeFormat(userLocale.value === 'ko' ? 'ko-KR' : 'en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
    timeZone: userTimeZone.value,
    ...options,
  }).format(new Date(ts));
}

/** Every IANA zone the browser knows, for the preference picker. */
export function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : ['UTC'];
}

/** The wall clock of `ms` in `zone` as [year, month (1-12), day, hour, minute, second]. */
export function wallClock(ms: number, zone: string = userTimeZone.value): number[] {
  const parts = new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone: zone,
  }).formatToParts(new Date(ms));
  return ['year', 'month', 'day', 'hour', 'minute', 'second'].map((type) => Number(parts.find((p) => p.type === type)?.value));
}

/** Offset of `zone` from UTC at `ms`, in ms (positive east of Greenwich). */
export function zoneOffset(ms: number, zone: string): number {
  const [y, mo, d, h, mi, s] = wallClock(ms, zone);
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) - Math.floor(ms / 1000) * 1000;
}
