/**
 * `chronokube web`'s server against a real `chronokube server`: the built
 * UI's files (never one outside it), the API and a watch through the
 * same-origin proxy with the browser's own token, the live stream over a
 * relayed WebSocket with socket.io-client, and the one-time login link.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { useTestCluster } from '../../../api/src/testing/test-cluster';
import { startWeb } from './start-web';
import type { WebServer } from './web-server';

const cluster = useTestCluster(['--api-only']);
let ui: string;
let web: WebServer;
let adminToken: string;
const logged: string[] = [];

function get(urlPath: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(urlPath, web.url), { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  ui = fs.mkdtempSync(path.join(os.tmpdir(), 'chronokube-ui-'));
  fs.mkdirSync(path.join(ui, 'workloads'));
  fs.mkdirSync(path.join(ui, '_next', 'static', 'chunks'), { recursive: true });
  fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>overview</title>');
  fs.writeFileSync(path.join(ui, 'workloads', 'index.html'), '<!doctype html><title>workloads</title>');
  fs.writeFileSync(path.join(ui, '404.html'), '<!doctype html><title>not found</title>');
  fs.writeFileSync(path.join(ui, '_next', 'static', 'chunks', 'app-1a2b.js'), 'console.log(1)');
  fs.writeFileSync(path.join(path.dirname(ui), `${path.basename(ui)}-secret.txt`), 'secret');
  const kubeconfig = cluster().kubeconfigFor('admin');
  adminToken = /token: (\S+)/.exec(fs.readFileSync(kubeconfig, 'utf8'))![1];
  web = await startWeb({ host: '127.0.0.1', port: 0, kubeconfig, uiDir: ui, log: (line) => logged.push(line) });
});

afterAll(async () => {
  await web?.close();
  fs.rmSync(ui, { recursive: true, force: true });
  fs.rmSync(path.join(path.dirname(ui), `${path.basename(ui)}-secret.txt`), { force: true });
});

describe('chronokube web', () => {
  it('serves the built pages, with hashed assets cached for good and pages revalidated', async () => {
    const home = await get('/');
    expect(home).toMatchObject({ status: 200, text: expect.stringContaining('overview') });
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.headers['cache-control']).toBe('no-cache');
    expect(home.headers['referrer-policy']).toBe('no-referrer');
    expect((await get('/workloads/?tab=pods')).text).toContain('workloads');
    expect((await get('/workloads')).text).toContain('workloads');
    const asset = await get('/_next/static/chunks/app-1a2b.js');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const missing = await get('/no/such/page/');
    expect(missing).toMatchObject({ status: 404, text: expect.stringContaining('not found') });
  });

  it('never serves a file outside the UI directory', async () => {
    const name = `${path.basename(ui)}-secret.txt`;
    for (const p of [`/../${name}`, `/%2e%2e/${name}`, `/..%2f${name}`, `/workloads/..%2f..%2f${name}`, '/%00', '/%E0%A4%A']) {
      const r = await get(p);
      expect(r.text).not.toContain('secret');
      expect(r.status).toBe(404);
    }
    expect((await get('/', {}, 'POST')).status).toBe(405);
  });

  it('relays the API with the browser’s own token, and without one the API’s 401', async () => {
    const ok = await get('/api/v1/namespaces', { Authorization: `Bearer ${adminToken}` });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text)).toMatchObject({ kind: 'NamespaceList' });
    const anonymous = await get('/api/v1/namespaces');
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.text)).toMatchObject({ kind: 'Status', code: 401 });
    const version = await get('/version', { Authorization: `Bearer ${adminToken}` });
    expect(JSON.parse(version.text)).toHaveProperty('gitVersion');
    const created = await get('/api/v1/namespaces/default/configmaps', { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' }, 'POST', JSON.stringify({ metadata: { name: 'via-proxy' } }));
    expect(created.status).toBe(201);
  });

  it('tells the API server where a request came from (X-Forwarded-For), so the audit records the browser, not the proxy', async () => {
    const created = await get('/api/v1/namespaces/default/configmaps', { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json', 'X-Forwarded-For': '10.9.8.7' }, 'POST', JSON.stringify({ metadata: { name: 'forwarded' } }));
    expect(created.status).toBe(201);
    const denied = await get('/api/v1/namespaces/default/configmaps', { Authorization: 'Bearer not-a-token', 'Content-Type': 'application/json' }, 'POST', JSON.stringify({ metadata: { name: 'refused' } }));
    expect(denied.status).toBe(401);
    type Entry = { name?: string; result: string; code: number; sourceIP?: string; sourceIPs?: string[] };
    let items: Entry[] = [];
    // The refused request's entry is appended after its answer: ask until both are there.
    for (let i = 0; i < 100; i++) {
      const audit = await cluster().request('GET', '/apis/history.chronokube.io/v1/audit?order=desc&limit=50');
      expect(audit.status).toBe(200);
      items = audit.json.items as Entry[];
      if (items.some((a) => a.name === 'forwarded') && items.some((a) => a.code === 401)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // kube's sourceIPs: the forwarded chain (the client's claim, then the proxy's view of the browser), then the remote address unless it repeats.
    expect(items.find((a) => a.name === 'forwarded')).toMatchObject({ result: 'allowed', sourceIP: '127.0.0.1', sourceIPs: ['10.9.8.7', '127.0.0.1'] });
    expect(items.find((a) => a.code === 401)).toMatchObject({ result: 'denied', sourceIP: '127.0.0.1', sourceIPs: ['127.0.0.1'] });
  });

  it('streams a watch through the proxy as events happen', async () => {
    const events: string[] = [];
    const req = http.request(new URL('/api/v1/namespaces/default/configmaps?watch=1&fieldSelector=metadata.name%3Dwatched', web.url), { headers: { Authorization: `Bearer ${adminToken}` } });
    const seen = new Promise<void>((resolve, reject) => {
      req.on('response', (res) => {
        res.on('data', (chunk: Buffer) => {
          events.push(chunk.toString('utf8'));
          if (events.join('').includes('"ADDED"')) resolve();
        });
      });
      req.on('error', reject);
    });
    req.end();
    // The watch is open once its headers came back; the create happens after.
    await new Promise<void>((resolve) => req.once('response', () => resolve()));
    expect((await cluster().request('POST', '/api/v1/namespaces/default/configmaps', { body: JSON.stringify({ metadata: { name: 'watched' } }) })).status).toBe(201);
    await seen;
    req.destroy();
    expect(events.join('')).toContain('"name":"watched"');
  });

  it('relays the live stream over a WebSocket, and a bad token is refused at the handshake', async () => {
    const client = (token: string): Socket => io(web.url, { path: '/live/socket.io', transports: ['websocket'], auth: { token }, autoConnect: false, reconnection: false });
    const bad = client('not-a-token');
    const refused = await new Promise<Error>((resolve, reject) => {
      bad.once('connect', () => reject(new Error('connected with a bad token')));
      bad.once('connect_error', resolve);
      bad.connect();
    });
    bad.disconnect();
    expect(refused.message).toBe('Unauthorized');

    const socket = client(adminToken);
    try {
      const batches: { events: { object: { name: string } }[] }[] = [];
      socket.on('events', (batch, ack: () => void) => {
        batches.push(batch);
        ack();
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
        socket.connect();
      });
      expect(socket.io.engine.transport.name).toBe('websocket');
      const reply = await socket.timeout(10_000).emitWithAck('subscribe', { kinds: ['configmaps'], namespaces: ['default'] });
      expect(reply).toMatchObject({ ok: true });
      expect((await cluster().request('POST', '/api/v1/namespaces/default/configmaps', { body: JSON.stringify({ metadata: { name: 'live-one' } }) })).status).toBe(201);
      for (let i = 0; i < 200 && !batches.some((b) => b.events.some((e) => e.object.name === 'live-one')); i++) await new Promise((r) => setTimeout(r, 25));
      expect(batches.flatMap((b) => b.events.map((e) => e.object.name))).toContain('live-one');
    } finally {
      socket.disconnect();
    }
  });

  it('trades a login link’s code for the token once', async () => {
    const link = new URL(web.loginUrl());
    expect(link.pathname).toBe('/login/');
    const code = link.searchParams.get('code')!;
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const first = await get('/auth/one-time', { 'Content-Type': 'application/json' }, 'POST', JSON.stringify({ code }));
    expect(first.status).toBe(200);
    expect(JSON.parse(first.text)).toEqual({ token: adminToken });
    expect(first.headers['cache-control']).toBe('no-store');
    const again = await get('/auth/one-time', { 'Content-Type': 'application/json' }, 'POST', JSON.stringify({ code }));
    expect(again.status).toBe(401);
    expect(JSON.parse(again.text)).toMatchObject({ kind: 'Status', reason: 'Unauthorized', message: expect.stringContaining('already used') });
    expect((await get('/auth/one-time', {}, 'POST', JSON.stringify({ code: 'guess' }))).status).toBe(401);
    expect((await get('/auth/one-time', {}, 'POST', '{not json')).status).toBe(400);
    expect((await get('/auth/one-time')).status).toBe(405);
    // Two links are two codes.
    expect(web.loginUrl()).not.toBe(web.loginUrl());
  });
});
