import { describe, expect, it } from 'vitest';
import { atLeast, bannerSummary, compareSeverityDesc, severityClass, severityLabel, severityRank, toSeverity, worstSeverity } from './severity';

describe('severities', () => {
  it('orders info < warning < minor < major < critical, in either case', () => {
    expect(['info', 'warning', 'minor', 'major', 'critical'].map(severityRank)).toEqual([0, 1, 2, 3, 4]);
    expect(severityRank('MAJOR')).toBe(3);
    expect(severityRank(null)).toBe(-1);
    expect(severityRank('OK')).toBe(-1);
    expect(toSeverity('Critical')).toBe('critical');
    expect(toSeverity('high')).toBeNull();
  });

  it('compares with atLeast and sorts worst first', () => {
    expect(atLeast('major', 'minor')).toBe(true);
    expect(atLeast('minor', 'minor')).toBe(true);
    expect(atLeast('warning', 'minor')).toBe(false);
    expect(atLeast(null, 'info')).toBe(false);
    expect(['warning', 'critical', 'info', 'major'].sort(compareSeverityDesc)).toEqual(['critical', 'major', 'warning', 'info']);
  });

  it('finds the worst, none when empty', () => {
    expect(worstSeverity(['warning', 'MAJOR', null, 'minor'])).toBe('major');
    expect(worstSeverity([])).toBe('none');
    expect(worstSeverity([null, 'bogus'])).toBe('none');
  });

  it('maps to a colour class and a label', () => {
    expect(severityClass('critical')).toBe('sev-critical');
    expect(severityClass('WARNING')).toBe('sev-warning');
    expect(severityClass(null)).toBe('sev-none');
    expect(severityLabel('minor')).toBe('Minor');
    expect(severityLabel(undefined)).toBe('OK');
  });

  it('folds summary counts into the banner, worst first, ignoring zeros and unknowns', () => {
    expect(bannerSummary({ warning: 2, critical: 1, info: 0, bogus: 5, MAJOR: 1 })).toEqual({
      total: 4,
      worst: 'critical',
      counts: [
        { severity: 'critical', count: 1 },
        { severity: 'major', count: 1 },
        { severity: 'warning', count: 2 },
      ],
    });
    expect(bannerSummary(null)).toEqual({ total: 0, worst: 'none', counts: [] });
  });
});
