// The problems screen's pure parts: the filter and its two encodings (the screen's route query,
// the API's query string), durations and the link to the host's graphs around a problem.
import { i18n } from '../i18n';
import { unitText } from './format';
import { SEVERITIES, atLeast, toSeverity, type Severity } from './severity';

export type StatusFilter = 'active' | 'all' | 'resolved';

export const STATUS_FILTERS: readonly StatusFilter[] = ['active', 'all', 'resolved'];

export interface ProblemFilter {
  status: StatusFilter;
  /** Only problems at least this severe; null for all. */
  severity: Severity | null;
  host: string;
  text: string;
}

export const DEFAULT_FILTER: ProblemFilter = { status: 'active', severity: null, host: '', text: '' };

type Query = Record<string, unknown>;

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Reads the filter from the route query; anything invalid falls back to the default. */
export function filterFromQuery(query: Query): ProblemFilter {
  const status = str(query.status);
  return {
    status: (STATUS_FILTERS as readonly string[]).includes(status) ? (status as StatusFilter) : 'active',
    severity: toSeverity(query.severity),
    host: str(query.host).trim(),
    text: str(query.q).trim(),
  };
}

/** The route query for a filter, leaving out what is the default (short, shareable URLs). */
export function filterToQuery(f: ProblemFilter): Record<string, string> {
  const q: Record<string, string> = {};
  if (f.status !== 'active') q.status = f.status;
  if (f.severity) q.severity = f.severity;
  if (f.host.trim()) q.host = f.host.trim();
  if (f.text.trim()) q.q = f.text.trim();
  return q;
}

/**
 * GET /api/v1/problems' query string (the API's `severity` means "at least"); `all` sends no status.
 */
export function problemsQueryString(f: ProblemFilter, limit = 200): string {
  const p = new URLSearchParams();
  if (f.status === 'active') p.set('status', 'active');
  if (f.status === 'resolved') p.set('status', 'resolved');
  if (f.severity) p.set('severity', f.severity);
  if (f.host.trim()) p.set('host', f.host.trim());
  if (f.text.trim()) p.set('q', f.text.trim());
  p.set('limit', String(limit));
  return p.toString();
}

export interface ProblemLike {
  host: string;
  severity: string;
  status: string;
  text?: string | null;
  rule?: string | null;
}

const ACTIVE = ['open', 'acknowledged'];

export function isActive(status: string | null | undefined): boolean {
  return ACTIVE.includes(String(status ?? '').toLowerCase());
}

/** The same filter applied client side (to what the server answered, and to live changes). */
export function matchesFilter(p: ProblemLike, f: ProblemFilter): boolean {
  const status = p.status.toLowerCase();
  if (f.status === 'active' && !isActive(status)) return false;
  if (f.status === 'resolved' && isActive(status)) return false;
  if (f.severity && !atLeast(p.severity, f.severity)) return false;
  if (f.host.trim() && !p.host.toLowerCase().includes(f.host.trim().toLowerCase())) return false;
  const needle = f.text.trim().toLowerCase();
  if (needle && ![p.text ?? '', p.rule ?? '', p.host].some((s) => s.toLowerCase().includes(needle))) return false;
  return true;
}

/** How long a problem lasted (resolved) or has lasted so far (active), in ms. */
export function problemDurationMs(p: { openedAt: number; resolvedAt?: number | null; durationMs?: number | null }, now: number): number {
  if (typeof p.resolvedAt === 'number') return Math.max(0, p.resolvedAt - p.openedAt);
  return Math.max(0, now - p.openedAt);
}

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h": two units at most, never "0 min". */
export function formatDurationMs(ms: number | null | undefined): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return '–';
  const s = Math.floor(ms / 1000);
  if (s < 60) return unitText(s, 's');
  const m = Math.floor(s / 60);
  if (m < 60) return unitText(m, 'min');
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${unitText(h, 'h')} ${unitText(m % 60, 'min')}` : unitText(h, 'h');
  const d = Math.floor(h / 24);
  return h % 24 ? `${unitText(d, 'd')} ${unitText(h % 24, 'h')}` : unitText(d, 'd');
}

const HOUR = 3_600_000;

/**
 * The host page showing the graphs around a problem: from an hour before it opened to its end (or
 * now); a problem that ended long ago gets a little margin after too.
 */
export function hostGraphLink(p: { host: string; openedAt: number; resolvedAt?: number | null }, now: number): string {
  const from = p.openedAt - HOUR;
  const to = typeof p.resolvedAt === 'number' ? Math.min(now, p.resolvedAt + 15 * 60_000) : now;
  return `/hosts/${encodeURIComponent(p.host)}?from=${Math.floor(from)}&to=${Math.ceil(Math.max(to, p.openedAt + 60_000))}`;
}

const EVENT_TYPES = ['opened', 'severity', 'acknowledged', 'commented', 'resolved', 'closed'];

export function eventLabel(type: string): string {
  const key = type.toLowerCase();
  return EVENT_TYPES.includes(key) ? i18n.global.t(`problems.event.${key}`) : type;
}

export const SUPPRESSION_REASONS = ['maintenance', 'silence', 'dependency'];

export function suppressionLabel(reason: string | null | undefined): string | null {
  if (!reason) return null;
  const key = reason.toLowerCase();
  return SUPPRESSION_REASONS.includes(key) ? i18n.global.t(`problems.suppression.${key}`) : reason;
}

export const SEVERITY_CHOICES: readonly Severity[] = SEVERITIES;
