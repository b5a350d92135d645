// Problem severities (docs/alerting.md): ordering, colours and the banner's summary. The server
// may spell them in either case; everything here works on the lower-case form.

import { i18n } from '../i18n';

export const SEVERITIES = ['info', 'warning', 'minor', 'major', 'critical'] as const;

export type Severity = (typeof SEVERITIES)[number];

/** A severity, or none (no active problem). */
export type SeverityOrNone = Severity | 'none';


/** The lower-case severity, or null for anything that is not one. */
export function toSeverity(v: unknown): Severity | null {
  if (typeof v !== 'string') return null;
  const s = v.toLowerCase();
  return (SEVERITIES as readonly string[]).includes(s) ? (s as Severity) : null;
}

/** 0 (info) … 4 (critical); -1 for none or anything unknown. */
export function severityRank(v: unknown): number {
  const s = toSeverity(v);
  return s === null ? -1 : SEVERITIES.indexOf(s);
}

export function atLeast(v: unknown, min: Severity): boolean {
  return severityRank(v) >= SEVERITIES.indexOf(min);
}

/** The worst of the given severities, or none. */
export function worstSeverity(values: Iterable<unknown>): SeverityOrNone {
  let worst: SeverityOrNone = 'none';
  for (const v of values) if (severityRank(v) > severityRank(worst)) worst = toSeverity(v)!;
  return worst;
}

/** Worst first: what lists and the banner sort by. */
export function compareSeverityDesc(a: unknown, b: unknown): number {
  return severityRank(b) - severityRank(a);
}

/** The CSS class carrying a severity colour (style.css `.sev-*`). */
export function severityClass(v: unknown): string {
  return `sev-${toSeverity(v) ?? 'none'}`;
}

export function severityLabel(v: unknown): string {
  const s = toSeverity(v);
  return i18n.global.t(`common.severity.${s ?? 'ok'}`);
}

/** The CSS variable of each severity's colour, for places that colour inline (charts). */
export function severityColourVar(v: unknown): string {
  return `var(--sev-${toSeverity(v) ?? 'none'})`;
}

export interface BannerSummary {
  total: number;
  worst: SeverityOrNone;
  /** Non-zero counts, worst first. */
  counts: { severity: Severity; count: number }[];
}

/** Counts by severity (as GET /problems/summary answers them) folded into the header banner. */
export function bannerSummary(bySeverity: Record<string, number> | null | undefined): BannerSummary {
  const counts: BannerSummary['counts'] = [];
  let total = 0;
  for (const severity of [...SEVERITIES].reverse()) {
    let count = 0;
    for (const [k, n] of Object.entries(bySeverity ?? {})) {
      if (toSeverity(k) === severity && typeof n === 'number' && n > 0) count += n;
    }
    if (count > 0) counts.push({ severity, count });
    total += count;
  }
  return { total, worst: counts[0]?.severity ?? 'none', counts };
}
