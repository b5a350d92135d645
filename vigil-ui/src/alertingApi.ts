// Client for the alerting and notification API (docs/alerting.md): problems, rules, suppression,
// recipients and routes. Built on api.ts's request(), so errors and the XSRF echo behave alike.
import { request, type Id } from './api';
import { problemsQueryString, type ProblemFilter } from './lib/problems';
import type { Scope } from './lib/rules';

export interface Problem {
  id: Id;
  rule: string;
  host: string;
  series: string | Record<string, string> | null;
  severity: string;
  status: string;
  openedAt: number;
  resolvedAt: number | null;
  durationMs: number | null;
  text: string;
  value: number | null;
  suppressed: string | null;
  acknowledgedBy: string | null;
  ackComment: string | null;
}

export interface ProblemEvent {
  at: number;
  type: string;
  user: string | null;
  comment: string | null;
  severity: string | null;
}

export interface ProblemDetail extends Problem {
  events: ProblemEvent[];
}

export interface ProblemSummary {
  bySeverity: Record<string, number>;
  worstByHost: Record<string, string>;
  worstByGroup: Record<string, string>;
}

export interface AppNotification {
  id: Id;
  at?: number;
  createdAt?: number;
  problemId?: Id | null;
  host?: string | null;
  severity?: string | null;
  kind?: string | null;
  subject?: string | null;
  text?: string | null;
  body?: string | null;
}

export interface AlertRule {
  id: Id;
  name: string;
  enabled: boolean;
  scope: Scope;
  kind: string;
  measurement: string | null;
  field: string | null;
  tags?: Record<string, string> | null;
  conditions: { severity: string; op: string; value: number; for?: string | null }[];
  recovery?: { op: string; value: number; for?: string | null } | null;
  window?: string | null;
  horizon?: string | null;
  intervals?: number | null;
  flapWindow?: string | null;
  flapMaxChanges?: number | null;
  [extra: string]: unknown;
}

export interface MaintenanceWindow {
  id: Id;
  name: string;
  scope: { type: 'host' | 'group'; value: string };
  startsAt?: number | null;
  endsAt?: number | null;
  days?: string | null;
  start?: string | null;
  end?: string | null;
  timeZone?: string | null;
  createdBy?: string | null;
  kind?: 'once' | 'weekly';
  activeNow?: boolean;
}

export interface SilenceMatchers {
  host?: string | null;
  rule?: string | null;
  severityAtMost?: string | null;
}

export interface Silence {
  id: Id;
  matchers?: SilenceMatchers | null;
  host?: string | null;
  rule?: string | null;
  severityAtMost?: string | null;
  startsAt?: number;
  endsAt: number;
  comment: string | null;
  createdBy?: string | null;
  active?: boolean;
}

export interface Recipient {
  id: Id;
  name: string;
  email: string | null;
  phone: string | null;
  webhookUrl: string | null;
  webhookFormat: 'json' | 'slack' | null;
  language: 'en' | 'ko' | null;
  enabled: boolean;
}

export interface RecipientGroup {
  id: Id;
  name: string;
  members: Id[];
}

export interface RouteLevel {
  afterMinutes: number;
  recipients: Id[];
  groups: Id[];
}

export const CHANNELS = ['email', 'sms', 'webhook', 'in_app'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Route {
  id: Id;
  name: string;
  enabled?: boolean;
  minSeverity: string;
  group?: string | null;
  tag?: string | null;
  host?: string | null;
  channels: Channel[];
  levels: RouteLevel[];
  repeatMinutes: number;
  notifyRecovery: boolean;
}

const enc = (v: Id) => encodeURIComponent(String(v));

export const alerting = {
  problems: (f: ProblemFilter) => request<Problem[]>('GET', `/api/v1/problems?${problemsQueryString(f)}`),
  activeProblems: () => request<Problem[]>('GET', '/api/v1/problems?status=active&limit=500'),
  problem: (id: Id) => request<ProblemDetail>('GET', `/api/v1/problems/${enc(id)}`),
  ack: (id: Id, comment: string) => request<unknown>('POST', `/api/v1/problems/${enc(id)}/ack`, { body: { comment } }),
  close: (id: Id, reason: string) => request<unknown>('POST', `/api/v1/problems/${enc(id)}/close`, { body: { reason } }),
  summary: () => request<ProblemSummary>('GET', '/api/v1/problems/summary'),
  notifications: () => request<AppNotification[]>('GET', '/api/v1/notifications'),

  rules: () => request<AlertRule[]>('GET', '/api/v1/alert-rules'),
  createRule: (body: Record<string, unknown>) => request<AlertRule>('POST', '/api/v1/alert-rules', { body }),
  updateRule: (id: Id, body: Record<string, unknown>) => request<AlertRule>('PUT', `/api/v1/alert-rules/${enc(id)}`, { body }),
  deleteRule: (id: Id) => request<void>('DELETE', `/api/v1/alert-rules/${enc(id)}`),

  maintenance: () => request<MaintenanceWindow[]>('GET', '/api/v1/maintenance'),
  createMaintenance: (body: Record<string, unknown>) => request<MaintenanceWindow>('POST', '/api/v1/maintenance', { body }),
  deleteMaintenance: (id: Id) => request<void>('DELETE', `/api/v1/maintenance/${enc(id)}`),
  silences: () => request<Silence[]>('GET', '/api/v1/silences'),
  createSilence: (body: Record<string, unknown>) => request<Silence>('POST', '/api/v1/silences', { body }),
  expireSilence: (id: Id) => request<void>('DELETE', `/api/v1/silences/${enc(id)}`),

  recipients: () => request<Recipient[]>('GET', '/api/v1/recipients'),
  createRecipient: (body: Record<string, unknown>) => request<Recipient>('POST', '/api/v1/recipients', { body }),
  deleteRecipient: (id: Id) => request<void>('DELETE', `/api/v1/recipients/${enc(id)}`),
  recipientGroups: () => request<RecipientGroup[]>('GET', '/api/v1/recipient-groups'),
  createRecipientGroup: (body: Record<string, unknown>) => request<RecipientGroup>('POST', '/api/v1/recipient-groups', { body }),
  deleteRecipientGroup: (id: Id) => request<void>('DELETE', `/api/v1/recipient-groups/${enc(id)}`),
  routes: () => request<Route[]>('GET', '/api/v1/routes'),
  createRoute: (body: Record<string, unknown>) => request<Route>('POST', '/api/v1/routes', { body }),
  deleteRoute: (id: Id) => request<void>('DELETE', `/api/v1/routes/${enc(id)}`),
};
