import { describe, expect, it } from 'vitest';
import { auditChanges, auditSummary, formatAuditValue } from './audit';

describe('audit rendering', () => {
  it('lists only the fields an update changed, nested params as dotted fields', () => {
    const old = { intervalSeconds: 30, enabled: true, params: { port: '80', host: '127.0.0.1' } };
    const next = { intervalSeconds: 60, enabled: true, params: { port: '8080', host: '127.0.0.1', tls: 'true' } };
    expect(auditChanges(old, next)).toEqual([
      { field: 'intervalSeconds', old: '30', new: '60' },
      { field: 'params.port', old: '80', new: '8080' },
      { field: 'params.tls', old: '–', new: 'true' },
    ]);
    expect(auditSummary({ old, new: next })).toBe('intervalSeconds: 30 → 60; params.port: 80 → 8080; params.tls: – → true');
  });

  it('shows every field of a create and of a delete', () => {
    expect(auditSummary({ old: null, new: { name: 'Web', description: 'x' } })).toBe('name: Web; description: x');
    expect(auditSummary({ old: { name: 'Web' }, new: null })).toBe('name: Web (removed)');
    expect(auditSummary({ old: null, new: null })).toBe('');
  });

  it('renders values readably and keeps masked secrets masked', () => {
    expect(formatAuditValue(null)).toBe('–');
    expect(formatAuditValue(['web-1', 'web-2'])).toBe('web-1, web-2');
    expect(formatAuditValue([])).toBe('(none)');
    expect(formatAuditValue('a\nb')).toBe('a ⏎ b');
    expect(formatAuditValue({})).toBe('{}');
    expect(auditSummary({ old: { params: { password: '******' } }, new: { params: { password: '******' } } })).toBe('');
  });
});
