import { describe, expect, it } from 'vitest';
import { clusterBadge, type ClusterStatus } from './cluster';

const pair = (peer: Partial<NonNullable<ClusterStatus['peer']>>, leader = true): ClusterStatus => ({
  enabled: true,
  node: 'vigil-a',
  leader,
  leaderNode: leader ? 'vigil-a' : 'vigil-b',
  startedAt: 0,
  peer: {
    url: 'http://b:8080',
    node: 'vigil-b',
    state: 'up',
    lastHeardAt: 1,
    leader: !leader,
    version: '1',
    secretsKeyMatches: true,
    ...peer,
  },
});

describe('clusterBadge', () => {
  it('shows nothing for a single server', () => {
    expect(clusterBadge(null)).toBeNull();
    expect(clusterBadge({ enabled: false, node: null, leader: true, leaderNode: null, startedAt: 0, peer: null })).toBeNull();
  });

  it('names this node, its role and the peer', () => {
    expect(clusterBadge(pair({}))).toEqual({ key: 'pair', tone: 'ok', self: 'vigil-a', role: 'leader', peer: 'vigil-b' });
    expect(clusterBadge(pair({}, false))?.role).toBe('follower');
  });

  it('is critical when the peer is down and a warning before it was ever heard', () => {
    expect(clusterBadge(pair({ state: 'down' }))).toMatchObject({ key: 'peerDown', tone: 'critical' });
    expect(clusterBadge(pair({ state: 'unknown', node: null }))).toMatchObject({
      key: 'peerUnknown',
      tone: 'warning',
      peer: 'http://b:8080',
    });
  });

  it('warns when the two servers hold different secrets keys', () => {
    expect(clusterBadge(pair({ secretsKeyMatches: false }))).toMatchObject({ key: 'keyMismatch', tone: 'warning' });
  });
});
