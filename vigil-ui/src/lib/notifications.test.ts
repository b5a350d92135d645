import { describe, expect, it } from 'vitest';
import { mergeNotifications, toNotificationView, unreadCount } from './notifications';

describe('in-app notifications', () => {
  it('picks the fields to show from flat or nested payloads', () => {
    expect(toNotificationView({ id: 4, createdAt: 100, subject: '[MAJOR] web-1 CPU busy', problemId: 9, severity: 'major', host: 'web-1', kind: 'problem' })).toEqual({
      key: '9|problem||100',
      at: 100,
      text: '[MAJOR] web-1 CPU busy',
      severity: 'major',
      host: 'web-1',
      problemId: '9',
      kind: 'problem',
    });
    expect(toNotificationView({ id: 5, at: 7, problem: { id: 3, host: 'db', severity: 'critical', text: 'down' } })).toMatchObject({ text: 'down', host: 'db', severity: 'critical', problemId: '3' });
  });

  it('identifies a streamed notice with its listed row', () => {
    const listed = toNotificationView({ id: 11, recipientId: 2, problemId: 9, kind: 'problem', severity: 'major', host: 'web-1', subject: 'CPU busy', body: '…', at: 500 });
    const streamed = toNotificationView({ recipientId: 2, recipient: 'ops', problemId: 9, kind: 'problem', severity: 'major', host: 'web-1', subject: 'CPU busy', at: 500 });
    expect(streamed.key).toBe(listed.key);
    expect(mergeNotifications([streamed], [listed])).toHaveLength(1);
  });

  it('merges newest first without duplicates and counts unread', () => {
    const a = toNotificationView({ id: 1, at: 10, text: 'a' });
    const b = toNotificationView({ id: 2, at: 20, text: 'b' });
    const merged = mergeNotifications([a], [b, a]);
    expect(merged.map((n) => n.key)).toEqual(['2', '1']);
    expect(unreadCount(merged, 15)).toBe(1);
    expect(mergeNotifications(merged, [toNotificationView({ id: 3, at: 30, text: 'c' })], 2).map((n) => n.key)).toEqual(['3', '2']);
  });
});
