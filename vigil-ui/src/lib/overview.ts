// The overview's pure logic: the host-group tree built from "/" in group names (Zabbix style),
// each node coloured by the worst severity of its subtree; severity levels and tag filters.
import type { OverviewGroup } from '../overviewApi';
import { severityRank, toSeverity, type SeverityOrNone } from './severity';

export const LEVELS = ['critical', 'major', 'minor', 'warning', 'info', 'ok'] as const;

export type LevelId = (typeof LEVELS)[number];

export interface GroupNode {
  /** The path joined by "/": unique in the tree. */
  key: string;
  label: string;
  /** The real group at this path, or null for a node that only exists as a prefix. */
  group: OverviewGroup | null;
  children: GroupNode[];
  /** Worst severity of this group and every group below it. */
  worst: SeverityOrNone;
  /** Hosts of this group and the groups below it (a host in two of them counts twice). */
  hostCount: number;
  depth: number;
}

/** Builds the tree; siblings sorted by label. */
export function buildGroupTree(groups: OverviewGroup[]): GroupNode[] {
  const roots: GroupNode[] = [];
  const byKey = new Map<string, GroupNode>();
  for (const group of groups) {
    const path = group.path.length ? group.path : [group.name];
    let siblings = roots;
    for (let i = 0; i < path.length; i++) {
      const key = path.slice(0, i + 1).join('/');
      let node = byKey.get(key);
      if (!node) {
        node = { key, label: path[i]!, group: null, children: [], worst: 'none', hostCount: 0, depth: i };
        byKey.set(key, node);
        siblings.push(node);
      }
      if (i === path.length - 1) node.group = group;
      siblings = node.children;
    }
  }
  const finish = (nodes: GroupNode[]) => {
    nodes.sort((a, b) => a.label.localeCompare(b.label));
    for (const node of nodes) {
      finish(node.children);
      let worst: SeverityOrNone = toSeverity(node.group?.worstSeverity) ?? 'none';
      let count = node.group?.hostCount ?? 0;
      for (const child of node.children) {
        if (severityRank(child.worst) > severityRank(worst)) worst = child.worst;
        count += child.hostCount;
      }
      node.worst = worst;
      node.hostCount = count;
    }
  };
  finish(roots);
  return roots;
}

/** The tree in display order (depth first), for a flat rendering with indentation. */
export function flattenTree(nodes: GroupNode[]): GroupNode[] {
  const out: GroupNode[] = [];
  const walk = (list: GroupNode[]) => {
    for (const n of list) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(nodes);
  return out;
}

/** Ids of the real groups at or below a node: what filtering by the node means. */
export function groupIdsOf(node: GroupNode): number[] {
  const ids: number[] = [];
  const walk = (n: GroupNode) => {
    if (n.group) ids.push(n.group.id);
    n.children.forEach(walk);
  };
  walk(node);
  return ids;
}

/** The severity a host shows: its worst active one, or 'ok'. */
export function hostLevel(worstSeverity: string | null | undefined): LevelId {
  return toSeverity(worstSeverity) ?? 'ok';
}

/** A tag filter as typed ("env:prod" or "env"), or null when it is not a valid one. */
export function parseTagFilter(text: string): { name: string; value: string | null } | null {
  const t = text.trim();
  if (!t) return null;
  const colon = t.indexOf(':');
  const name = (colon < 0 ? t : t.slice(0, colon)).trim();
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(name)) return null;
  return { name, value: colon < 0 ? null : t.slice(colon + 1) };
}

/** Toggles a level in a selection, keeping the LEVELS order. */
export function toggleLevel(selected: string[], level: string): string[] {
  const next = selected.includes(level) ? selected.filter((l) => l !== level) : [...selected, level];
  return LEVELS.filter((l) => next.includes(l));
}
