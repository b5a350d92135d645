// Client for the dashboards API (GET/POST/PUT/DELETE /api/v1/dashboards, POST .../{id}/copy).
import { request, type Id } from './api';

export type PanelType = 'timeseries' | 'gauge' | 'stat' | 'table' | 'statusmap' | 'problems' | 'hostgrid';

export const PANEL_TYPES: readonly PanelType[] = ['timeseries', 'gauge', 'stat', 'table', 'statusmap', 'problems', 'hostgrid'];

export interface Panel {
  id: string;
  type: PanelType;
  title: string;
  x: number;
  y: number;
  w: number;
  h: number;
  hosts: string[];
  groups: number[];
  measurement: string | null;
  fields: string[];
  tags: Record<string, string>;
  range: string;
  options: Record<string, string | number | boolean>;
}

export interface DashboardSummary {
  id: Id;
  name: string;
  owner: string | null;
  shared: boolean;
  builtin: boolean;
  editable: boolean;
  panelCount: number;
  updatedAt: number;
}

export interface Dashboard {
  id: Id;
  name: string;
  owner: string | null;
  shared: boolean;
  builtin: boolean;
  editable: boolean;
  refreshSeconds: number;
  panels: Panel[];
  createdAt: number;
  updatedAt: number;
}

export interface DashboardBody {
  name: string;
  shared: boolean;
  refreshSeconds: number;
  panels: Panel[];
}

const enc = (v: Id) => encodeURIComponent(String(v));

export const dashboardsApi = {
  list: () => request<DashboardSummary[]>('GET', '/api/v1/dashboards'),
  get: (id: Id) => request<Dashboard>('GET', `/api/v1/dashboards/${enc(id)}`),
  create: (body: DashboardBody) => request<Dashboard>('POST', '/api/v1/dashboards', { body }),
  update: (id: Id, body: DashboardBody) => request<Dashboard>('PUT', `/api/v1/dashboards/${enc(id)}`, { body }),
  remove: (id: Id) => request<void>('DELETE', `/api/v1/dashboards/${enc(id)}`),
  copy: (id: Id) => request<Dashboard>('POST', `/api/v1/dashboards/${enc(id)}/copy`),
};
