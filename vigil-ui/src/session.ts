// Who is logged in. The server owns the session (an HttpOnly cookie), so the UI only mirrors it.
import { shallowRef } from 'vue';
import { ApiError, api, type User } from './api';

export const currentUser = shallowRef<User | null>(null);

/** Asks the server once per page load (or after a 401) whether the cookie is still a session. */
export async function ensureUser(): Promise<User | null> {
  if (currentUser.value) return currentUser.value;
  try {
    currentUser.value = await api.me();
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) throw e;
    currentUser.value = null;
  }
  return currentUser.value;
}
