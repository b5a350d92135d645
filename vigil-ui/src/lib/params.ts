// The catalog-driven item form: text values in, validated and serialised item params out.
// Every parameter travels as text (docs/api.md "Catalog"); the server validates again.
import type { Item, KindSpec, ParamSpec, Params } from '../api';
import { i18n } from '../i18n';

const tr = i18n.global.t;

/** What the server shows instead of a stored secret; sending it back keeps the stored value. */
export const SECRET_MASK = '******';

export const MIN_INTERVAL_S = 1;
export const MAX_INTERVAL_S = 86_400;

/** Form state: text for every type but bool. */
export type FormValues = Record<string, string | boolean>;

const IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;
const DURATION = /^(\d+)(ms|s|m|h)$/;
const DURATION_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function isIdentifier(v: string): boolean {
  return IDENTIFIER.test(v);
}

/** "500ms", "5s", "2m", "1h" to milliseconds; null for anything else. */
export function parseDuration(text: string): number | null {
  const m = DURATION.exec(text.trim());
  return m ? Number(m[1]) * DURATION_MS[m[2]!]! : null;
}

/** A `lines` parameter's text: one entry per line, trailing blanks and empty lines dropped. */
export function normaliseLines(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+$/, ''))
    .filter((l) => l.trim() !== '')
    .join('\n');
}

export function isSecret(p: ParamSpec): boolean {
  return p.secret || p.type === 'secret';
}

/** The catalog entry of an item: its check kind, or the collector named by its key. */
export function kindOf(kinds: KindSpec[], item: Pick<Item, 'key' | 'kind'>): KindSpec | undefined {
  return item.kind ? kinds.find((k) => k.kind === item.kind && !k.collector) ?? kinds.find((k) => k.kind === item.kind) : kinds.find((k) => k.collector && k.kind === item.key);
}

/** The catalog's parameters plus any stored ones it does not know (kept, edited as text). */
export function formFields(kind: KindSpec | undefined, params: Params): ParamSpec[] {
  const fields = [...(kind?.params ?? [])];
  for (const name of Object.keys(params)) {
    if (!fields.some((f) => f.name === name)) {
      fields.push({ name, type: 'string', required: false, default: null, secret: false, description: tr('items.v.notInCatalog') });
    }
  }
  return fields;
}

function defaultBool(p: ParamSpec): boolean {
  return p.default === true || p.default === 'true';
}

/** Form values for stored params. Secrets start empty: the input shows the mask as a placeholder. */
export function initialValues(fields: ParamSpec[], params: Params): FormValues {
  const values: FormValues = {};
  for (const p of fields) {
    const stored = params[p.name];
    if (p.type === 'bool') values[p.name] = stored === undefined ? defaultBool(p) : stored === 'true';
    else if (isSecret(p)) values[p.name] = stored === undefined || stored === SECRET_MASK ? '' : stored;
    else values[p.name] = stored ?? '';
  }
  return values;
}

/** What a field shows when empty: the catalog default, or the mask when a secret is stored. */
export function placeholder(p: ParamSpec, params: Params): string {
  if (isSecret(p) && params[p.name] !== undefined) return SECRET_MASK;
  return p.default === null || p.default === undefined ? '' : String(p.default);
}

/** Checks one non-empty text value against its type; returns the problem or null. */
export function validateValue(p: ParamSpec, text: string): string | null {
  if (p.values?.length && !p.values.includes(text)) return tr('items.v.oneOf', { name: p.name, values: p.values.join(', ') });
  switch (p.type) {
    case 'int': {
      if (!/^-?\d+$/.test(text)) return tr('items.v.whole', { name: p.name });
      const n = Number(text);
      if (p.min !== null && p.min !== undefined && n < p.min) return tr('items.v.min', { name: p.name, min: p.min });
      if (p.max !== null && p.max !== undefined && n > p.max) return tr('items.v.max', { name: p.name, max: p.max });
      return null;
    }
    case 'duration':
      return parseDuration(text) === null ? tr('items.v.duration', { name: p.name }) : null;
    default:
      return null;
  }
}

export interface Serialised {
  params: Params;
  /** Problems by parameter name; params is only usable when this is empty. */
  errors: Record<string, string>;
}

/**
 * Form values to item params. Empty optional fields are left out (the server applies the
 * default); an empty secret that is already stored is sent as the mask, which keeps it.
 */
export function serialiseParams(fields: ParamSpec[], values: FormValues, stored: Params): Serialised {
  const params: Params = {};
  const errors: Record<string, string> = {};
  for (const p of fields) {
    const raw = values[p.name];
    if (p.type === 'bool') {
      params[p.name] = String(raw === true);
      continue;
    }
    let text = typeof raw === 'string' ? raw : '';
    text = p.type === 'lines' ? normaliseLines(text) : isSecret(p) ? text : text.trim();
    if (text === '' && isSecret(p) && stored[p.name] !== undefined) {
      params[p.name] = SECRET_MASK;
      continue;
    }
    if (text === '') {
      if (p.required) errors[p.name] = tr('items.v.required', { name: p.name });
      continue;
    }
    const problem = validateValue(p, text);
    if (problem) errors[p.name] = problem;
    else params[p.name] = text;
  }
  return { params, errors };
}

/** The kind's "at least one of" rule, checked on serialised params; the problem or null. */
export function missingOneOf(kind: KindSpec | undefined, params: Params): string | null {
  const names = kind?.requireOneOf ?? [];
  if (names.length === 0 || names.some((n) => params[n] !== undefined && params[n] !== '')) return null;
  return tr('items.v.oneOfRequired', { names: names.join(', ') });
}

/** An interval field's text to seconds, or the problem with it. */
export function parseInterval(text: string | number): { seconds: number } | { error: string } {
  const s = String(text).trim();
  if (!/^\d+$/.test(s)) return { error: tr('items.v.intervalWhole') };
  const n = Number(s);
  if (n < MIN_INTERVAL_S || n > MAX_INTERVAL_S) return { error: tr('items.v.intervalRange', { min: MIN_INTERVAL_S, max: MAX_INTERVAL_S }) };
  return { seconds: n };
}

export function sameParams(a: Params, b: Params): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** Params as one readable line for tables: secrets stay masked, lines are joined with ⏎. */
export function paramsSummary(params: Params): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${v.replace(/\n/g, ' ⏎ ')}`)
    .join(', ');
}
