// Every call the console makes goes through here, to the public REST API, with the user's credentials.
import * as session from './session.js';

/** A failed call: the HTTP status and the problem+json body (code, detail, errors with pointers). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && (problem.detail || problem.title) ? (problem.detail || problem.title) : `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

const listeners = { unauthorized: () => {} };

/** What to do when the API says the credentials are no longer good (401): log out. */
export function onUnauthorized(listener) {
  listeners.unauthorized = listener;
}

/**
 * Calls the API. Resolves with the parsed JSON body (or null when there is none); rejects with an
 * ApiError for any status of 400 and above.
 */
export async function call(method, path, body, options = {}) {
  const headers = { Accept: 'application/json' };
  const authorization = options.authorization || (session.current() || {}).authorization;
  if (authorization) {
    headers.Authorization = authorization;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  Object.assign(headers, options.headers || {});
  const response = await fetch(session.API_BASE + path.replace(/^\//, ''), {
    method,
    headers,
    body: body === undefined ? undefined : (typeof body === 'string' ? body : JSON.stringify(body)),
    credentials: 'omit',
    cache: 'no-store',
  });
  const text = await response.text();
  let parsed = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      parsed = { detail: text };
    }
  }
  if (response.status === 401 && !options.authorization) {
    listeners.unauthorized();
  }
  if (!response.ok) {
    throw new ApiError(response.status, parsed);
  }
  return parsed;
}

export const get = (path, options) => call('GET', path, undefined, options);
export const post = (path, body, options) => call('POST', path, body === undefined ? '' : body, options);
export const put = (path, body) => call('PUT', path, body);
export const del = (path) => call('DELETE', path);

/** A path segment from a name or id chosen by users. */
export const seg = (value) => encodeURIComponent(value);
