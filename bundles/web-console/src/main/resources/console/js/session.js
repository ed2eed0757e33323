// The logged-in user, kept in sessionStorage only: gone when the tab closes, never sent as a cookie.
const KEY = 'hyperiot.console.session';

/** Base of the REST API, relative to the console's address (/streaming/console/ → /streaming/api/v1/). */
export const API_BASE = new URL('../api/v1/', document.baseURI).pathname;

export function current() {
  const stored = sessionStorage.getItem(KEY);
  if (!stored) {
    return null;
  }
  try {
    return JSON.parse(stored);
  } catch (e) {
    sessionStorage.removeItem(KEY);
    return null;
  }
}

export function save(session) {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clear() {
  sessionStorage.removeItem(KEY);
}

/** The HTTP Basic header value for a user name and password (UTF-8, as the API expects). */
export function basicAuthorization(user, password) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return `Basic ${btoa(binary)}`;
}

/** Whether the current user holds an API role (the roles come from GET /me, hierarchy included). */
export function can(role) {
  const session = current();
  return session !== null && session.roles.includes(role);
}
