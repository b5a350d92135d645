// Check statuses: ordering (Nagios worst-state rules), the host list's counts summary, and folding
// live results from the stream into the checks table and its sparklines.
import type { CheckCounts, CheckResult, CheckRow, CheckStatus, Point, RangeResponse } from '../api';
import { i18n } from '../i18n';

/** Best to worst. UNKNOWN ranks between WARNING and CRITICAL, as CheckStatus.worst() does. */
export const STATUSES: readonly CheckStatus[] = ['OK', 'WARNING', 'UNKNOWN', 'CRITICAL'];

/** A status, or NONE for "no result yet" / "no checks". */
export type StatusOrNone = CheckStatus | 'NONE';

const SHORT: Record<CheckStatus, string> = { OK: 'OK', WARNING: 'WARN', UNKNOWN: 'UNKN', CRITICAL: 'CRIT' };

export function isCheckStatus(v: unknown): v is CheckStatus {
  return typeof v === 'string' && (STATUSES as readonly string[]).includes(v);
}

export function statusRank(s: StatusOrNone | null | undefined): number {
  return isCheckStatus(s) ? STATUSES.indexOf(s) : -1;
}

/** The worst of the given statuses; NONE when there is none (null entries have not run yet). */
export function worstStatus(statuses: Iterable<CheckStatus | null | undefined>): StatusOrNone {
  let worst: StatusOrNone = 'NONE';
  for (const s of statuses) if (statusRank(s) > statusRank(worst)) worst = s!;
  return worst;
}

/** The worst status with a non-zero count in a host's check counts. */
export function worstOfCounts(counts: CheckCounts | null | undefined): StatusOrNone {
  return worstStatus(STATUSES.filter((s) => (counts?.[s] ?? 0) > 0));
}

/** The CSS class carrying a status colour (see style.css `.status-*`). */
export function statusClass(s: StatusOrNone | null | undefined): string {
  return `status-${isCheckStatus(s) ? s.toLowerCase() : 'none'}`;
}

export function statusLabel(s: CheckStatus | null | undefined): string {
  return isCheckStatus(s) ? s : i18n.global.t('checks.notRun');
}

/** The Nagios exit code stored in the `check` measurement's `status` field, back to a status. */
export function statusOfExitCode(code: number | null | undefined): CheckStatus | null {
  if (typeof code !== 'number' || !Number.isFinite(code)) return null;
  switch (Math.round(code)) {
    case 0:
      return 'OK';
    case 1:
      return 'WARNING';
    case 2:
      return 'CRITICAL';
    default:
      return 'UNKNOWN';
  }
}

export function exitCode(s: CheckStatus): number {
  return s === 'OK' ? 0 : s === 'WARNING' ? 1 : s === 'CRITICAL' ? 2 : 3;
}

export interface CountPill {
  status: CheckStatus;
  count: number;
  text: string;
}

/** Non-zero counts, worst first: the host list shows "1 CRIT · 2 OK". */
export function countPills(counts: CheckCounts | null | undefined): CountPill[] {
  const pills: CountPill[] = [];
  for (const status of [...STATUSES].reverse()) {
    const count = counts?.[status] ?? 0;
    if (count > 0) pills.push({ status, count, text: `${count} ${SHORT[status]}` });
  }
  return pills;
}

export function countsSummary(counts: CheckCounts | null | undefined): string {
  return countPills(counts)
    .map((p) => p.text)
    .join(' · ');
}

/** Counts the latest status of each row (rows that have not run are not counted). */
export function countRows(rows: Pick<CheckRow, 'status'>[]): CheckCounts {
  const counts: CheckCounts = {};
  for (const r of rows) if (r.status) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

/** The checks table with newer results applied; unknown items are appended, older results ignored. */
export function applyResults(rows: CheckRow[], results: CheckResult[]): CheckRow[] {
  const next = [...rows];
  for (const r of results) {
    const i = next.findIndex((row) => row.item === r.item);
    const old = i >= 0 ? next[i]! : null;
    if (old && old.lastRun !== null && old.lastRun > r.timestamp) continue;
    const row: CheckRow = {
      item: r.item,
      kind: r.kind || old?.kind || '',
      status: r.status,
      message: r.message,
      lastRun: r.timestamp,
      durationMs: r.durationMs,
      metrics: r.metrics,
      details: r.details,
      intervalSeconds: old?.intervalSeconds ?? null,
      runsOn: old?.runsOn ?? null,
    };
    if (old) next[i] = row;
    else next.push(row);
  }
  return next;
}

/** The points the server stores for one result, so live charts can follow without a re-query. */
export function resultPoints(r: CheckResult): Point[] {
  const points: Point[] = [
    {
      measurement: 'check',
      tags: { check: r.item, kind: r.kind },
      fields: { status: exitCode(r.status), duration_ms: r.durationMs },
      timestamp: r.timestamp,
    },
  ];
  for (const [metric, value] of Object.entries(r.metrics)) {
    points.push({ measurement: 'check_metric', tags: { check: r.item, metric }, fields: { value }, timestamp: r.timestamp });
  }
  return points;
}

/** One check's history for its sparkline: ascending times with duration and status per run. */
export interface Spark {
  ts: number[];
  duration: (number | null)[];
  status: (CheckStatus | null)[];
}

/** Splits a `measurement=check` range answer into one Spark per check item. */
export function sparksFromRange(response: RangeResponse): Map<string, Spark> {
  const byItem = new Map<string, { t: number; d: number | null; s: CheckStatus | null }[]>();
  for (const series of response.series) {
    const item = series.tags?.check;
    if (!item) continue;
    const samples = byItem.get(item) ?? [];
    series.timestamps.forEach((t, i) => {
      // Rollups average exit codes; the max says the worst thing that happened in the bucket.
      const code = series.fields.status?.max?.[i] ?? series.fields.status?.avg[i] ?? null;
      samples.push({ t, d: series.fields.duration_ms?.avg[i] ?? null, s: statusOfExitCode(code) });
    });
    byItem.set(item, samples);
  }
  const sparks = new Map<string, Spark>();
  for (const [item, samples] of byItem) {
    samples.sort((a, b) => a.t - b.t);
    sparks.set(item, { ts: samples.map((x) => x.t), duration: samples.map((x) => x.d), status: samples.map((x) => x.s) });
  }
  return sparks;
}

/** Sparks with live results appended (results older than the newest sample are ignored). */
export function appendToSparks(sparks: Map<string, Spark>, results: CheckResult[], windowStart: number): Map<string, Spark> {
  const next = new Map(sparks);
  for (const r of results) {
    const old = next.get(r.item) ?? { ts: [], duration: [], status: [] };
    const last = old.ts.length ? old.ts[old.ts.length - 1]! : -Infinity;
    if (r.timestamp <= last) continue;
    let from = 0;
    while (from < old.ts.length && old.ts[from]! < windowStart) from++;
    next.set(r.item, {
      ts: [...old.ts.slice(from), r.timestamp],
      duration: [...old.duration.slice(from), r.durationMs],
      status: [...old.status.slice(from), r.status],
    });
  }
  return next;
}

const MIN_LAST_BAR = 3;

export interface SparkGeometry {
  /** SVG polyline points for duration_ms, "x,y x,y …". */
  line: string;
  /** One rectangle per run along the bottom, coloured by status. */
  bars: { x: number; width: number; status: StatusOrNone }[];
}

/**
 * Lays a Spark out in a width × height box over [from, to]; the line uses the top part. A run's
 * status bar lasts until the next run; the last one for one interval (`intervalMs`, when known).
 */
export function sparkGeometry(
  spark: Spark,
  from: number,
  to: number,
  width: number,
  height: number,
  barHeight: number,
  intervalMs: number | null = null,
): SparkGeometry {
  const span = Math.max(1, to - from);
  const x = (t: number) => Math.round(((t - from) / span) * width * 10) / 10;
  const values = spark.duration.filter((d): d is number => typeof d === 'number' && Number.isFinite(d));
  const max = values.length ? Math.max(...values) : 0;
  const lineHeight = height - barHeight - 1;
  const y = (d: number) => Math.round((lineHeight - (max > 0 ? (d / max) * (lineHeight - 1) : 0)) * 10) / 10;
  const coords: string[] = [];
  const bars: SparkGeometry['bars'] = [];
  spark.ts.forEach((t, i) => {
    if (t < from || t > to) return;
    const d = spark.duration[i];
    if (typeof d === 'number' && Number.isFinite(d)) coords.push(`${x(t)},${y(d)}`);
    const next = spark.ts[i + 1];
    const last = next === undefined || next > to;
    const end = !last ? x(next) : intervalMs ? x(Math.min(to, t + intervalMs)) : x(t) + MIN_LAST_BAR;
    // The latest run must stay visible even when it happened a moment ago.
    const w = Math.max(last ? MIN_LAST_BAR : 1, Math.round((end - x(t)) * 10) / 10);
    bars.push({ x: Math.min(x(t), width - w), width: w, status: spark.status[i] ?? 'NONE' });
  });
  return { line: coords.join(' '), bars };
}
