import { describe, expect, it } from 'vitest';
import { formatDays, formatOneOff, formatWeekly, intervalState, isTimeOfDay, parseDays, untilText } from './windows';

describe('weekly windows', () => {
  it('parses days in week order', () => {
    expect(parseDays('sun, MON,tue,MON,xyz')).toEqual(['MON', 'TUE', 'SUN']);
    expect(parseDays(['FRI', 'wed'])).toEqual(['WED', 'FRI']);
    expect(parseDays(null)).toEqual([]);
  });

  it('collapses runs of days', () => {
    expect(formatDays('MON,TUE,WED,THU,FRI')).toBe('Mon–Fri');
    expect(formatDays('MON,WED')).toBe('Mon, Wed');
    expect(formatDays('SAT,SUN')).toBe('Sat, Sun');
    expect(formatDays('MON,TUE,WED,FRI,SAT')).toBe('Mon–Wed, Fri, Sat');
    expect(formatDays('MON,TUE,WED,THU,FRI,SAT,SUN')).toBe('Every day');
    expect(formatDays('')).toBe('No days');
  });

  it('marks windows that end the next day', () => {
    expect(formatWeekly({ days: 'MON,TUE,WED,THU,FRI', start: '22:00', end: '02:00', timeZone: 'Asia/Seoul' })).toBe('Mon–Fri 22:00–02:00 (+1 d) Asia/Seoul');
    expect(formatWeekly({ days: 'SUN', start: '01:00', end: '03:30' })).toBe('Sun 01:00–03:30');
  });

  it('validates times of day', () => {
    expect(isTimeOfDay('22:00')).toBe(true);
    expect(isTimeOfDay('24:00')).toBe(false);
    expect(isTimeOfDay('7:00')).toBe(false);
  });
});

describe('one-off windows and silences', () => {
  it('shows the end date only when it differs', () => {
    const start = new Date(2026, 10, 21, 22, 0).getTime();
    expect(formatOneOff(start, new Date(2026, 10, 21, 23, 30).getTime())).toBe('2026-11-21 22:00–23:30');
    expect(formatOneOff(start, new Date(2026, 10, 22, 2, 0).getTime())).toBe('2026-11-21 22:00 → 2026-11-22 02:00');
  });

  it('knows whether a window is upcoming, active or over', () => {
    expect(intervalState(100, 200, 50)).toBe('upcoming');
    expect(intervalState(100, 200, 150)).toBe('active');
    expect(intervalState(100, 200, 200)).toBe('ended');
  });

  it('says how long a silence lasts', () => {
    expect(untilText(1000, 2000)).toBe('expired');
    expect(untilText(30 * 60_000, 0)).toBe('ends in 30 min');
    expect(untilText(90 * 60_000, 0)).toBe('ends in 1 h 30 min');
    expect(untilText(72 * 3_600_000, 0)).toBe('ends in 3 d');
  });
});
