// The pair of servers as GET /api/v1/cluster reports it, turned into what the header shows.

export interface ClusterPeer {
  url: string;
  node: string | null;
  state: 'up' | 'down' | 'unknown';
  lastHeardAt: number | null;
  leader: boolean;
  version: string | null;
  secretsKeyMatches: boolean | null;
}

export interface ClusterStatus {
  enabled: boolean;
  node: string | null;
  leader: boolean;
  leaderNode: string | null;
  startedAt: number;
  peer: ClusterPeer | null;
}

export type ClusterTone = 'ok' | 'warning' | 'critical';

export interface ClusterBadge {
  /** i18n key under common.cluster */
  key: 'pair' | 'peerDown' | 'peerUnknown' | 'keyMismatch';
  tone: ClusterTone;
  self: string;
  role: 'leader' | 'follower';
  peer: string;
}

/** Nothing for a single server; otherwise this node, its role and the peer's state. */
export function clusterBadge(status: ClusterStatus | null): ClusterBadge | null {
  if (!status || !status.enabled || !status.peer) return null;
  const peer = status.peer;
  const base = {
    self: status.node ?? '?',
    role: status.leader ? ('leader' as const) : ('follower' as const),
    peer: peer.node ?? peer.url,
  };
  if (peer.state === 'down') return { ...base, key: 'peerDown', tone: 'critical' };
  if (peer.state === 'unknown') return { ...base, key: 'peerUnknown', tone: 'warning' };
  if (peer.secretsKeyMatches === false) return { ...base, key: 'keyMismatch', tone: 'warning' };
  return { ...base, key: 'pair', tone: 'ok' };
}
