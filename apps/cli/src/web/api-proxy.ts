/**
 * The dashboard's way to the API server: same-origin paths (`/api`,
 * `/apis`, the live socket.io, ...) relayed to the server over HTTPS with
 * the cluster's CA. Requests go through as sent: the browser's own bearer
 * token decides what it may do, the proxy adds no credential. Responses
 * stream (watches, log follow), and the live stream's WebSocket upgrade is
 * relayed byte for byte.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';

/** Where the API server is and how to trust it (from the kubeconfig). */
export interface ApiTarget {
  /** https://host:port */
  server: string;
  caPem?: string;
  insecureSkipTlsVerify?: boolean;
}

/** Paths the API server answers; everything else is the dashboard's own. */
const PREFIXES = ['/api/', '/apis/', '/live/socket.io/', '/openapi/'];
const EXACT = ['/api', '/apis', '/version', '/healthz', '/readyz', '/livez'];

/** Whether `url` (path and query) goes to the API server. */
export function isApiPath(url: string): boolean {
  const pathname = url.split('?')[0];
  return EXACT.includes(pathname) || PREFIXES.some((p) => pathname.startsWith(p));
}

/** Connection-level headers (RFC 9110 7.6.1) that describe one hop, not the message. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/**
 * X-Forwarded-For with the browser's address appended (as proxies do), so
 * the API server's audit records where a request came from (kube's
 * sourceIPs) rather than this proxy's loopback address.
 */
export function forwardedFor(req: IncomingMessage): Record<string, string> {
  const remote = req.socket.remoteAddress;
  if (!remote) return {};
  const address = remote.startsWith('::ffff:') ? remote.slice(7) : remote;
  const before = req.headers['x-forwarded-for'];
  const prior = (Array.isArray(before) ? before.join(', ') : before ?? '').trim();
  return { 'x-forwarded-for': prior ? `${prior}, ${address}` : address };
}

/** Methods the proxy may send twice: no body, and safe or idempotent (RFC 9110 9.2). */
const RETRYABLE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class ApiProxy {
  private readonly agent: https.Agent;
  private readonly url: URL;

  constructor(target: ApiTarget, private readonly log: (line: string) => void) {
    this.url = new URL(target.server);
    this.agent = new https.Agent({ keepAlive: true, ca: target.caPem, rejectUnauthorized: !target.insecureSkipTlsVerify });
  }

  private options(req: IncomingMessage, headers: Record<string, string | string[] | undefined>): https.RequestOptions {
    return { protocol: 'https:', hostname: this.url.hostname, port: this.url.port || 443, method: req.method, path: req.url, headers: { ...headers, ...forwardedFor(req), host: this.url.host }, agent: this.agent };
  }

  /** Relays one HTTP request and its (possibly endless) response. */
  forward(req: IncomingMessage, res: ServerResponse): void {
    const headers: Record<string, string | string[] | undefined> = {};
    for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name)) headers[name] = value;
    // A kept-alive connection the API server closed just as it was reused fails before any answer
    // (ECONNRESET): a request without a body that nothing has answered yet is sent once more, on a new
    // connection, as Node's docs advise for reusedSocket. Anything else is the API server's trouble.
    const retryable = RETRYABLE_METHODS.has((req.method ?? 'GET').toUpperCase());
    const send = (attempt: number): void => {
      let answered = false;
      const upstream = https.request(this.options(req, headers), (answer) => {
        answered = true;
        const out: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, out);
        // Watches and followed logs arrive in pieces: each goes on at once.
        res.flushHeaders();
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      });
      upstream.on('error', (err) => {
        if (!answered && retryable && attempt === 0 && upstream.reusedSocket && !res.destroyed) return send(1);
        this.unavailable(res, err);
      });
      // A browser that goes away (closed tab, aborted follow) ends the upstream request too.
      res.on('close', () => {
        if (!res.writableFinished) upstream.destroy();
      });
      if (retryable) upstream.end();
      else req.pipe(upstream);
    };
    send(0);
  }

  /** Relays a WebSocket upgrade (the live stream), then the bytes both ways. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const upstream = https.request(this.options(req, { ...req.headers }));
    const fail = (): void => {
      socket.destroy();
      upstream.destroy();
    };
    socket.on('error', fail);
    upstream.on('error', (err) => {
      this.log(`the API server refused a live connection: ${err.message}`);
      socket.destroy();
    });
    upstream.on('upgrade', (answer, theirs, theirHead) => {
      socket.write(statusBlock(answer));
      if (theirHead.length) socket.write(theirHead);
      if (head.length) theirs.write(head);
      theirs.on('error', fail);
      theirs.pipe(socket);
      socket.pipe(theirs);
      socket.on('close', () => theirs.destroy());
      theirs.on('close', () => socket.destroy());
    });
    // No upgrade (a refused handshake): pass the answer on, whole, and close.
    upstream.on('response', (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('error', fail);
      answer.on('end', () => {
        const body = Buffer.concat(chunks);
        const type = answer.headers['content-type'] ?? 'text/plain';
        socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 ${answer.statusCode} ${answer.statusMessage ?? ''}\r\nContent-Type: ${type}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`), body]));
      });
    });
    upstream.end();
  }

  private unavailable(res: ServerResponse, err: Error): void {
    this.log(`the API server did not answer: ${err.message}`);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const body = JSON.stringify({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'ServiceUnavailable', code: 503,
      message: `the dashboard could not reach the API server at ${this.url.origin}: ${err.message}`,
    });
    res.writeHead(503, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The status line and headers of an answer, as raw HTTP/1.1 (for a relayed upgrade). */
function statusBlock(answer: IncomingMessage): string {
  const lines = [`HTTP/1.1 ${answer.statusCode} ${answer.statusMessage ?? ''}`];
  const raw = answer.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) lines.push(`${raw[i]}: ${raw[i + 1]}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}
