// Host groups: each group's worst open severity, from GET /problems/summary's worstByGroup.
import { toSeverity, type SeverityOrNone } from './severity';

/**
 * The worst active severity of the named group: none when the summary lists no problem for it (or
 * names something that is not a severity), null when there is no summary to tell (not loaded, or
 * failed) — the screen then shows no marker rather than a reassuring "OK".
 */
export function groupSeverity(worstByGroup: Record<string, unknown> | null | undefined, name: string): SeverityOrNone | null {
  if (worstByGroup === null || worstByGroup === undefined) return null;
  return Object.hasOwn(worstByGroup, name) ? (toSeverity(worstByGroup[name]) ?? 'none') : 'none';
}
