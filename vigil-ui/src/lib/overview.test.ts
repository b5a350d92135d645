import { describe, expect, it } from 'vitest';
import { buildGroupTree, flattenTree, groupIdsOf, hostLevel, parseTagFilter, toggleLevel } from './overview';
import type { OverviewGroup } from '../overviewApi';

function group(id: number, name: string, worstSeverity: string | null, hostCount = 1): OverviewGroup {
  return {
    id,
    name,
    path: name.split('/').filter((p) => p.trim()),
    hostCount,
    worstSeverity,
    counts: { ok: 0, info: 0, warning: 0, minor: 0, major: 0, critical: 0, offline: 0 },
  };
}

describe('buildGroupTree', () => {
  const groups = [
    group(1, 'Europe/Paris', 'warning', 2),
    group(2, 'Europe/Berlin', 'critical', 3),
    group(3, 'Asia', null, 4),
    group(4, 'Asia/Seoul', 'minor', 1),
    group(5, 'Linux servers', null, 10),
  ];

  it('nests by "/" and colours parents by the worst of their subtree', () => {
    const tree = buildGroupTree(groups);
    expect(tree.map((n) => n.label)).toEqual(['Asia', 'Europe', 'Linux servers']);
    const europe = tree[1]!;
    expect(europe.group).toBeNull();
    expect(europe.children.map((n) => n.label)).toEqual(['Berlin', 'Paris']);
    expect(europe.worst).toBe('critical');
    expect(europe.hostCount).toBe(5);
    const asia = tree[0]!;
    expect(asia.group?.id).toBe(3);
    expect(asia.worst).toBe('minor');
    expect(asia.hostCount).toBe(5);
    expect(tree[2]!.worst).toBe('none');
  });

  it('flattens depth first and collects the real group ids below a node', () => {
    const flat = flattenTree(buildGroupTree(groups));
    expect(flat.map((n) => `${n.depth}:${n.key}`)).toEqual([
      '0:Asia',
      '1:Asia/Seoul',
      '0:Europe',
      '1:Europe/Berlin',
      '1:Europe/Paris',
      '0:Linux servers',
    ]);
    expect(groupIdsOf(flat[2]!).sort()).toEqual([1, 2]);
    expect(groupIdsOf(flat[0]!).sort()).toEqual([3, 4]);
  });
});

describe('filters', () => {
  it('parses tag filters', () => {
    expect(parseTagFilter('env:prod')).toEqual({ name: 'env', value: 'prod' });
    expect(parseTagFilter(' team ')).toEqual({ name: 'team', value: null });
    expect(parseTagFilter('Env:prod')).toBeNull();
    expect(parseTagFilter('')).toBeNull();
  });

  it('toggles severity levels in worst-first order', () => {
    expect(toggleLevel([], 'ok')).toEqual(['ok']);
    expect(toggleLevel(['ok'], 'critical')).toEqual(['critical', 'ok']);
    expect(toggleLevel(['critical', 'ok'], 'critical')).toEqual(['ok']);
  });

  it('maps no severity to ok', () => {
    expect(hostLevel(null)).toBe('ok');
    expect(hostLevel('MAJOR')).toBe('major');
  });
});
