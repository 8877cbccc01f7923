/**
 * An incident exported from one `chronokube server` and replayed with
 * `chronokube server --replay` in a fresh one answers the same queries
 * identically (standard API and history API, original resourceVersions);
 * writes are refused with the contract's 405; a damaged or foreign bundle
 * is refused whole with one line and exit code 1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import https from 'node:https';
import { execFile } from 'node:child_process';
import { launch, run, type Launched } from '../../../cli/src/testing/launch';
import { useTestCluster, type TestCluster } from '../testing/test-cluster';

const H = '/apis/history.chronokube.io/v1';
const CM = '/api/v1/namespaces/default/configmaps';
const cluster = useTestCluster(['--api-only']);

interface Replay {
  url: string;
  dir: string;
  ca: string;
  process: Launched;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function request(base: string, ca: string, method: string, urlPath: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; body: any; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = { Authorization: 'Bearer admin-token-0123456789', 'Content-Type': contentType };
    if (text !== undefined) headers['Content-Length'] = Buffer.byteLength(text);
    const req = https.request(new URL(urlPath, base), { method, headers, ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: raw ? JSON.parse(raw) : undefined, headers: res.headers });
      });
    });
    req.on('error', reject);
    req.end(text);
  });
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chronokube-replay-'));
let bundleText = '';
let replay: Replay | undefined;
const points: { from: string; mid: string; to: string } = { from: '', mid: '', to: '' };
const call = (c: TestCluster, method: string, p: string, body?: unknown, ct?: string) => request(c.url, c.caPem, method, p, body, ct);

beforeAll(async () => {
  const c = cluster();
  expect((await call(c, 'POST', CM, { metadata: { name: 'before' }, data: { k: '0' } })).status).toBe(201);
  const opened = await call(c, 'POST', `${H}/incidents`, { name: 'cm storm', tags: ['test'] });
  expect(opened.status).toBe(201);
  points.from = opened.body.from.resourceVersion;
  expect((await call(c, 'POST', CM, { metadata: { name: 'r1', labels: { tier: 'x' } }, data: { k: '1' } })).status).toBe(201);
  const patched = await call(c, 'PATCH', `${CM}/r1`, { data: { k: '2' } }, 'application/merge-patch+json');
  points.mid = patched.body.metadata.resourceVersion;
  expect((await call(c, 'POST', CM, { metadata: { name: 'r2' } })).status).toBe(201);
  expect((await call(c, 'DELETE', `${CM}/r2`)).status).toBe(200);
  expect((await call(c, 'PATCH', `${CM}/before`, { data: { k: 'changed' } }, 'application/merge-patch+json')).status).toBe(200);
  const stopped = await call(c, 'POST', `${H}/incidents/${opened.body.id}/stop`, {});
  points.to = stopped.body.to.resourceVersion;
  const exported = await c.request('GET', `${H}/incidents/${opened.body.id}/export`);
  expect(exported.status).toBe(200);
  expect(exported.headers['content-disposition']).toBe('attachment; filename="incident-cm-storm.chronokube.json"');
  bundleText = exported.text;
  fs.writeFileSync(path.join(tmp, 'good.json'), bundleText);
  const dir = path.join(tmp, 'replay-data');
  const proc = launch(['server', '--replay', path.join(tmp, 'good.json'), '--data', dir, '--port', '0', '--token-auth-file', path.join(c.dir, 'tokens.csv')]);
  const [, url] = await proc.waitForLine(/^chronokube server listening on (\S+)/);
  replay = { url, dir, ca: fs.readFileSync(path.join(dir, 'pki', 'ca.crt'), 'utf8'), process: proc };
}, 90_000);

afterAll(async () => {
  replay?.process.child.kill('SIGTERM');
  await replay?.process.exited;
  fs.rmSync(tmp, { recursive: true, force: true });
});

const onReplay = (method: string, p: string, body?: unknown) => request(replay!.url, replay!.ca, method, p, body);

it('the bundle holds the state at from and every event of the range', () => {
  const bundle = JSON.parse(bundleText);
  expect(bundle).toMatchObject({ format: 'chronokube.incident', formatVersion: 1, incident: { name: 'cm storm' }, from: { resourceVersion: points.from }, to: { resourceVersion: points.to } });
  expect(bundle.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(bundle.snapshot.position).toBe(Number(points.from));
  expect(bundle.events.map((e: { stream: string }) => e.stream)).toContain('configmap-default.r1');
});

it('answers /state, /events, /timeline, /diff exactly as the original server', async () => {
  const c = cluster();
  const same = async (p: string): Promise<void> => {
    const [a, b] = await Promise.all([call(c, 'GET', p), onReplay('GET', p)]);
    expect(b.status).toBe(200);
    expect(a.status).toBe(200);
    if (a.body.metadata) {
      delete a.body.metadata.caughtUpTo;
      delete b.body.metadata.caughtUpTo;
    }
    expect(b.body).toEqual(a.body);
  };
  for (const at of [points.from, points.mid, points.to]) await same(`${H}/state?at=${at}`);
  await same(`${H}/state?at=${points.mid}&kinds=ConfigMap&labelSelector=tier%3Dx`);
  await same(`${H}/events?from=${points.from}&to=${points.to}&order=asc&data=true`);
  await same(`${H}/events?from=${points.from}&to=${points.to}&kind=ConfigMap&name=r1`);
  await same(`${H}/timeline?kind=ConfigMap&namespace=default&name=r1`);
  await same(`${H}/timeline?kind=ConfigMap&namespace=default&name=r2`);
  await same(`${H}/diff?from=${points.from}&to=${points.to}`);
  const incidents = await onReplay('GET', `${H}/incidents`);
  expect(incidents.body.items).toEqual([JSON.parse(bundleText).incident]);
  expect(incidents.body.items[0].to).toEqual({ resourceVersion: points.to, time: expect.any(String) });
  const r1 = (await onReplay('GET', `${H}/events?kind=ConfigMap&name=r1&order=asc`)).body.items[0];
  await same(`${H}/why?event=${r1.id}`);
});

it('serves the standard API at the end and inside the range with the original resourceVersions', async () => {
  const c = cluster();
  const live = await call(c, 'GET', `${CM}?resourceVersion=${points.to}&resourceVersionMatch=Exact`);
  const replayed = await onReplay('GET', CM);
  expect(replayed.status).toBe(200);
  expect(replayed.body.metadata.resourceVersion).toBe(points.to);
  expect(replayed.body.items).toEqual(live.body.items);
  const mid = await onReplay('GET', `${CM}?resourceVersion=${points.mid}&resourceVersionMatch=Exact`);
  expect(mid.body.items).toEqual((await call(c, 'GET', `${CM}?resourceVersion=${points.mid}&resourceVersionMatch=Exact`)).body.items);
  expect((await onReplay('GET', `${CM}/r1`)).body.metadata.resourceVersion).toBe((await call(c, 'GET', `${CM}/r1`)).body.metadata.resourceVersion);
  expect((await onReplay('GET', `${CM}?resourceVersion=1&resourceVersionMatch=Exact`)).status).toBe(410);
});

it('refuses every write with the contract 405', async () => {
  const message = 'this server replays incident "cm storm" read-only; writes are refused';
  for (const [method, p, body] of [
    ['POST', CM, { metadata: { name: 'new' } }],
    ['DELETE', `${CM}/r1`, undefined],
    ['PATCH', `${CM}/r1`, { data: { k: '3' } }],
    ['POST', `${H}/incidents`, { name: 'again' }],
  ] as const) {
    const r = await request(replay!.url, replay!.ca, method, p, body, method === 'PATCH' ? 'application/merge-patch+json' : 'application/json');
    expect(r.status).toBe(405);
    expect(r.body).toMatchObject({ kind: 'Status', reason: 'MethodNotAllowed', message });
  }
  expect((await onReplay('GET', `${CM}/new`)).status).toBe(404);
});

it('serves kubectl get and a watch from the incident start; kubectl delete is refused with the contract message', async () => {
  const kubectl = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: replay!.dir, KUBECONFIG: path.join(replay!.dir, 'kubeconfig'), KUBECACHEDIR: path.join(replay!.dir, 'cache') };
      execFile('/usr/bin/kubectl', args, { env, timeout: 60_000 }, (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: unknown }).code) || 1 : 0, stdout, stderr }));
    });
  const names = await kubectl(['get', 'configmaps', '-o', 'name']);
  expect(names.code).toBe(0);
  expect(names.stdout.split('\n').filter(Boolean).sort()).toEqual(['configmap/before', 'configmap/r1']);
  // A watch from the incident's start replays its changes with their original resourceVersions.
  const watched = await new Promise<string>((resolve, reject) => {
    const r = https.request(new URL(`${CM}?watch=1&resourceVersion=${points.from}&timeoutSeconds=1`, replay!.url), { headers: { Authorization: 'Bearer admin-token-0123456789' }, ca: replay!.ca }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve(text));
    });
    r.on('error', reject).end();
  });
  const events = watched.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { type: string; object: { metadata: { name: string; resourceVersion: string } } });
  expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED r1', 'MODIFIED r1', 'ADDED r2', 'DELETED r2', 'MODIFIED before']);
  expect(events[1].object.metadata.resourceVersion).toBe(points.mid);
  const del = await kubectl(['delete', 'configmap', 'r1']);
  expect(del.code).toBe(1);
  expect(del.stderr).toContain('this server replays incident "cm storm" read-only; writes are refused');
  expect((await kubectl(['api-resources', '--api-group=history.chronokube.io'])).stdout).toContain('incidents');
});

it('refuses a damaged or foreign bundle with one line and exit code 1, serving nothing', async () => {
  const bundle = JSON.parse(bundleText);
  bundle.events[0].data = { tampered: true };
  fs.writeFileSync(path.join(tmp, 'damaged.json'), JSON.stringify(bundle));
  fs.writeFileSync(path.join(tmp, 'foreign.json'), JSON.stringify({ hello: 'world' }));
  fs.writeFileSync(path.join(tmp, 'truncated.json'), bundleText.slice(0, bundleText.length / 2));
  for (const [file, why] of [['damaged.json', 'checksum mismatch'], ['foreign.json', 'not a chronokube incident bundle'], ['truncated.json', 'not JSON']]) {
    const exit = await run(['server', '--replay', path.join(tmp, file), '--data', path.join(tmp, `d-${file}`), '--port', '0']);
    expect(exit.code).toBe(1);
    expect(exit.stdout).toBe('');
    const lines = exit.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(why);
    expect(lines[0]).toContain(file);
  }
});

it('POST /incidents/import verifies a bundle for a viewer, summarises it and says whether this server holds it; a damaged one is a 400 and nothing is stored', async () => {
  const c = cluster();
  const before = (await call(c, 'GET', `${H}/incidents`)).body.items.length;
  const imported = await c.request('POST', `${H}/incidents/import?file=${encodeURIComponent('my bundle.json')}`, { user: 'viewer', body: bundleText, contentType: 'application/json' });
  expect(imported.status).toBe(200);
  const bundle = JSON.parse(bundleText);
  expect(imported.json).toMatchObject({
    kind: 'IncidentBundleSummary', file: 'my bundle.json', incident: { id: bundle.incident.id, name: 'cm storm', tags: ['test'] },
    from: { resourceVersion: points.from }, to: { resourceVersion: points.to }, events: bundle.events.length,
    objectsAtStart: bundle.snapshot.objects.length, checksum: bundle.checksum,
    serve: "chronokube server --replay 'my bundle.json' --data DIR", local: true,
  });
  // The replaying server holds it too; a bundle from elsewhere is not local.
  expect((await onReplay('POST', `${H}/incidents/import`, bundle)).body).toMatchObject({ local: true, file: 'BUNDLE' });
  const damaged = { ...bundle, events: bundle.events.map((e: object, i: number) => (i === 0 ? { ...e, data: { tampered: true } } : e)) };
  const refused = await c.request('POST', `${H}/incidents/import`, { user: 'viewer', body: JSON.stringify(damaged), contentType: 'application/json' });
  expect(refused.status).toBe(400);
  expect(refused.json).toMatchObject({ kind: 'Status', reason: 'BadRequest', message: 'checksum mismatch: the bundle is damaged' });
  expect((await call(c, 'POST', `${H}/incidents/import`, { hello: 'world' })).status).toBe(400);
  expect((await call(c, 'GET', `${H}/incidents`)).body.items.length).toBe(before);
});
