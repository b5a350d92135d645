import { describe, expect, it } from 'vitest';
import { conditionsSummary, draftToBody, fieldOfError, parseDuration, parseTags, ruleToDraft, validateDraft } from './rules';

describe('rule drafts', () => {
  it('parses durations and tags', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('5 minutes')).toBeNull();
    expect(parseTags('mount=/, cpu=total')).toEqual({ mount: '/', cpu: 'total' });
    expect(parseTags('')).toEqual({});
    expect(parseTags('mount')).toBeNull();
  });

  it('round-trips a server rule through the editor', () => {
    const rule = {
      id: 7,
      name: 'CPU busy',
      enabled: true,
      scope: { type: 'group', value: 'Linux servers' },
      kind: 'threshold',
      measurement: 'cpu',
      field: 'used_pct',
      tags: { cpu: 'total' },
      conditions: [
        { severity: 'WARNING', op: '>', value: 80, for: '10m' },
        { severity: 'major', op: '>', value: 90, for: '5m' },
      ],
      recovery: { op: '<', value: 75, for: '1m' },
    };
    const draft = ruleToDraft(rule);
    expect(validateDraft(draft)).toEqual({});
    expect(draftToBody(draft)).toEqual({
      name: 'CPU busy',
      enabled: true,
      scope: { type: 'group', value: 'Linux servers' },
      kind: 'threshold',
      measurement: 'cpu',
      field: 'used_pct',
      tags: { cpu: 'total' },
      conditions: [
        { severity: 'warning', op: '>', value: 80, for: '10m' },
        { severity: 'major', op: '>', value: 90, for: '5m' },
      ],
      recovery: { op: '<', value: 75, for: '1m' },
    });
  });

  it('keeps a per-CPU condition per CPU', () => {
    const draft = ruleToDraft({ name: 'Load high', kind: 'threshold', measurement: 'load', field: 'load1', conditions: [{ severity: 'warning', op: '>', value: 2, for: '10m', perCpu: true }] });
    expect(draftToBody(draft).conditions).toEqual([{ severity: 'warning', op: '>', value: 2, for: '10m', perCpu: true }]);
  });

  it('names what is wrong in a draft', () => {
    const draft = ruleToDraft(null);
    draft.scopeType = 'host';
    draft.conditions.push({ severity: 'warning', op: '>', value: 'x', for: '5 min' });
    const errors = validateDraft(draft);
    expect(Object.keys(errors).sort()).toEqual(['conditions[0]', 'conditions[1]', 'field', 'measurement', 'name', 'scope']);
    expect(errors['conditions[1]']).toMatch(/Durations/);
  });

  it('needs no metric for host_down and a window for forecast', () => {
    const down = { ...ruleToDraft(null), name: 'Host down', kind: 'host_down' as const };
    down.conditions = [{ severity: 'critical', op: '>', value: '', for: '' }];
    expect(validateDraft(down)).toEqual({});
    expect(draftToBody(down)).toMatchObject({ measurement: null, field: null, conditions: [{ severity: 'critical', op: '>', value: 0, for: '0s' }], recovery: null });
    const forecast = { ...ruleToDraft(null), name: 'Disk full soon', kind: 'forecast' as const, measurement: 'fs', field: 'used_pct' };
    forecast.conditions = [{ severity: 'major', op: '>=', value: '100', for: '' }];
    expect(Object.keys(validateDraft(forecast))).toEqual(['window', 'horizon']);
    forecast.window = '6h';
    forecast.horizon = '24h';
    expect(draftToBody(forecast)).toMatchObject({ window: '6h', horizon: '24h' });
  });

  it('finds the field a server error names', () => {
    expect(fieldOfError('conditions[1].for must be a duration like 30s, 5m, 1h, was x')).toBe('conditions[1]');
    expect(fieldOfError('scope.value is required')).toBe('scope');
    expect(fieldOfError('name is longer than 100 characters')).toBe('name');
    expect(fieldOfError('a rule named x exists')).toBeNull();
  });

  it('sends damping only when given', () => {
    const draft = ruleToDraft({ name: 'x', kind: 'threshold', measurement: 'cpu', field: 'used_pct', conditions: [{ severity: 'minor', op: '>', value: 1 }], flapWindow: '10m', flapMaxChanges: 4 });
    expect(draftToBody(draft)).toMatchObject({ flapWindow: '10m', flapMaxChanges: 4 });
    draft.flapWindow = '';
    draft.flapMaxChanges = 'many';
    expect(validateDraft(draft)).toEqual({ flapMaxChanges: 'A whole number.' });
    expect(draftToBody({ ...draft, flapMaxChanges: '' })).not.toHaveProperty('flapWindow');
  });

  it('summarises conditions worst first', () => {
    expect(conditionsSummary([{ severity: 'warning', op: '>', value: 80, for: '10m' }, { severity: 'major', op: '>', value: 90, for: '0s' }])).toBe('major > 90; warning > 80 for 10m');
    expect(conditionsSummary([{ severity: 'minor', op: '==', value: 3 }, { severity: 'major', op: '==', value: 2 }], { kind: 'check_status' })).toBe('major: CRITICAL; minor: UNKNOWN');
    expect(conditionsSummary([{ severity: 'critical', op: '>', value: 0 }], { kind: 'host_down' })).toBe('critical');
    expect(conditionsSummary([{ severity: 'major', op: '>', value: 0 }], { kind: 'forecast', horizon: '24h' })).toBe('major: full within 24h');
  });
});
