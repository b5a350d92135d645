import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n';
import { formatAgo, formatDuration, formatTime } from './format';
import { eventLabel, formatDurationMs, suppressionLabel } from './problems';
import { severityLabel } from './severity';
import { userLocale, userTimeZone } from './time';
import { formatDays, untilText } from './windows';

// The text helpers follow the current language and the user's time zone, not the browser's.
describe('helpers in Korean and in the user time zone', () => {
  const zone = userTimeZone.value;
  afterEach(() => {
    setLocale('en');
    userLocale.value = 'en';
    userTimeZone.value = zone;
  });

  it('speak Korean once the locale is switched', () => {
    setLocale('ko');
    expect(formatAgo(0, 5 * 60_000)).toBe('5분 전');
    expect(formatDuration(3 * 86400 + 4 * 3600)).toBe('3일 4시간');
    expect(formatDurationMs(3 * 3_600_000 + 5 * 60_000)).toBe('3시간 5분');
    expect(severityLabel('critical')).toBe('심각');
    expect(severityLabel(null)).toBe('정상');
    expect(eventLabel('acknowledged')).toBe('확인');
    expect(suppressionLabel('maintenance')).toBe('유지보수 중');
    expect(formatDays('MON,TUE,WED,THU,FRI')).toBe('월–금');
    expect(untilText(30 * 60_000, 0)).toBe('30분 후 종료');
    setLocale('en');
    expect(formatAgo(0, 5 * 60_000)).toBe('5 min ago');
  });

  it('format instants in the user zone', () => {
    const ms = Date.UTC(2026, 10, 21, 12, 0, 5);
    userTimeZone.value = 'Asia/Seoul';
    expect(formatTime(ms)).toBe('21/11/2026, 21:00:05');
    userTimeZone.value = 'UTC';
    expect(formatTime(ms)).toBe('21/11/2026, 12:00:05');
  });
});
