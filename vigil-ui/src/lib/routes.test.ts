import { describe, expect, it } from 'vitest';
import { levelsSummary, levelsToBody, nextLevel } from './routes';

describe('route levels', () => {
  it('sorts levels and turns numeric ids into numbers', () => {
    expect(
      levelsToBody([
        { afterMinutes: '15', recipients: [], groups: ['3'] },
        { afterMinutes: '0', recipients: ['1', '2'], groups: [] },
      ]),
    ).toEqual([
      { afterMinutes: 0, recipients: [1, 2], groups: [] },
      { afterMinutes: 15, recipients: [], groups: [3] },
    ]);
  });

  it('refuses unusable levels', () => {
    expect(levelsToBody([])).toMatch(/at least one level/);
    expect(levelsToBody([{ afterMinutes: '5', recipients: ['1'], groups: [] }])).toMatch(/after 0 minutes/);
    expect(levelsToBody([{ afterMinutes: '0', recipients: [], groups: [] }])).toMatch(/pick a recipient/);
    expect(levelsToBody([{ afterMinutes: 'x', recipients: ['1'], groups: [] }])).toMatch(/must be a number/);
    expect(
      levelsToBody([
        { afterMinutes: '0', recipients: ['1'], groups: [] },
        { afterMinutes: '0', recipients: ['2'], groups: [] },
      ]),
    ).toMatch(/same minutes/);
  });

  it('proposes the next level 15 minutes later and summarises', () => {
    expect(nextLevel([]).afterMinutes).toBe('0');
    expect(nextLevel([{ afterMinutes: '10', recipients: [], groups: [] }]).afterMinutes).toBe('25');
    const names: Record<string, string> = { '1': 'alice', '2': 'bob' };
    expect(
      levelsSummary(
        [
          { afterMinutes: 15, recipients: [2], groups: [] },
          { afterMinutes: 0, recipients: [1], groups: [9] },
        ],
        (id) => names[id] ?? id,
        (id) => `ops${id}`,
      ),
    ).toBe('0 min: alice, ops9 · 15 min: bob');
  });
});
