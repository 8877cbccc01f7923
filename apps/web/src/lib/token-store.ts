/**
 * Where the signed-in bearer token lives: localStorage["chronokube.token"]
 * (PLAN12.md). Browser-only; every caller runs in a client component.
 */

/** The localStorage key the login page writes and every page reads. */
export const TOKEN_KEY = 'chronokube.token';

/** The stored token, if any. */
export function readToken(): string | null {
  if (typeof window === 'undefined') return null;
  return window.localStorage.getItem(TOKEN_KEY);
}

/** Store the token after a successful sign-in. */
export function writeToken(token: string): void {
  window.localStorage.setItem(TOKEN_KEY, token);
}

/** Forget the token (sign-out, or the API said 401). */
export function clearToken(): void {
  window.localStorage.removeItem(TOKEN_KEY);
}

/** Go to the login page (a full navigation, so every feed and socket stops). */
export function goToLogin(): void {
  if (window.location.pathname.startsWith('/login')) return;
  window.location.assign('/login/');
}
