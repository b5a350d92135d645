import { describe, expect, it } from 'vitest';
import { fromLocalInput, resolveRange, selectionFromQuery, selectionToQuery, slideToNow, toLocalInput } from './range';
import { userTimeZone } from './time';

const now = Date.UTC(2025, 10, 21, 12, 0, 0);

describe('resolveRange', () => {
  it('makes presets end now and follow live data', () => {
    expect(resolveRange({ kind: 'preset', preset: '15m' }, now)).toEqual({ from: now - 900_000, to: now, live: true });
    expect(resolveRange({ kind: 'preset', preset: '30d' }, now).from).toBe(now - 30 * 86_400_000);
  });
  it('keeps custom ranges fixed', () => {
    expect(resolveRange({ kind: 'custom', from: 1000, to: 5000 }, now)).toEqual({ from: 1000, to: 5000, live: false });
  });
});

describe('route query round trip', () => {
  it('reads presets and custom ranges', () => {
    expect(selectionFromQuery({ range: '6h' })).toEqual({ kind: 'preset', preset: '6h' });
    expect(selectionFromQuery({ from: '1000', to: '2000' })).toEqual({ kind: 'custom', from: 1000, to: 2000 });
  });
  it('falls back to 1h on anything invalid', () => {
    expect(selectionFromQuery({})).toEqual({ kind: 'preset', preset: '1h' });
    expect(selectionFromQuery({ range: '2y' })).toEqual({ kind: 'preset', preset: '1h' });
    expect(selectionFromQuery({ range: 'toString' })).toEqual({ kind: 'preset', preset: '1h' });
    expect(selectionFromQuery({ from: '3000', to: '2000' })).toEqual({ kind: 'preset', preset: '1h' });
    expect(selectionFromQuery({ from: 'abc', to: '2000' })).toEqual({ kind: 'preset', preset: '1h' });
  });
  it('writes what it reads', () => {
    for (const sel of [{ kind: 'preset', preset: '7d' } as const, { kind: 'custom', from: 10, to: 20 } as const]) {
      expect(selectionFromQuery(selectionToQuery(sel))).toEqual(sel);
    }
  });
});

describe('datetime-local inputs', () => {
  it('round-trips local time at minute precision', () => {
    const ms = new Date(2025, 0, 2, 3, 4, 0).getTime();
    expect(toLocalInput(ms)).toBe('2025-01-02T03:04');
    expect(fromLocalInput('2025-01-02T03:04')).toBe(ms);
    expect(fromLocalInput(toLocalInput(ms + 59_000))).toBe(ms);
  });
  it("reads and writes the user's time zone, not the browser's", () => {
    const before = userTimeZone.value;
    try {
      userTimeZone.value = 'Asia/Seoul';
      const ms = Date.UTC(2025, 0, 1, 18, 4); // 2025-01-02 03:04 in Seoul (UTC+9)
      expect(toLocalInput(ms)).toBe('2025-01-02T03:04');
      expect(fromLocalInput('2025-01-02T03:04')).toBe(ms);
      userTimeZone.value = 'Europe/Paris';
      // The hour after the spring-forward gap still maps back onto itself.
      const summer = Date.UTC(2025, 2, 30, 1, 30); // 03:30 CEST
      expect(toLocalInput(summer)).toBe('2025-03-30T03:30');
      expect(fromLocalInput('2025-03-30T03:30')).toBe(summer);
    } finally {
      userTimeZone.value = before;
    }
  });
  it('rejects empty or malformed values', () => {
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('yesterday')).toBeNull();
  });
});

describe('slideToNow', () => {
  it('moves a live range to end now and leaves a fixed one alone', () => {
    expect(slideToNow({ from: 1000, to: 2000, live: true }, 5000)).toEqual({ from: 4000, to: 5000, live: true });
    const fixed = { from: 1000, to: 2000, live: false };
    expect(slideToNow(fixed, 5000)).toBe(fixed);
  });
});
