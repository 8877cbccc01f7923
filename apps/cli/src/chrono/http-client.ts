/**
 * The thin HTTP layer: one request at a time to the cluster of the
 * kubeconfig, with its CA, client certificate and bearer token, through
 * node's own http/https. Non-2xx answers become {@link ServerError}s.
 */
import http from 'node:http';
import https from 'node:https';
import { CliError } from '../errors';
import type { ClusterAccess } from './kubeconfig';
import { serverError } from './server-error';

/** Query parameters; undefined values are left out. */
export type Query = Record<string, string | undefined>;

/** A raw answer, for downloads whose headers matter (incident export). */
export interface RawResponse { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

/** What the verbs need from the server. */
export interface ChronoClient {
  /** GET a JSON document; `accept` overrides `application/json`. */
  getJson<T>(path: string, query?: Query, accept?: string): Promise<T>;
  /** POST/PATCH a JSON body and read the JSON answer. */
  sendJson<T>(method: 'POST' | 'PATCH', path: string, body: unknown): Promise<T>;
  /** GET the bytes and headers of a 2xx answer. */
  getRaw(path: string, query?: Query): Promise<RawResponse>;
}

const USER_AGENT = 'kubectl-chrono/0.1.0';
const TIMEOUT_MS = 60_000;

/** Builds a path with its query string, leaving out undefined values. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, v);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** A client for `access`; requests are made only when a method is called. */
export function createClient(access: ClusterAccess): ChronoClient {
  const base = new URL(access.server);
  const secure = base.protocol === 'https:';

  const request = (method: string, path: string, body?: Buffer, accept = 'application/json'): Promise<RawResponse> => {
    const url = new URL(base.pathname.replace(/\/$/, '') + path, base);
    const headers: Record<string, string | number> = { Accept: accept, 'User-Agent': USER_AGENT };
    if (access.token) headers.Authorization = `Bearer ${access.token}`;
    else if (access.basic) headers.Authorization = `Basic ${Buffer.from(`${access.basic.username}:${access.basic.password}`).toString('base64')}`;
    if (body) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': body.length });
    const options: https.RequestOptions = { method, headers, timeout: TIMEOUT_MS };
    if (secure) {
      Object.assign(options, { rejectUnauthorized: !access.insecureSkipTlsVerify });
      if (access.caPem) options.ca = access.caPem;
      if (access.certPem && access.keyPem) Object.assign(options, { cert: access.certPem, key: access.keyPem });
      if (access.tlsServerName) options.servername = access.tlsServerName;
    }
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(url, options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000}s`)));
      req.on('error', (err: NodeJS.ErrnoException) => {
        // kubectl's wording, so scripts and people recognise it.
        reject(new CliError(`Unable to connect to the server: ${err.message}`));
      });
      req.end(body);
    });
  };

  const ok = async (pending: Promise<RawResponse>): Promise<RawResponse> => {
    const res = await pending;
    if (res.status < 200 || res.status > 299) throw serverError(res.status, res.body.toString('utf8'));
    return res;
  };
  const json = <T>(res: RawResponse): T => {
    try {
      return JSON.parse(res.body.toString('utf8')) as T;
    } catch {
      throw new CliError(`the server answered ${res.status} with a body that is not JSON`);
    }
  };

  return {
    async getJson<T>(path: string, query?: Query, accept?: string) {
      return json<T>(await ok(request('GET', withQuery(path, query), undefined, accept)));
    },
    async sendJson<T>(method: 'POST' | 'PATCH', path: string, body: unknown) {
      return json<T>(await ok(request(method, path, Buffer.from(JSON.stringify(body)))));
    },
    getRaw(path, query) {
      return ok(request('GET', withQuery(path, query)));
    },
  };
}
