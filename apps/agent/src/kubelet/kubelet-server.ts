/**
 * The kubelet's own API, which the API server calls: for now
 * GET /containerLogs/<namespace>/<pod>/<container> with kube's query
 * (follow, previous, timestamps, tailLines, sinceSeconds, sinceTime,
 * limitBytes), streaming the container's output. Only the API server may
 * call it: the bearer token must be the kubelet-client token derived from
 * the node secret. It listens on loopback (plain HTTP there); the port goes
 * into the Node's status.daemonEndpoints.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isKubeletClientToken, queryFlag } from '@chronokube/core';
import { ByteLimit, DockerLogFrames } from './docker-log-frames';
import { nodeSecretHmac } from '../node-secret-hmac';

/** Where a log request leads: a container instance, or why there is none (kube's kubelet messages). */
export type LogSource = { id: string } | { error: string };

export interface KubeletServerDeps {
  /** The node secret; without it every request is refused (no caller can prove it is the API server). */
  nodeSecret?: string;
  source(namespace: string, pod: string, container: string, previous: boolean): Promise<LogSource>;
  logs(id: string, o: { follow: boolean; tail?: number; since?: number; timestamps: boolean }): Promise<NodeJS.ReadableStream>;
}

function fail(res: http.ServerResponse, code: number, message: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(message);
}

function int(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  return v === null || v === '' ? undefined : Number(v);
}

export class KubeletServer {
  private readonly server: http.Server;

  constructor(private readonly deps: KubeletServerDeps) {
    this.server = http.createServer((req, res) => void this.handle(req, res).catch((err: Error) => {
      if (!res.headersSent) fail(res, 500, err.message);
      else res.destroy();
    }));
  }

  /** Listens on host:port (0 = any free port); resolves with the port. */
  listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve((this.server.address() as AddressInfo).port));
    });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!this.deps.nodeSecret || !token || !isKubeletClientToken(nodeSecretHmac(this.deps.nodeSecret), token)) return fail(res, 401, 'Unauthorized');
    const url = new URL(req.url ?? '/', 'http://kubelet');
    const m = /^\/containerLogs\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (req.method !== 'GET' || !m) return fail(res, 404, '404 page not found');
    const [namespace, pod, container] = m.slice(1).map(decodeURIComponent);
    const q = url.searchParams;
    const source = await this.deps.source(namespace, pod, container, queryFlag(q, 'previous'));
    if ('error' in source) return fail(res, 400, source.error);
    const sinceSeconds = int(q, 'sinceSeconds');
    const sinceTime = q.get('sinceTime');
    const since = sinceSeconds !== undefined ? Math.floor(Date.now() / 1000) - sinceSeconds : sinceTime ? Math.floor(Date.parse(sinceTime) / 1000) : undefined;
    const follow = queryFlag(q, 'follow');
    const raw = await this.deps.logs(source.id, { follow, tail: int(q, 'tailLines'), since, timestamps: queryFlag(q, 'timestamps') });
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
    let out: NodeJS.ReadableStream = raw.pipe(new DockerLogFrames());
    const limit = int(q, 'limitBytes');
    if (limit !== undefined) out = out.pipe(new ByteLimit(limit));
    const stop = () => (raw as unknown as { destroy?: () => void }).destroy?.();
    res.on('close', stop);
    out.on('end', stop);
    out.pipe(res);
  }
}
