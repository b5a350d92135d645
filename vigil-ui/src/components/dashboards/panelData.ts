// Data loading shared by the panel renderers; "no access" (403) is told apart from other failures.
import { ApiError, api, type LatestPoints } from '../../api';
import type { ChartSpec, SeriesTable } from '../../lib/series';
import { hostTable } from '../../lib/dashboardPanels';

export type Loaded<T> = { ok: true; value: T } | { ok: false; forbidden: boolean; message: string };

function failed<T>(e: unknown): Loaded<T> {
  return { ok: false, forbidden: e instanceof ApiError && e.status === 403, message: (e as Error).message };
}

export async function loadSeries(host: string, spec: ChartSpec, from: number, to: number): Promise<Loaded<SeriesTable>> {
  try {
    const response = await api.range({ host, measurement: spec.measurement, fields: spec.fields, tags: spec.tags ?? {}, from, to });
    return { ok: true, value: hostTable(spec, response) };
  } catch (e) {
    return failed(e);
  }
}

export async function loadLatest(host: string): Promise<Loaded<LatestPoints>> {
  try {
    return { ok: true, value: await api.latest(host) };
  } catch (e) {
    return failed(e);
  }
}
