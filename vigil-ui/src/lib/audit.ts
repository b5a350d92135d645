// Audit records made readable: which fields an action changed, old → new.
import type { AuditRecord } from '../api';

export interface AuditChange {
  field: string;
  old: string | null;
  new: string | null;
}

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Nested objects (an item's params) become dotted fields: params.port. */
function flatten(value: Json | null, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (!value) return out;
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (isRecord(v) && Object.keys(v).length > 0) flatten(v, key, out);
    else out.set(key, v);
  }
  return out;
}

export function formatAuditValue(v: unknown): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'string') return v.includes('\n') ? v.replace(/\n/g, ' ⏎ ') : v;
  if (Array.isArray(v)) return v.length ? v.map(formatAuditValue).join(', ') : '(none)';
  if (isRecord(v)) return Object.keys(v).length ? JSON.stringify(v) : '{}';
  return String(v);
}

/**
 * The fields that differ between old and new, in a stable order. A create lists every new field,
 * a delete every old one; fields equal on both sides are left out.
 */
export function auditChanges(oldValue: Json | null, newValue: Json | null): AuditChange[] {
  const before = flatten(oldValue);
  const after = flatten(newValue);
  const fields = [...new Set([...before.keys(), ...after.keys()])];
  const changes: AuditChange[] = [];
  for (const field of fields) {
    // A field only one side has reads as "–" on the other; a missing side (create, delete) as null.
    const o = oldValue === null ? null : formatAuditValue(before.get(field));
    const n = newValue === null ? null : formatAuditValue(after.get(field));
    if (o === n) continue;
    changes.push({ field, old: o, new: n });
  }
  return changes;
}

/** One line for the audit table: "interval: 30 → 60; enabled: true → false". */
export function auditSummary(record: Pick<AuditRecord, 'old' | 'new'>): string {
  return auditChanges(record.old, record.new)
    .map((c) => {
      if (c.old === null) return `${c.field}: ${c.new}`;
      if (c.new === null) return `${c.field}: ${c.old} (removed)`;
      return `${c.field}: ${c.old} → ${c.new}`;
    })
    .join('; ');
}
