// In-app notifications as the bell shows them. The payload's wording belongs to the server
// (message templates), so this only picks which of its fields to show.

export interface NotificationView {
  key: string;
  at: number | null;
  text: string;
  severity: string | null;
  host: string | null;
  problemId: string | null;
  kind: string | null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v : null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The fields the bell shows, whatever mix of subject/text/body the server sent. */
export function toNotificationView(n: Record<string, unknown>): NotificationView {
  const problem = (typeof n.problem === 'object' && n.problem !== null ? n.problem : {}) as Record<string, unknown>;
  const at = num(n.at) ?? num(n.createdAt) ?? num(n.sentAt);
  const problemId = n.problemId ?? problem.id ?? null;
  // The stream's payload has no row id; what identifies a notice in both is problem × kind ×
  // recipient × time, so a notice both listed and streamed is one entry.
  const recipient = n.recipientId ?? n.recipient ?? null;
  const key =
    problemId !== null && problemId !== undefined && at !== null
      ? `${String(problemId)}|${str(n.kind) ?? ''}|${String(recipient ?? '')}|${at}`
      : String(n.id ?? `${at}-${str(n.subject) ?? str(n.text) ?? ''}`);
  return {
    key,
    at,
    text: str(n.subject) ?? str(n.text) ?? str(n.body) ?? str(problem.text) ?? '(no text)',
    severity: str(n.severity) ?? str(problem.severity),
    host: str(n.host) ?? str(problem.host),
    problemId: problemId === null || problemId === undefined ? null : String(problemId),
    kind: str(n.kind),
  };
}

/** Newest first, one per key (a notification both listed and streamed is shown once). */
export function mergeNotifications(current: NotificationView[], incoming: NotificationView[], max = 50): NotificationView[] {
  const byKey = new Map<string, NotificationView>();
  for (const n of [...incoming, ...current]) if (!byKey.has(n.key)) byKey.set(n.key, n);
  return [...byKey.values()].sort((a, b) => (b.at ?? 0) - (a.at ?? 0)).slice(0, max);
}

/** How many arrived after the user last opened the list. */
export function unreadCount(list: NotificationView[], seenAt: number): number {
  return list.filter((n) => (n.at ?? 0) > seenAt).length;
}
