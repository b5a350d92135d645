// Maintenance windows and silences in words: "Mon–Fri 22:00–02:00 (+1 d) UTC", "until 14:05".

import { i18n } from '../i18n';
import { unitText } from './format';
import { userTimeZone } from './time';

export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;

export type Weekday = (typeof WEEKDAYS)[number];

/** "Mon" / "월": a weekday's short name in the current language. */
export function dayName(day: Weekday): string {
  return i18n.global.t(`suppression.days.${day}`);
}

/** "MON,tue, FRI" → the known days in week order, duplicates and unknowns dropped. */
export function parseDays(days: string | string[] | null | undefined): Weekday[] {
  const list = Array.isArray(days) ? days : String(days ?? '').split(',');
  const wanted = new Set(list.map((d) => d.trim().toUpperCase().slice(0, 3)));
  return WEEKDAYS.filter((d) => wanted.has(d));
}

/** Runs of consecutive days collapse: MON..FRI → "Mon–Fri", MON,WED → "Mon, Wed", all → "Every day". */
export function formatDays(days: string | string[] | null | undefined): string {
  const idx = parseDays(days).map((d) => WEEKDAYS.indexOf(d));
  if (idx.length === 7) return i18n.global.t('suppression.everyDay');
  if (idx.length === 0) return i18n.global.t('suppression.noDays');
  const runs: string[] = [];
  let start = idx[0]!;
  let prev = start;
  const flush = () => {
    const a = dayName(WEEKDAYS[start]!);
    const b = dayName(WEEKDAYS[prev]!);
    if (prev === start) runs.push(a);
    else if (prev === start + 1) runs.push(`${a}, ${b}`);
    else runs.push(`${a}–${b}`);
  };
  for (const i of idx.slice(1)) {
    if (i === prev + 1) {
      prev = i;
      continue;
    }
    flush();
    start = prev = i;
  }
  flush();
  return runs.join(', ');
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isTimeOfDay(v: string): boolean {
  return HHMM.test(v.trim());
}

function minutes(v: string): number {
  const m = HHMM.exec(v.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
}

/** A weekly window: "Mon–Fri 22:00–02:00 (+1 d) Europe/Seoul"; an end before the start is the next day. */
export function formatWeekly(w: { days: string | string[] | null | undefined; start: string; end: string; timeZone?: string | null }): string {
  const overnight = minutes(w.end) <= minutes(w.start);
  const zone = w.timeZone ? ` ${w.timeZone}` : '';
  return `${formatDays(w.days)} ${w.start}–${w.end}${overnight ? ` (+${unitText(1, 'd')})` : ''}${zone}`;
}

/** "2026-11-21 22:00" in the user's time zone. */
export function formatStamp(ms: number): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: userTimeZone.value,
  }).formatToParts(new Date(ms));
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}`;
}

/** A one-off window; the end's date is left out when it is the start's day. */
export function formatOneOff(startsAt: number, endsAt: number): string {
  const a = formatStamp(startsAt);
  const b = formatStamp(endsAt);
  return a.slice(0, 10) === b.slice(0, 10) ? `${a}–${b.slice(11)}` : `${a} → ${b}`;
}

export type WindowState = 'active' | 'upcoming' | 'ended';

/** Where a one-off interval stands at `now`. */
export function intervalState(startsAt: number | null | undefined, endsAt: number | null | undefined, now: number): WindowState {
  if (typeof endsAt === 'number' && endsAt <= now) return 'ended';
  if (typeof startsAt === 'number' && startsAt > now) return 'upcoming';
  return 'active';
}

/** A silence's remaining time in words: "ends in 1 h 30 min", or "expired". */
export function untilText(endsAt: number, now: number): string {
  const ms = endsAt - now;
  const t = i18n.global.t;
  if (ms <= 0) return t('suppression.expired');
  const m = Math.ceil(ms / 60_000);
  if (m < 60) return t('suppression.endsIn', { time: unitText(m, 'min') });
  const h = Math.floor(m / 60);
  if (h < 48) return t('suppression.endsIn', { time: `${unitText(h, 'h')}${m % 60 ? ` ${unitText(m % 60, 'min')}` : ''}` });
  return t('suppression.endsIn', { time: unitText(Math.floor(h / 24), 'd') });
}
