// Maintenance windows and silences in words: "Mon–Fri 22:00–02:00 (+1 d) UTC", "until 14:05".

export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;

export type Weekday = (typeof WEEKDAYS)[number];

const SHORT: Record<Weekday, string> = { MON: 'Mon', TUE: 'Tue', WED: 'Wed', THU: 'Thu', FRI: 'Fri', SAT: 'Sat', SUN: 'Sun' };

/** "MON,tue, FRI" → the known days in week order, duplicates and unknowns dropped. */
export function parseDays(days: string | string[] | null | undefined): Weekday[] {
  const list = Array.isArray(days) ? days : String(days ?? '').split(',');
  const wanted = new Set(list.map((d) => d.trim().toUpperCase().slice(0, 3)));
  return WEEKDAYS.filter((d) => wanted.has(d));
}

/** Runs of consecutive days collapse: MON..FRI → "Mon–Fri", MON,WED → "Mon, Wed", all → "Every day". */
export function formatDays(days: string | string[] | null | undefined): string {
  const idx = parseDays(days).map((d) => WEEKDAYS.indexOf(d));
  if (idx.length === 7) return 'Every day';
  if (idx.length === 0) return 'No days';
  const runs: string[] = [];
  let start = idx[0]!;
  let prev = start;
  const flush = () => {
    const a = SHORT[WEEKDAYS[start]!];
    const b = SHORT[WEEKDAYS[prev]!];
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
  return `${formatDays(w.days)} ${w.start}–${w.end}${overnight ? ' (+1 d)' : ''}${zone}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Local "2026-11-21 22:00". */
export function formatStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
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
  if (ms <= 0) return 'expired';
  const m = Math.ceil(ms / 60_000);
  if (m < 60) return `ends in ${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `ends in ${h} h${m % 60 ? ` ${m % 60} min` : ''}`;
  return `ends in ${Math.floor(h / 24)} d`;
}
