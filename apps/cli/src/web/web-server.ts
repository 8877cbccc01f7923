/**
 * `chronokube web`'s HTTP server: the built dashboard's files, the API
 * server behind the same origin (so the browser needs no CORS and no trust
 * in the cluster's CA), and the one-time login exchange.
 */
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ApiProxy, isApiPath, type ApiTarget } from './api-proxy';
import { LoginCodes } from './login-codes';
import { resolveStatic } from './static-files';

export interface WebServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The static export (apps/web/out). */
  uiDir: string;
  api: ApiTarget;
  /** What a redeemed login code yields: the kubeconfig's bearer token. */
  token: string;
  log: (line: string) => void;
}

export interface WebServer {
  /** http://host:port */
  readonly url: string;
  /** A link that signs the browser in once (a fresh one-time code each call). */
  loginUrl(): string;
  close(): Promise<void>;
}

/** Login bodies are a code; anything bigger is not one. */
const MAX_LOGIN_BODY = 4096;

function status(res: ServerResponse, code: number, reason: string, message: string): void {
  const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason, message, code });
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  res.end(body);
}

function readSmallBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(undefined);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const codes = new LoginCodes();
  const proxy = new ApiProxy(options.api, options.log);
  const uiDir = path.resolve(options.uiDir);

  const login = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') return status(res, 405, 'MethodNotAllowed', 'POST {"code": "..."} to sign in with a login link');
    const text = await readSmallBody(req, MAX_LOGIN_BODY);
    let code: unknown;
    try {
      code = text === undefined ? undefined : (JSON.parse(text) as { code?: unknown })?.code;
    } catch {
      return status(res, 400, 'BadRequest', 'the body must be JSON: {"code": "..."}');
    }
    if (!codes.redeem(code)) return status(res, 401, 'Unauthorized', 'this login link was already used or has expired: sign in with a token, or run chronokube up again for a new link');
    const body = JSON.stringify({ token: options.token });
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
    res.end(body);
  };

  const page = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return status(res, 405, 'MethodNotAllowed', `${req.method} is not allowed here`);
    const found = resolveStatic(uiDir, req.url ?? '/');
    const notFound = found ? undefined : resolveStatic(uiDir, '/404.html');
    const file = found ?? notFound;
    if (!file) return status(res, 404, 'NotFound', `no page at ${req.url}`);
    const headers: Record<string, string | number> = {
      'Content-Type': file.contentType,
      'Content-Length': fs.statSync(file.file).size,
      'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      // The login link carries its code: never leak the URL to another site.
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
    };
    res.writeHead(found ? 200 : 404, headers);
    if (req.method === 'HEAD') return void res.end();
    fs.createReadStream(file.file).on('error', () => res.destroy()).pipe(res);
  };

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (isApiPath(url)) return proxy.forward(req, res);
    if (url.split('?')[0] === '/auth/one-time') {
      login(req, res).catch((err: Error) => status(res, 500, 'InternalError', err.message));
      return;
    }
    page(req, res);
  });
  server.on('upgrade', (req, socket, head) => {
    if (isApiPath(req.url ?? '/')) proxy.upgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${address.port}`;
  return {
    url,
    loginUrl: () => `${url}/login/?code=${codes.issue()}`,
    close: async () => {
      proxy.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
