/**
 * Every HTTP call of the dashboard: same origin (`chronokube web` proxies
 * the API), the stored bearer token, Status bodies turned into errors, and
 * a 401 sending the user to the login page.
 */
import { ApiRequestError, describeFailure } from './api-error';
import { clearToken, goToLogin, readToken } from './token-store';

/** Options of one request. */
export interface RequestOptions {
  method?: string;
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
  /** Status codes the caller handles itself (no redirect on them, e.g. 404 of an optional endpoint). */
  expect?: number[];
  /** Use this token instead of the stored one (the login page checking a token before storing it). */
  token?: string;
}

/** A raw fetch with the token; throws ApiRequestError on a non-2xx answer. */
export async function apiFetch(path: string, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = opts.token ?? readToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    headers['Content-Type'] = opts.contentType ?? 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(path, { method: opts.method ?? 'GET', headers, body, signal: opts.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiRequestError(0, `${opts.method ?? 'GET'} ${path}: ${(err as Error).message} (is chronokube web running?)`);
  }
  if (res.ok) return res;
  const failure = describeFailure(res.status, res.statusText, await res.text().catch(() => ''));
  if (res.status === 401 && !opts.expect?.includes(401)) {
    clearToken();
    goToLogin();
  }
  throw failure;
}

/** A JSON request. */
export async function apiJson<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await apiFetch(path, opts);
  return (await res.json()) as T;
}

export { ApiRequestError };
