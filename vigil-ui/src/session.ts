// Who is logged in. The server owns the session (an HttpOnly cookie), so the UI only mirrors it.
// The user's language and time zone travel with them: applied on login and on every session probe.
import { shallowRef } from 'vue';
import { ApiError, api, request, type User } from './api';
import { browserLocale, isLocale, setLocale, type Locale } from './i18n';
import { isTimeZone, userLocale, userTimeZone } from './lib/time';

export const currentUser = shallowRef<User | null>(null);

/** The browser's own zone: what a user without a stored preference sees. */
const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Switches language and time zone to the user's preferences (read defensively: older servers lack them). */
export function applyPreferences(user: User | null): void {
  const prefs = (user ?? {}) as { language?: unknown; timeZone?: unknown };
  const locale: Locale = isLocale(prefs.language) ? prefs.language : browserLocale();
  setLocale(locale);
  userLocale.value = locale;
  userTimeZone.value = typeof prefs.timeZone === 'string' && isTimeZone(prefs.timeZone) ? prefs.timeZone : BROWSER_ZONE;
}

/** Sets who is logged in and applies their preferences; null (logged out) falls back to the browser's. */
export function setCurrentUser(user: User | null): void {
  currentUser.value = user;
  applyPreferences(user);
}

/** Asks the server once per page load (or after a 401) whether the cookie is still a session. */
export async function ensureUser(): Promise<User | null> {
  if (currentUser.value) return currentUser.value;
  try {
    setCurrentUser(await api.me());
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) throw e;
    setCurrentUser(null);
  }
  return currentUser.value;
}

/**
 * Switches the language at once and stores it on the user. A server without the preferences
 * endpoint (404) still gets the switch for this page load.
 */
export async function changeLanguage(locale: Locale): Promise<void> {
  setLocale(locale);
  userLocale.value = locale;
  if (currentUser.value) currentUser.value = { ...currentUser.value, language: locale } as User;
  try {
    const me = await request<User | undefined>('PUT', '/api/v1/account/preferences', { body: { language: locale } });
    if (me && typeof me === 'object' && 'username' in me) currentUser.value = me;
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404)) throw e;
  }
}
