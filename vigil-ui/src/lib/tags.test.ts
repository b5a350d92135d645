import { describe, expect, it } from 'vitest';
import { sameTags, sortedTags, tagProblem, withTag, withoutTag } from './tags';

describe('tagProblem', () => {
  it('accepts identifier names with a plain value', () => {
    expect(tagProblem('env', 'prod')).toBeNull();
    expect(tagProblem('a', 'x')).toBeNull();
    expect(tagProblem('team_2', 'web frontend')).toBeNull();
    expect(tagProblem('a' + 'b'.repeat(62), 'v')).toBeNull();
    expect(tagProblem('region', '서울')).toBeNull();
  });

  it('refuses names that are not identifiers', () => {
    for (const name of ['', 'Env', '1env', '_env', 'env-1', 'env name', 'a' + 'b'.repeat(63), 'ënv']) {
      expect(tagProblem(name, 'prod'), name).toBe('name');
    }
  });

  it('refuses blank, too long and control-character values', () => {
    expect(tagProblem('env', '')).toBe('blank');
    expect(tagProblem('env', '   ')).toBe('blank');
    expect(tagProblem('env', 'x'.repeat(256))).toBeNull();
    expect(tagProblem('env', 'x'.repeat(257))).toBe('long');
    expect(tagProblem('env', 'a\tb')).toBe('control');
    expect(tagProblem('env', 'a\u007fb')).toBe('control');
    expect(tagProblem('env', 'a\u0085b')).toBe('control');
  });
});

describe('tag maps', () => {
  it('adds, replaces and removes without changing the original', () => {
    const tags = { env: 'prod' };
    expect(withTag(tags, 'team', 'web')).toEqual({ env: 'prod', team: 'web' });
    expect(withTag(tags, 'env', 'dev')).toEqual({ env: 'dev' });
    expect(withoutTag({ env: 'prod', team: 'web' }, 'env')).toEqual({ team: 'web' });
    expect(withoutTag(tags, 'missing')).toEqual({ env: 'prod' });
    expect(tags).toEqual({ env: 'prod' });
  });

  it('sorts by name and compares by content', () => {
    expect(sortedTags({ team: 'web', env: 'prod', az: '1' })).toEqual([
      ['az', '1'],
      ['env', 'prod'],
      ['team', 'web'],
    ]);
    expect(sameTags({ a: '1', b: '2' }, { b: '2', a: '1' })).toBe(true);
    expect(sameTags({ a: '1' }, { a: '2' })).toBe(false);
    expect(sameTags({ a: '1' }, { a: '1', b: '2' })).toBe(false);
    expect(sameTags({}, {})).toBe(true);
  });
});
