import https from 'node:https';
import type { Problems } from './problems';

/** How to reach the API server: base URL, its CA and the admin token. */
export interface ApiEndpoint {
  /** e.g. https://127.0.0.1:6443 */
  url: string;
  caPem: string;
  token: string;
}

/** A complete response: status and the whole body. */
export interface ApiResponse {
  status: number;
  body: Buffer;
  /** The answer's Server-Timing header, when it sent one. */
  serverTiming?: string;
}

export interface RequestOptions {
  /** JSON request body (serialized once by the caller, so it is not timed twice). */
  body?: string;
  accept?: string;
  /** Scenario name under which a failure is recorded. */
  scenario: string;
}

/** Long enough for a 10,000-object list on a loaded machine; a hang still ends. */
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * A minimal Kubernetes REST client on Node's https with a keep-alive agent,
 * as a kube client holds a small pool of connections. Deliberately thin
 * (no JSON decoding, no retries) so the figures are the server's, and so a
 * failure is seen once, as it happened.
 */
export class ApiClient {
  readonly agent: https.Agent;

  constructor(
    readonly endpoint: ApiEndpoint,
    /** Where failures go; scenarios add the ones only they can see (wrong content). */
    readonly problems: Problems,
    maxSockets = 32,
  ) {
    this.agent = new https.Agent({ keepAlive: true, maxSockets, ca: endpoint.caPem });
  }

  /**
   * Sends one request and resolves to the whole response, whatever its
   * status. Never rejects: a non-2xx answer or a connection error is
   * recorded in Problems under `scenario` and resolves as `ok: false`
   * (status 0 when there was no response).
   */
  async send(method: string, path: string, options: RequestOptions): Promise<ApiResponse & { ok: boolean }> {
    let response: ApiResponse;
    try {
      response = await this.exchange(method, path, options);
    } catch (err) {
      this.problems.record({
        scenario: options.scenario,
        request: `${method} ${path}`,
        requestBody: options.body,
        status: 0,
        response: (err as Error).message,
      });
      return { status: 0, body: Buffer.alloc(0), ok: false };
    }
    const ok = response.status >= 200 && response.status < 300;
    if (!ok) {
      this.problems.record({
        scenario: options.scenario,
        request: `${method} ${path}`,
        requestBody: options.body,
        status: response.status,
        response: response.body.toString('utf8'),
      });
    }
    return { ...response, ok };
  }

  /** Closes the pooled connections. Idempotent. */
  close(): void {
    this.agent.destroy();
  }

  private exchange(method: string, path: string, options: RequestOptions): Promise<ApiResponse> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = {
        Authorization: `Bearer ${this.endpoint.token}`,
        Accept: options.accept ?? 'application/json',
        'User-Agent': 'chronokube-bench',
      };
      if (options.body !== undefined) {
        headers['Content-Type'] = 'application/json';
        headers['Content-Length'] = String(Buffer.byteLength(options.body));
      }
      const req = https.request(new URL(path, this.endpoint.url), { method, headers, agent: this.agent });
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no response within ${REQUEST_TIMEOUT_MS} ms`)));
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const timing = res.headers['server-timing'];
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), serverTiming: Array.isArray(timing) ? timing.join(', ') : timing });
        });
      });
      req.end(options.body);
    });
  }
}
