import { describe, expect, it } from 'vitest';
import { isLocked, type ManagedUser } from './usersApi';

const user = (lockedUntil: number | null): ManagedUser => ({
  id: 1,
  username: 'ana',
  role: 'VIEWER',
  enabled: true,
  allHosts: false,
  groupIds: [],
  language: 'en',
  timeZone: 'UTC',
  lockedUntil,
  failedLogins: 0,
  lastLoginAt: null,
  createdAt: 0,
});

describe('isLocked', () => {
  it('is locked only until the lock-out ends', () => {
    expect(isLocked(user(null), 1000)).toBe(false);
    expect(isLocked(user(2000), 1000)).toBe(true);
    expect(isLocked(user(2000), 2000)).toBe(false);
  });
});
