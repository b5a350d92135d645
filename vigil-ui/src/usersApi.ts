// Client for user administration, the caller's own account and API tokens (docs/users.md).
// Built on api.ts's request(), so errors and the XSRF echo behave like every other call.
import { request, type Id, type User } from './api';

export type RoleName = 'ADMIN' | 'OPERATOR' | 'VIEWER';
export const ROLES: RoleName[] = ['ADMIN', 'OPERATOR', 'VIEWER'];

/** A user as administrators see it (never the password). */
export interface ManagedUser {
  id: number;
  username: string;
  role: RoleName;
  enabled: boolean;
  allHosts: boolean;
  groupIds: number[];
  language: string;
  timeZone: string;
  lockedUntil: number | null;
  failedLogins: number;
  lastLoginAt: number | null;
  createdAt: number;
}

/** Create or update; password is required to create and optional (a reset) to update. */
export interface UserInput {
  username?: string;
  password?: string;
  role?: RoleName;
  enabled?: boolean;
  allHosts?: boolean;
  groupIds?: number[];
  language?: string;
  timeZone?: string;
}

export interface ApiToken {
  id: number;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

export interface CreatedToken {
  id: number;
  name: string;
  /** Shown once: the server keeps only a hash. */
  token: string;
}

const enc = encodeURIComponent;

export const usersApi = {
  list: () => request<ManagedUser[]>('GET', '/api/v1/users'),
  create: (input: UserInput) => request<ManagedUser>('POST', '/api/v1/users', { body: input }),
  update: (id: Id, input: UserInput) => request<ManagedUser>('PUT', `/api/v1/users/${enc(String(id))}`, { body: input }),
  unlock: (id: Id) => request<ManagedUser>('POST', `/api/v1/users/${enc(String(id))}/unlock`),
  remove: (id: Id) => request<void>('DELETE', `/api/v1/users/${enc(String(id))}`),

  savePreferences: (language: string, timeZone: string) =>
    request<User>('PUT', '/api/v1/account/preferences', { body: { language, timeZone } }),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<void>('POST', '/api/v1/account/password', { body: { currentPassword, newPassword } }),

  tokens: () => request<ApiToken[]>('GET', '/api/v1/tokens'),
  createToken: (name: string) => request<CreatedToken>('POST', '/api/v1/tokens', { body: { name } }),
  deleteToken: (id: Id) => request<void>('DELETE', `/api/v1/tokens/${enc(String(id))}`),
};

/** True while the lock-out lasts. */
export function isLocked(user: ManagedUser, now: number = Date.now()): boolean {
  return user.lockedUntil !== null && user.lockedUntil > now;
}
