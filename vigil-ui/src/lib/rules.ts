// Alert rules in the editor: durations, conditions per severity and the checks worth making
// before the server answers 400 (which names the field; its message is shown as is).
import { i18n } from '../i18n';
import { SEVERITIES, toSeverity, type Severity } from './severity';

const tr = i18n.global.t;

export const RULE_KINDS = ['threshold', 'rate', 'forecast', 'absence', 'host_down', 'check_status'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const OPS = ['>', '>=', '<', '<=', '==', '!='] as const;
export type Op = (typeof OPS)[number];

export const SCOPE_TYPES = ['all', 'host', 'group', 'tag'] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];

export interface Scope {
  type: ScopeType;
  value?: string | null;
}

export interface Condition {
  severity: Severity;
  op: Op;
  value: number;
  for?: string | null;
}

export interface Recovery {
  op: Op;
  value: number;
  for?: string | null;
}

/** A rule as the editor holds it: numbers as typed, so a half-typed form stays editable. */
export interface RuleDraft {
  name: string;
  enabled: boolean;
  scopeType: ScopeType;
  scopeValue: string;
  kind: RuleKind;
  measurement: string;
  field: string;
  tags: string;
  conditions: { severity: Severity; op: Op; value: string; for: string; perCpu?: boolean }[];
  recoveryOn: boolean;
  recovery: { op: Op; value: string; for: string };
  window: string;
  horizon: string;
  intervals: string;
  /** Damping; blank for the server's default (10m, 4 changes). */
  flapWindow: string;
  flapMaxChanges: string;
}

const DURATION = /^(\d+)(ms|s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "500ms", "5s", "2m", "1h", "1d" → ms; null when malformed. */
export function parseDuration(v: string | null | undefined): number | null {
  const m = DURATION.exec(String(v ?? '').trim());
  return m ? Number(m[1]) * UNIT_MS[m[2]!]! : null;
}

/** "mount=/, cpu=total" → {mount:"/", cpu:"total"}; null when a part is not key=value. */
export function parseTags(v: string): Record<string, string> | null {
  const tags: Record<string, string> = {};
  for (const part of v.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    tags[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return tags;
}

export function formatTags(tags: Record<string, string> | null | undefined): string {
  return Object.entries(tags ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

/** Which kinds need a measurement/field, conditions with values, a window or horizon. */
export function kindNeeds(kind: RuleKind): { metric: boolean; values: boolean; window: boolean; horizon: boolean; intervals: boolean } {
  return {
    metric: kind !== 'host_down',
    values: kind !== 'host_down' && kind !== 'absence',
    window: kind === 'rate' || kind === 'forecast',
    horizon: kind === 'forecast',
    intervals: kind === 'absence',
  };
}

/** Field → message for what is plainly wrong; empty when the draft can go to the server. */
export function validateDraft(d: RuleDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  const needs = kindNeeds(d.kind);
  if (!d.name.trim()) errors.name = tr('rules.v.name');
  else if (d.name.trim().length > 100) errors.name = tr('rules.v.nameLong');
  if (d.scopeType !== 'all' && !d.scopeValue.trim()) errors.scope = tr('rules.v.scope', { type: tr(`rules.scope.${d.scopeType}`) });
  if (d.scopeType === 'tag' && d.scopeValue.trim() && !d.scopeValue.includes('=')) errors.scope = tr('rules.v.tag');
  if (needs.metric && !d.measurement.trim()) errors.measurement = 'Required.';
  if (needs.metric && !d.field.trim()) errors.field = 'Required.';
  if (parseTags(d.tags) === null) errors.tags = tr('rules.v.tags');
  if (d.conditions.length === 0) errors.conditions = tr('rules.v.conditions');
  const seen = new Set<string>();
  d.conditions.forEach((c, i) => {
    if (seen.has(c.severity)) errors[`conditions[${i}]`] = tr('rules.v.twice', { severity: c.severity });
    seen.add(c.severity);
    if (needs.values && !Number.isFinite(Number.parseFloat(c.value))) errors[`conditions[${i}]`] = tr('rules.v.number');
    if (c.for.trim() && parseDuration(c.for) === null) errors[`conditions[${i}]`] = tr('rules.v.duration');
  });
  if (d.recoveryOn) {
    if (!Number.isFinite(Number.parseFloat(d.recovery.value))) errors.recovery = tr('rules.v.number');
    else if (d.recovery.for.trim() && parseDuration(d.recovery.for) === null) errors.recovery = tr('rules.v.duration');
  }
  if (needs.window && parseDuration(d.window) === null) errors.window = tr('rules.v.duration');
  if (needs.horizon && parseDuration(d.horizon) === null) errors.horizon = tr('rules.v.duration');
  if (needs.intervals && !/^\d+$/.test(d.intervals.trim())) errors.intervals = tr('rules.v.whole');
  if (d.flapWindow.trim() && parseDuration(d.flapWindow) === null) errors.flapWindow = tr('rules.v.duration');
  if (d.flapMaxChanges.trim() && !/^\d+$/.test(d.flapMaxChanges.trim())) errors.flapMaxChanges = tr('rules.v.whole');
  return errors;
}

/** The body of POST/PUT /api/v1/alert-rules for a valid draft. */
export function draftToBody(d: RuleDraft): Record<string, unknown> {
  const needs = kindNeeds(d.kind);
  const body: Record<string, unknown> = {
    name: d.name.trim(),
    enabled: d.enabled,
    scope: d.scopeType === 'all' ? { type: 'all' } : { type: d.scopeType, value: d.scopeValue.trim() },
    kind: d.kind,
    measurement: d.kind === 'host_down' ? null : d.measurement.trim(),
    field: d.kind === 'host_down' ? null : d.field.trim(),
    tags: parseTags(d.tags) ?? {},
    conditions: d.conditions.map((c) => ({
      severity: c.severity,
      op: c.op,
      value: needs.values ? Number.parseFloat(c.value) : 0,
      for: c.for.trim() || '0s',
      ...(c.perCpu ? { perCpu: true } : {}),
    })),
    recovery: d.recoveryOn ? { op: d.recovery.op, value: Number.parseFloat(d.recovery.value), for: d.recovery.for.trim() || '0s' } : null,
  };
  if (needs.window) body.window = d.window.trim();
  if (needs.horizon) body.horizon = d.horizon.trim();
  if (needs.intervals) body.intervals = Number(d.intervals.trim());
  if (d.flapWindow.trim()) body.flapWindow = d.flapWindow.trim();
  if (d.flapMaxChanges.trim()) body.flapMaxChanges = Number(d.flapMaxChanges.trim());
  return body;
}

function asOp(v: unknown): Op {
  return (OPS as readonly string[]).includes(String(v)) ? (v as Op) : '>';
}

function text(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

/** A rule from the server (or nothing: a new rule) as an editable draft. */
export function ruleToDraft(rule: Record<string, unknown> | null): RuleDraft {
  const scope = (rule?.scope ?? { type: 'all' }) as Scope;
  const conditions = Array.isArray(rule?.conditions) ? (rule.conditions as Record<string, unknown>[]) : [];
  const recovery = (rule?.recovery ?? null) as Record<string, unknown> | null;
  const kind = (RULE_KINDS as readonly string[]).includes(text(rule?.kind)) ? (rule!.kind as RuleKind) : 'threshold';
  return {
    name: text(rule?.name),
    enabled: rule ? rule.enabled !== false : true,
    scopeType: (SCOPE_TYPES as readonly string[]).includes(scope.type) ? scope.type : 'all',
    scopeValue: text(scope.value),
    kind,
    measurement: text(rule?.measurement),
    field: text(rule?.field),
    tags: formatTags(rule?.tags as Record<string, string> | undefined),
    conditions: conditions.length
      ? conditions.map((c) => ({ severity: toSeverity(c.severity) ?? 'warning', op: asOp(c.op), value: text(c.value), for: text(c.for), ...(c.perCpu === true ? { perCpu: true } : {}) }))
      : [{ severity: 'warning', op: '>', value: '', for: '5m' }],
    recoveryOn: recovery !== null,
    recovery: { op: asOp(recovery?.op ?? '<'), value: text(recovery?.value), for: text(recovery?.for) },
    window: text(rule?.window),
    horizon: text(rule?.horizon),
    intervals: text(rule?.intervals ?? 3),
    flapWindow: text(rule?.flapWindow),
    flapMaxChanges: text(rule?.flapMaxChanges),
  };
}

const CHECK_STATUS = ['OK', 'WARNING', 'CRITICAL', 'UNKNOWN'];

/**
 * One line per condition for the rules list, worst first: "major > 90 for 5m"; a check status
 * rule names the status, a forecast its horizon, host down only the severity.
 */
export function conditionsSummary(conditions: unknown, rule: { kind?: string; horizon?: string | null } = {}): string {
  if (!Array.isArray(conditions)) return '';
  return [...(conditions as Record<string, unknown>[])]
    .sort((a, b) => SEVERITIES.indexOf(toSeverity(b.severity) ?? 'info') - SEVERITIES.indexOf(toSeverity(a.severity) ?? 'info'))
    .map((c) => {
      const known = toSeverity(c.severity);
      const sev = known ? tr(`rules.sev.${known}`) : String(c.severity);
      const forText = c.for && c.for !== '0s' ? tr('rules.summary.for', { d: String(c.for) }) : '';
      if (rule.kind === 'host_down') return `${sev}${forText}`;
      if (rule.kind === 'check_status' && c.op === '==' && typeof c.value === 'number') return `${sev}: ${CHECK_STATUS[c.value] ?? c.value}${forText}`;
      if (rule.kind === 'forecast') return `${sev}: ${tr('rules.summary.fullWithin', { h: rule.horizon ?? '?' })}${forText}`;
      return `${sev} ${c.op} ${c.value}${forText}`;
    })
    .join('; ');
}

const FIELDS = ['name', 'scope', 'kind', 'measurement', 'field', 'tags', 'conditions', 'recovery', 'window', 'horizon', 'intervals', 'flapWindow', 'flapMaxChanges'];

/**
 * The editor field a server 400 is about: its message starts with the field's name
 * ("conditions[1].for must be a duration…", "scope.value is required"); null when it names none.
 */
export function fieldOfError(message: string): string | null {
  const m = /^([A-Za-z]+)(\[\d+\])?/.exec(message.trim());
  if (!m || !FIELDS.includes(m[1]!)) return null;
  if (m[1] === 'conditions' && m[2]) return `conditions${m[2]}`;
  return m[1]!;
}
