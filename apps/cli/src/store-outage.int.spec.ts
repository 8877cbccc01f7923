/**
 * `chronokube server` on a store that goes away and comes back, and on one
 * that is not up yet, judged from the outside with a real store process
 * (`chronokube eventstore`) stopped and started on the same port and data:
 * /readyz fails, writes get 503 + Retry-After as a Status, the outage is one
 * log line, and the server waits for a store that is not up yet.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import https from 'node:https';
import { killAll, launch, stopLaunched, STORE_READY, withCredentials, type Launched } from './testing/launch';

const READY = /^chronokube server listening on (https:\/\/127\.0\.0\.1:\d+) /;
const dirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chronokube-outage-'));
  dirs.push(dir);
  return dir;
}

afterAll(async () => {
  await killAll();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function request(url: string, ca: string, method: string, urlPath: string, token?: string, body?: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    if (text) headers['Content-Type'] = 'application/json';
    const req = https.request(new URL(urlPath, url), { method, headers, ca }, (res) => {
      let data = '';
      res.setEncoding('utf8').on('data', (c: string) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    req.end(text);
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function startStore(dir: string, port = 0): Promise<{ proc: Launched; url: string; port: number }> {
  const proc = launch(['eventstore', '--data', dir, '--port', String(port)]);
  // The store prints no password: it is in its credentials file, kept across restarts of the same data dir.
  const [, shown, credentialsFile] = await proc.waitForLine(STORE_READY);
  const url = withCredentials(shown, credentialsFile);
  return { proc, url, port: Number(new URL(shown.replace(/^esdb:/, 'http:')).port) };
}


function adminToken(dir: string): string {
  return fs.readFileSync(path.join(dir, 'tokens.csv'), 'utf8').split('\n').find((l) => l && !l.startsWith('#'))!.split(',')[0];
}

const configMap = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { k: 'v' } });

it('with the store down: /readyz fails, writes get 503 with Retry-After and a Status, one log line; all well once it is back', async () => {
  const storeDir = tempDir();
  let store = await startStore(storeDir);
  const dir = tempDir();
  const server = launch(['server', '--data', dir, '--port', '0', '--eventstore-port', '0'], { EVENTSTORE_URL: store.url });
  const [, url] = await server.waitForLine(READY);
  const ca = fs.readFileSync(path.join(dir, 'pki', 'ca.crt'), 'utf8');
  const token = adminToken(dir);
  expect((await request(url, ca, 'GET', '/readyz')).status).toBe(200);
  expect((await request(url, ca, 'POST', '/api/v1/namespaces/default/configmaps', token, configMap('before'))).status).toBe(201);

  await stopLaunched(store.proc);
  const failing = await until('/readyz to fail', async () => {
    const r = await request(url, ca, 'GET', '/readyz');
    return r.status === 200 ? undefined : r;
  });
  expect(failing.status).toBe(503);
  expect(failing.body).toContain('[-]eventstore failed');

  for (let i = 0; i < 5; i++) {
    const r = await request(url, ca, 'POST', '/api/v1/namespaces/default/configmaps', token, configMap(`during-${i}`));
    expect(r.status).toBe(503);
    expect(r.headers['retry-after']).toBe('1');
    expect(JSON.parse(r.body)).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'ServiceUnavailable', code: 503, details: { retryAfterSeconds: 1 } });
  }
  // Reads are still served from the projection.
  expect((await request(url, ca, 'GET', '/api/v1/namespaces/default/configmaps/before', token)).status).toBe(200);
  const outageLines = server.stderr().split('\n').filter((l) => l.includes('event store is unavailable'));
  expect(outageLines).toHaveLength(1);
  expect(server.stderr()).not.toMatch(/^\s+at /m); // no stack traces

  store = await startStore(storeDir, store.port);
  await until('/readyz to pass again', async () => ((await request(url, ca, 'GET', '/readyz')).status === 200 ? true : undefined));
  const after = await until('a write to succeed', async () => {
    const r = await request(url, ca, 'POST', '/api/v1/namespaces/default/configmaps', token, configMap('after'));
    return r.status === 503 ? undefined : r;
  });
  expect(after.status).toBe(201);
  await until('the recovery line', async () => (server.stderr().includes('event store is back') ? true : undefined), 10_000);
  // Nothing written during the outage: only "before" and "after" exist.
  const list = JSON.parse((await request(url, ca, 'GET', '/api/v1/namespaces/default/configmaps', token)).body) as { items: { metadata: { name: string } }[] };
  expect(list.items.map((i) => i.metadata.name).sort()).toEqual(['after', 'before']);
  await stopLaunched(server);
  await stopLaunched(store.proc);
}, 180_000);

it('waits, saying so, for a store that is not up yet, and comes up once it is', async () => {
  const storeDir = tempDir();
  // Learn the store's address (its connection string format included), then take it down.
  const first = await startStore(storeDir);
  await stopLaunched(first.proc);
  const dir = tempDir();
  const server = launch(['server', '--data', dir, '--port', '0', '--eventstore-port', '0'], { EVENTSTORE_URL: first.url });
  await until('the waiting line', async () => (server.stderr().includes('waiting for the event store') ? true : undefined), 30_000);
  expect(server.stdout()).not.toMatch(READY);
  expect(server.child.exitCode).toBeNull();
  const waiting = server.stderr().split('\n').filter((l) => l.includes('waiting for the event store'));
  expect(waiting).toHaveLength(1);

  const store = await startStore(storeDir, first.port);
  const [, url] = await server.waitForLine(READY);
  const ca = fs.readFileSync(path.join(dir, 'pki', 'ca.crt'), 'utf8');
  expect((await request(url, ca, 'GET', '/readyz')).status).toBe(200);
  expect((await request(url, ca, 'POST', '/api/v1/namespaces/default/configmaps', adminToken(dir), configMap('late'))).status).toBe(201);
  await stopLaunched(server);
  await stopLaunched(store.proc);
}, 180_000);
