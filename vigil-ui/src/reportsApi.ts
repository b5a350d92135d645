// Client for the reports API (docs/reports.md): reports, exports, the business-hours calendar and
// e-mailed schedules. Built on api.ts's request(), so errors and the XSRF echo behave alike.
import { request, type Id } from './api';
import { reportQueryString, type ReportParams } from './lib/reports';

export interface FieldStats {
  host: string;
  field: string;
  avg: number | null;
  min: number | null;
  max: number | null;
  p95: number | null;
  businessAvg: number | null;
  offHoursAvg: number | null;
}

export interface Report {
  from: number;
  to: number;
  period: string;
  timeZone: string;
  resolution: string;
  hosts: string[];
  fields: FieldStats[];
  availability: { host: string; pct: number; downSeconds: number }[];
  checks: { host: string; check: string; okPct: number | null }[];
  problems: { severity: string; count: number; durationSeconds: number }[];
  heatmap: { field: string; cells: (number | null)[][] };
}

export interface ReportCalendar {
  timeZone: string;
  days: string[];
  start: string;
  end: string;
  holidays: string[];
}

export interface ReportSchedule {
  id?: Id;
  name: string;
  frequency: 'daily' | 'weekly' | 'monthly';
  hosts: string[];
  groups: number[];
  fields: string[];
  format: 'pdf' | 'csv' | 'both';
  emails: string[];
  language: 'en' | 'ko';
  timeZone: string;
  lastSentAt?: number | null;
  lastError?: string | null;
}

const enc = encodeURIComponent;

export const reportsApi = {
  run: (p: ReportParams) => request<Report>('GET', `/api/v1/reports?${reportQueryString(p)}`),
  exportUrl: (kind: 'csv' | 'pdf', p: ReportParams, language?: string) =>
    `/api/v1/reports/export.${kind}?${reportQueryString(p)}${kind === 'pdf' && language ? `&language=${enc(language)}` : ''}`,
  calendar: () => request<ReportCalendar>('GET', '/api/v1/reports/calendar'),
  saveCalendar: (c: ReportCalendar) => request<ReportCalendar>('PUT', '/api/v1/reports/calendar', { body: c }),
  schedules: () => request<ReportSchedule[]>('GET', '/api/v1/reports/schedules'),
  createSchedule: (s: ReportSchedule) => request<ReportSchedule>('POST', '/api/v1/reports/schedules', { body: s }),
  updateSchedule: (id: Id, s: ReportSchedule) =>
    request<ReportSchedule>('PUT', `/api/v1/reports/schedules/${enc(String(id))}`, { body: s }),
  deleteSchedule: (id: Id) => request<void>('DELETE', `/api/v1/reports/schedules/${enc(String(id))}`),
  sendSchedule: (id: Id) => request<unknown>('POST', `/api/v1/reports/schedules/${enc(String(id))}/send`),
};
