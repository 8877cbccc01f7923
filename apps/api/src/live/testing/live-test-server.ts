/**
 * An in-process API server over HTTPS (its own CA) with one token per role,
 * a node secret, and helpers for the live gateway's integration tests: a
 * real socket.io client that trusts the CA, and JSON calls over HTTPS.
 */
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { nodeToken } from '@chronokube/core';
import { startInProcess, type InProcess } from '../../testing/in-process';
import { ensureServerPki } from '../../tls';
import { nodeSecretHmac } from '../../auth/node-secret-hmac';
import type { ApiConfig } from '../../config';
import { LIVE_PATH, type LiveBatch, type SubscribeReply, type SubscribeRequest } from '../live-protocol';

const NODE_SECRET = 'live-test-node-secret';

export const TOKENS = {
  admin: 'live-admin-token',
  viewer: 'live-viewer-token',
  nobody: 'live-nobody-token',
  node: nodeToken(nodeSecretHmac(NODE_SECRET), 'node-a'),
};

export interface LiveTestServer {
  inProcess: InProcess;
  url: string;
  caPem: string;
  /** One JSON request over HTTPS as `token` (admin by default). */
  call(method: string, urlPath: string, body?: unknown, token?: string): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** A socket.io client that trusts the CA; not yet connected. */
  client(auth: { token?: string; header?: string; polling?: boolean }): Socket;
  stop(): Promise<void>;
}

export async function startLiveTestServer(overrides: Partial<ApiConfig> = {}): Promise<LiveTestServer> {
  const pkiDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chronokube-live-pki-'));
  const pki = ensureServerPki(pkiDir, { hosts: ['127.0.0.1', 'localhost'] });
  const inProcess = await startInProcess({
    tls: { cert: pki.certPem, key: pki.keyPem },
    nodeSecret: NODE_SECRET,
    tokens: new Map([
      [TOKENS.admin, { name: 'admin', uid: 'admin', groups: ['system:masters'] }],
      [TOKENS.viewer, { name: 'victor', uid: 'victor', groups: ['chronokube:view'] }],
      [TOKENS.nobody, { name: 'nobody', uid: 'nobody', groups: [] }],
    ]),
    ...overrides,
  });
  const agent = new https.Agent({ ca: pki.caCertPem, keepAlive: true, maxSockets: 8 });
  const url = inProcess.api.url;
  const sockets = new Set<Socket>();
  return {
    inProcess,
    url,
    caPem: pki.caCertPem,
    call: (method, urlPath, body, token = TOKENS.admin) =>
      new Promise((resolve, reject) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const req = https.request(url + urlPath, { method, agent, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
          });
        });
        req.on('error', reject);
        req.end(payload);
      }),
    client(auth) {
      const socket = io(url, {
        path: LIVE_PATH,
        transports: auth.polling ? ['polling'] : ['websocket'],
        ca: pki.caCertPem,
        reconnection: false,
        forceNew: true,
        autoConnect: false,
        auth: auth.token === undefined ? {} : { token: auth.token },
        extraHeaders: auth.header === undefined ? undefined : { Authorization: auth.header },
      });
      sockets.add(socket);
      return socket;
    },
    async stop() {
      for (const s of sockets) s.disconnect();
      agent.destroy();
      await inProcess.stop();
      fs.rmSync(pkiDir, { recursive: true, force: true });
    },
  };
}

/** Connects; resolves on connect, rejects with the connect_error. */
export function connect(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
    socket.connect();
  });
}

/** Sends `subscribe` and resolves with the server's reply. */
export function subscribe(socket: Socket, request: SubscribeRequest | unknown): Promise<SubscribeReply> {
  return socket.timeout(10_000).emitWithAck('subscribe', request) as Promise<SubscribeReply>;
}

/** Every batch a socket receives (acknowledged at once), in order. */
export function collect(socket: Socket): LiveBatch[] {
  const batches: LiveBatch[] = [];
  socket.on('events', (batch: LiveBatch, ack: () => void) => {
    batches.push(batch);
    ack();
  });
  return batches;
}
