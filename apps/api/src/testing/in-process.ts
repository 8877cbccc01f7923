/**
 * An API server and embedded store in this process, on free ports and a
 * temp dir, for integration tests that need to look inside (projection,
 * history) rather than only at HTTP.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startEventStoreServer } from '@chronokube/eventstore';
import { startApiServer, type RunningApiServer } from '../server';
import type { ApiConfig } from '../config';
import { ensureServerPki } from '../tls';

export const ADMIN_TOKEN = 'in-process-admin';

export interface InProcess {
  api: RunningApiServer;
  dir: string;
  /** The store's connection string, with credentials and CA, as the launcher makes it. */
  eventstoreUrl: string;
  /** The history key the API signs with. */
  historyKey: Buffer;
  /** Sends one JSON request as the admin; resolves with status and parsed body. */
  call(method: string, urlPath: string, body?: unknown, contentType?: string): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  restartApi(): Promise<void>;
  stop(): Promise<void>;
}

export async function startInProcess(overrides: Partial<ApiConfig> = {}): Promise<InProcess> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chronokube-inproc-'));
  // As the launcher runs it: TLS with its own CA, one user, and a history key.
  const pki = ensureServerPki(path.join(dir, 'eventstore-tls'), { hosts: ['127.0.0.1', 'localhost'] });
  const store = await startEventStoreServer({
    dataDir: path.join(dir, 'eventstore'),
    port: 0,
    tls: { certPem: pki.certPem, keyPem: pki.keyPem, caFile: pki.caPath },
    user: { username: 'admin', password: randomBytes(16).toString('hex') },
  });
  const historyKey = randomBytes(32);
  const config: ApiConfig = {
    eventstoreUrl: store.connectionString,
    eventstoreFile: path.join(dir, 'eventstore', 'events.sqlite'),
    historyKey,
    host: '127.0.0.1',
    port: 0,
    tokens: new Map([[ADMIN_TOKEN, { name: 'admin', uid: 'admin', groups: ['system:masters'] }]]),
    serviceCidr: '127.96.0.0/16',
    snapshotDir: path.join(dir, 'snapshots'),
    ...overrides,
  };
  const handle: InProcess = {
    api: await startApiServer(config),
    dir,
    eventstoreUrl: store.connectionString,
    historyKey: config.historyKey ?? historyKey,
    async call(method, urlPath, body, contentType = 'application/json') {
      const res = await fetch(handle.api.url + urlPath, {
        method,
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': contentType },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async restartApi() {
      await handle.api.close();
      handle.api = await startApiServer(config);
    },
    async stop() {
      await handle.api.close();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}
