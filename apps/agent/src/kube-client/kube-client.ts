/**
 * A small Kubernetes REST client for the node agent and simulated nodes:
 * JSON requests over HTTPS with a keep-alive pool, Status errors as
 * KubeApiError, and watches as async iterables of watch events. It talks to
 * the API like any kubelet does; it never touches the event store.
 */
import http from 'node:http';
import https from 'node:https';
import { CAUSE_VERSION_HEADER } from './cause';
import type { ClusterAccess } from './kubeconfig';

export class KubeApiError extends Error {
  constructor(readonly status: number, readonly reason: string, message: string) {
    super(message);
  }
}

export interface WatchEvent<T = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
}

export class KubeClient {
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(private readonly access: ClusterAccess, maxSockets = 16, private readonly userAgent = 'chronokube-agent/0.1') {
    this.url = new URL(access.server);
    this.agent = this.url.protocol === 'https:'
      ? new https.Agent({ keepAlive: true, maxSockets, ca: access.caPem, rejectUnauthorized: !access.insecureSkipTlsVerify })
      : new http.Agent({ keepAlive: true, maxSockets });
  }

  /**
   * One JSON request; resolves with the parsed body, rejects with
   * KubeApiError on a non-2xx Status. A write whose cause the server cannot
   * resolve (a version it no longer finds) is sent again without it: the
   * write matters more than its link.
   */
  async request<T = any>(method: string, path: string, body?: unknown, contentType = 'application/json', headers: Record<string, string> = {}): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
    try {
      return await this.send<T>(method, path, body, contentType, headers);
    } catch (err) {
      if (!(CAUSE_VERSION_HEADER in headers && err instanceof KubeApiError && err.status === 400 && err.message.includes(CAUSE_VERSION_HEADER))) throw err;
      const rest = { ...headers };
      delete rest[CAUSE_VERSION_HEADER];
      return this.send<T>(method, path, body, contentType, rest);
    }
  }

  private send<T>(method: string, path: string, body: unknown, contentType: string, headers: Record<string, string>): Promise<T> {
    const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = (this.url.protocol === 'https:' ? https : http).request(
        new URL(path, this.url),
        { method, agent: this.agent, headers: this.headers(payload, contentType, headers) },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: any; // eslint-disable-line @typescript-eslint/no-explicit-any
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              parsed = undefined;
            }
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve(parsed as T);
            else reject(new KubeApiError(status, parsed?.reason ?? 'Unknown', parsed?.message ?? (text || `HTTP ${status}`)));
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  private headers(payload: Buffer | undefined, contentType: string, extra: Record<string, string>): Record<string, string | number> {
    const h: Record<string, string | number> = { Accept: 'application/json', 'User-Agent': this.userAgent, ...extra };
    if (this.access.token) h.Authorization = `Bearer ${this.access.token}`;
    if (payload) {
      h['Content-Type'] = contentType;
      h['Content-Length'] = payload.length;
    }
    return h;
  }

  get<T = any>(path: string): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.request<T>('GET', path);
  }

  /**
   * Watch events from `path` (a collection URL) after `resourceVersion`,
   * until `signal` aborts or the server ends the stream. The caller
   * re-lists on a 410 (KubeApiError with status 410).
   */
  async *watch<T = any>(path: string, resourceVersion: string, signal: AbortSignal, timeoutSeconds = 300): AsyncGenerator<WatchEvent<T>> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const sep = path.includes('?') ? '&' : '?';
    const url = new URL(`${path}${sep}watch=1&allowWatchBookmarks=true&resourceVersion=${resourceVersion}&timeoutSeconds=${timeoutSeconds}`, this.url);
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = (this.url.protocol === 'https:' ? https : http).request(url, { method: 'GET', agent: false, ca: this.access.caPem, rejectUnauthorized: !this.access.insecureSkipTlsVerify, headers: this.headers(undefined, '', {}), signal } as https.RequestOptions, resolve);
      req.on('error', reject);
      req.end();
    });
    if ((res.statusCode ?? 0) !== 200) {
      const chunks: Buffer[] = [];
      for await (const c of res) chunks.push(c as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      throw new KubeApiError(res.statusCode ?? 0, body.reason ?? 'Unknown', body.message ?? `HTTP ${res.statusCode}`);
    }
    let buffer = '';
    try {
      for await (const chunk of res) {
        buffer += (chunk as Buffer).toString('utf8');
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (line.trim()) yield JSON.parse(line) as WatchEvent<T>;
        }
      }
    } catch (err) {
      if (!signal.aborted) throw err;
    }
  }

  close(): void {
    this.agent.destroy();
  }
}
