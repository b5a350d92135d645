import { describe, expect, it } from 'vitest';
import { groupSeverity } from './groups';

describe('groupSeverity', () => {
  const worst = { 'Linux servers': 'MAJOR', web: 'warning', odd: 'high', blank: null };

  it('reads the group by its exact name, in lower case', () => {
    expect(groupSeverity(worst, 'Linux servers')).toBe('major');
    expect(groupSeverity(worst, 'web')).toBe('warning');
  });

  it('is none for a group without problems or with an unknown severity', () => {
    expect(groupSeverity(worst, 'databases')).toBe('none');
    expect(groupSeverity(worst, 'linux servers')).toBe('none');
    expect(groupSeverity(worst, 'odd')).toBe('none');
    expect(groupSeverity(worst, 'blank')).toBe('none');
    expect(groupSeverity({}, 'web')).toBe('none');
  });

  it('does not mistake inherited properties for groups', () => {
    expect(groupSeverity({}, 'constructor')).toBe('none');
    expect(groupSeverity({}, 'toString')).toBe('none');
  });

  it('is unknown (null) without a summary', () => {
    expect(groupSeverity(null, 'web')).toBeNull();
    expect(groupSeverity(undefined, 'web')).toBeNull();
  });
});
