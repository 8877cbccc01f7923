/**
 * The history API over real HTTPS against `chronokube server` (real store,
 * real launcher): a small scripted story of ConfigMaps, then every read
 * endpoint checked against what the live API said at the time, plus
 * authorization, the audit of a refused request and incidents.
 */
import { useTestCluster, type TestCluster, type TestUser } from '../testing/test-cluster';

const H = '/apis/history.chronokube.io/v1';
const cluster = useTestCluster(['--api-only']);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(c: TestCluster, method: string, path: string, body?: unknown, user: TestUser = 'admin', contentType = 'application/json'): Promise<{ status: number; body: any }> {
  const r = await c.request(method, path, { user, body: body === undefined ? undefined : JSON.stringify(body), contentType });
  return { status: r.status, body: r.json };
}

const CM = '/api/v1/namespaces/default/configmaps';
const story: { rv: string; names: string[]; data: Record<string, unknown> }[] = [];

async function snapshot(c: TestCluster): Promise<string> {
  const list = await call(c, 'GET', CM);
  const data: Record<string, unknown> = {};
  for (const i of list.body.items) data[i.metadata.name] = i.data;
  story.push({ rv: list.body.metadata.resourceVersion, names: list.body.items.map((i: { metadata: { name: string } }) => i.metadata.name), data });
  return list.body.metadata.resourceVersion;
}

beforeAll(async () => {
  const c = cluster();
  await snapshot(c);
  expect((await call(c, 'POST', CM, { metadata: { name: 'a', labels: { app: 'web' } }, data: { v: '1' } })).status).toBe(201);
  await snapshot(c);
  expect((await call(c, 'PATCH', `${CM}/a`, { data: { v: '2' } }, 'admin', 'application/merge-patch+json')).status).toBe(200);
  await snapshot(c);
  expect((await call(c, 'POST', CM, { metadata: { name: 'b' }, data: { w: 'x' } })).status).toBe(201);
  await snapshot(c);
  expect((await call(c, 'DELETE', `${CM}/a`)).status).toBe(200);
  await snapshot(c);
  expect((await call(c, 'POST', CM, { metadata: { name: 'a' }, data: { v: 'again' } })).status).toBe(201);
  await snapshot(c);
}, 60_000);

it('is listed in discovery and kubectl api-resources still works', async () => {
  const c = cluster();
  const groups = await call(c, 'GET', '/apis');
  expect(groups.body.groups.map((g: { name: string }) => g.name)).toContain('history.chronokube.io');
  const list = await call(c, 'GET', H);
  expect(list.body.kind).toBe('APIResourceList');
  expect(list.body.resources.map((r: { name: string }) => r.name)).toEqual(['history', 'incidents']);
  const r = await c.kubectl(['api-resources', '--api-group=history.chronokube.io']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('incidents');
  expect((await c.kubectl(['api-resources'])).code).toBe(0);
  expect((await call(c, 'GET', `${H}/state`, undefined, null as unknown as TestUser)).status).toBe(401);
});

it('/state?changedSince=S names by key the objects that are the same version at S, and with the state at S they make the whole state, both ways', async () => {
  const c = cluster();
  const key = (o: { kind: string; metadata: { namespace?: string; name: string } }) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  for (let i = 0; i < story.length; i++) {
    for (let j = 0; j < story.length; j++) {
      const [since, at] = [story[i].rv, story[j].rv];
      const full = (await call(c, 'GET', `${H}/state?at=${at}`)).body;
      const before = (await call(c, 'GET', `${H}/state?at=${since}`)).body;
      const lean = await call(c, 'GET', `${H}/state?at=${at}&changedSince=${since}`);
      expect(lean.status).toBe(200);
      expect(lean.body.unchanged.since).toBe(since);
      // Every object at S that is named unchanged is the version at `at`, equal field for field.
      const atS = new Map(before.items.map((o: never) => [key(o), o]));
      const rebuilt = new Map(lean.body.items.map((o: never) => [key(o), o]));
      for (const k of lean.body.unchanged.keys) {
        expect(atS.has(k)).toBe(true);
        rebuilt.set(k, atS.get(k));
      }
      expect(new Map(full.items.map((o: never) => [key(o), o]))).toEqual(rebuilt);
      // Only what differs travels: no object in items is the same version at S.
      for (const o of lean.body.items) expect(atS.get(key(o))).not.toEqual(o);
    }
  }
  // The ConfigMap a (patched after story[1]) is sent whole; b (created later) is not in the state at story[1] at all.
  const mid = (await call(c, 'GET', `${H}/state?at=${story[3].rv}&kinds=configmaps&namespace=default&changedSince=${story[1].rv}`)).body;
  expect(mid.items.map((o: { metadata: { name: string } }) => o.metadata.name)).toEqual(['a', 'b']);
  // Backwards: from story[3] to story[1], a was patched in between (sent whole); nothing else is a ConfigMap then.
  const backwards = (await call(c, 'GET', `${H}/state?at=${story[1].rv}&kinds=configmaps&namespace=default&changedSince=${story[3].rv}`)).body;
  expect(backwards.unchanged).toEqual({ since: story[3].rv, keys: [] });
  expect(backwards.items.map((o: { data: { v: string } }) => o.data.v)).toEqual(['1']);
  expect((await call(c, 'GET', `${H}/state?at=now&changedSince=soon`)).status).toBe(400);
});

it('/state equals the live list at every recorded resourceVersion, and rejects a malformed point', async () => {
  const c = cluster();
  for (const past of story) {
    const s = await call(c, 'GET', `${H}/state?at=${past.rv}&kinds=configmaps&namespace=default`);
    expect(s.status).toBe(200);
    expect(s.body.at.resourceVersion).toBe(past.rv);
    expect(s.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(past.names);
    for (const i of s.body.items) expect(i.data).toEqual(past.data[i.metadata.name]);
    expect(s.body.items.every((i: { kind: string }) => i.kind === 'ConfigMap')).toBe(true);
  }
  // The answer says how long the server took to build it and to serialize it (W3C Server-Timing).
  const timed = await c.request('GET', `${H}/state?at=${story[0].rv}`, { user: 'admin' });
  expect(timed.headers['server-timing']).toMatch(/^app;dur=\d+(\.\d)?, json;dur=\d+(\.\d)?$/);
  const bad = await call(c, 'GET', `${H}/state?at=yesterday`);
  expect(bad.status).toBe(400);
  expect(bad.body.message).toBe('invalid point "yesterday": expected a resourceVersion (decimal), an RFC 3339 time or "now"');
  const labelled = await call(c, 'GET', `${H}/state?at=${story[2].rv}&labelSelector=app%3Dweb`);
  expect(labelled.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['a']);
  const ahead = await call(c, 'GET', `${H}/state?at=${Number(story[story.length - 1].rv) + 100000}`);
  expect(ahead.status).toBe(504);
});

it('/diff shows the patch and the readable field change; a time point resolves to the event at or before it', async () => {
  const c = cluster();
  const d = await call(c, 'GET', `${H}/diff?from=${story[1].rv}&to=${story[2].rv}&kinds=ConfigMap`);
  expect(d.status).toBe(200);
  expect(d.body.added).toEqual([]);
  expect(d.body.changed).toHaveLength(1);
  expect(d.body.changed[0].object).toMatchObject({ kind: 'ConfigMap', namespace: 'default', name: 'a' });
  expect(d.body.changed[0].fields).toContainEqual({ path: 'data.v', old: '1', new: '2' });
  const all = await call(c, 'GET', `${H}/diff?from=${story[0].rv}&to=${story[3].rv}&namespace=default&kinds=configmaps`);
  expect(all.body.added.map((o: { metadata: { name: string } }) => o.metadata.name).sort()).toEqual(['a', 'b']);
  // The time of the event at story[2] names that same point.
  const time = d.body.to.time as string;
  expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  const s = await call(c, 'GET', `${H}/state?at=${encodeURIComponent(time)}&kinds=ConfigMap&namespace=default`);
  expect(Number(s.body.at.resourceVersion)).toBeGreaterThanOrEqual(Number(story[2].rv));
  expect(s.body.at.time <= time || s.body.at.time === time).toBe(true);
  expect((await call(c, 'GET', `${H}/state?at=1970-01-01T00:00:00Z`)).body).toMatchObject({ at: { resourceVersion: '0' }, items: [] });
});

it('/events filters, pages both ways with continue, carries actor and source IP; /histogram counts the same events', async () => {
  const c = cluster();
  const all = await call(c, 'GET', `${H}/events?kind=ConfigMap&namespace=default&name=a&order=asc`);
  expect(all.status).toBe(200);
  const types = all.body.items.map((e: { type: string }) => e.type);
  expect(types[0]).toBe('ConfigMapCreated');
  expect(types.length).toBeGreaterThanOrEqual(4);
  for (const e of all.body.items) {
    expect(e).toMatchObject({ stream: 'configmap-default.a', actor: 'alice', object: { kind: 'ConfigMap', name: 'a', namespace: 'default' } });
    expect(e.sourceIP).toBe('127.0.0.1');
    expect(e.data).toBeUndefined();
  }
  const positions = all.body.items.map((e: { resourceVersion: string }) => Number(e.resourceVersion));
  expect([...positions].sort((x, y) => x - y)).toEqual(positions);
  for (const order of ['asc', 'desc']) {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await call(c, 'GET', `${H}/events?kind=configmaps&name=a&order=${order}&limit=1${token ? `&continue=${token}` : ''}`);
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.body.items.map((e: { id: string }) => e.id));
      token = page.body.metadata.continue;
    } while (token);
    const ids = all.body.items.map((e: { id: string }) => e.id);
    expect(seen).toEqual(order === 'asc' ? ids : [...ids].reverse());
  }
  const withData = await call(c, 'GET', `${H}/events?type=ConfigMapCreated&name=b&data=true`);
  expect(withData.body.items).toHaveLength(1);
  expect(withData.body.items[0].data).toBeDefined();
  const byCorrelation = await call(c, 'GET', `${H}/events?correlationId=${all.body.items[0].correlationId}`);
  expect(byCorrelation.body.items.map((e: { id: string }) => e.id)).toContain(all.body.items[0].id);
  expect((await call(c, 'GET', `${H}/events?actor=ali*&name=b`)).body.items.length).toBeGreaterThan(0);
  expect((await call(c, 'GET', `${H}/events?actor=nobody&name=b`)).body.items).toEqual([]);
  expect((await call(c, 'GET', `${H}/events?limit=0`)).status).toBe(400);
  const h = await call(c, 'GET', `${H}/histogram?kind=ConfigMap&name=a&bucket=1h`);
  expect(h.status).toBe(200);
  expect(h.body.bucketSeconds).toBe(3600);
  expect(h.body.buckets.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(all.body.items.length);
  expect((await call(c, 'GET', `${H}/histogram?bucket=1ms&from=1970-01-01T00:00:00Z`)).status).toBe(400);
});

it('/timeline lists every version across delete and re-create', async () => {
  const c = cluster();
  const t = await call(c, 'GET', `${H}/timeline?kind=ConfigMap&namespace=default&name=a`);
  expect(t.status).toBe(200);
  const versions = t.body.versions;
  expect(versions[0]).toMatchObject({ type: 'ConfigMapCreated', generation: 1, deleted: false, actor: 'alice' });
  expect(versions[versions.length - 1]).toMatchObject({ type: 'ConfigMapCreated', generation: 2, deleted: false });
  expect(versions[versions.length - 1].object.data).toEqual({ v: 'again' });
  expect(versions.some((v: { deleted: boolean }) => v.deleted)).toBe(true);
  const patched = versions.filter((v: { generation: number; fields: { path: string; old?: unknown; new?: unknown }[] }) => v.generation === 1 && v.fields.some((f) => f.path === 'data.v' && f.old === '1' && f.new === '2'));
  expect(patched).toHaveLength(1);
  expect((await call(c, 'GET', `${H}/timeline?kind=ConfigMap&namespace=default&name=never`)).status).toBe(404);
});

it('/why explains an event up to the request that made it; /causality counts unbroken chains', async () => {
  const c = cluster();
  const created = (await call(c, 'GET', `${H}/events?type=ConfigMapCreated&name=b`)).body.items[0];
  const w = await call(c, 'GET', `${H}/why?event=${created.id}`);
  expect(w.status).toBe(200);
  expect(w.body).toMatchObject({ kind: 'Why', subject: { id: created.id }, rootKind: 'request' });
  expect(w.body.chain[0].id).toBe(created.id);
  expect(w.body.tree.event.id).toBe(w.body.root.id);
  const byObject = await call(c, 'GET', `${H}/why?kind=ConfigMap&namespace=default&name=a&at=${story[2].rv}`);
  expect(byObject.status).toBe(200);
  expect(byObject.body.subject.resourceVersion).toBe(story[2].rv);
  expect((await call(c, 'GET', `${H}/why?event=00000000-0000-0000-0000-000000000000`)).status).toBe(404);
  const report = await call(c, 'GET', `${H}/causality?from=${story[0].rv}&to=${story[story.length - 1].rv}`);
  expect(report.status).toBe(200);
  expect(report.body.kind).toBe('CausalityReport');
  const inRange = await call(c, 'GET', `${H}/events?from=${story[0].rv}&to=${story[story.length - 1].rv}`);
  expect(inRange.body.items.length).toBeGreaterThanOrEqual(5);
  expect(report.body.total).toBe(inRange.body.items.length);
  expect(report.body.linked).toBe(report.body.total);
  expect(report.body.share).toBe(1);
});

it('a view-only user reads history; its refused write is audited with user and source IP', async () => {
  const c = cluster();
  expect((await call(c, 'GET', `${H}/events?limit=1`, undefined, 'viewer')).status).toBe(200);
  const denied = await call(c, 'POST', CM, { metadata: { name: 'nope' } }, 'viewer');
  expect(denied.status).toBe(403);
  expect((await call(c, 'POST', `${H}/incidents`, { name: 'x' }, 'viewer')).status).toBe(403);
  const entry = await (async () => {
    for (let i = 0; i < 100; i++) {
      const a = await call(c, 'GET', `${H}/audit?user=victor&result=denied&order=asc`);
      if (a.body.items.length >= 2) return a.body.items;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the refused requests never showed in /audit');
  })();
  expect(entry[0]).toMatchObject({ user: 'victor', groups: ['chronokube:view'], verb: 'create', resource: 'configmaps', namespace: 'default', code: 403, result: 'denied', sourceIP: '127.0.0.1', requestURI: CM, reason: 'Forbidden' });
  expect(entry[1]).toMatchObject({ user: 'victor', resource: 'incidents', apiGroup: 'history.chronokube.io', code: 403 });
  // Never in an object stream: the cluster's list does not change and the audit stream holds it.
  expect((await call(c, 'GET', `${CM}/nope`)).status).toBe(404);
  const day = new Date().toISOString().slice(0, 10);
  expect((await c.readStream(`audit-${day}`)).some((e) => e.type === 'RequestRefused' && e.data.user === 'victor')).toBe(true);
  const allowed = await call(c, 'GET', `${H}/audit?user=alice&result=allowed&resource=configmaps&namespace=default`);
  expect(allowed.body.items.length).toBeGreaterThan(0);
  expect(allowed.body.items[0]).toMatchObject({ user: 'alice', groups: ['system:masters'], result: 'allowed', sourceIP: '127.0.0.1', resource: 'configmaps' });
  // The request's own URI: a create was a POST to the collection, not to the object's path.
  const creates = allowed.body.items.filter((e: { verb: string }) => e.verb === 'create');
  expect(creates.length).toBeGreaterThan(0);
  for (const e of creates) expect(e.requestURI.split('?')[0]).toBe(CM);
  // A request without credentials and a rejected write (409: already exists) are audited too; a failed read is not.
  expect((await call(c, 'DELETE', `${CM}/b`, undefined, null as unknown as TestUser)).status).toBe(401);
  expect((await call(c, 'POST', CM, { metadata: { name: 'b' } })).status).toBe(409);
  expect((await call(c, 'GET', `${CM}/missing`)).status).toBe(404);
  const more = await (async () => {
    for (let i = 0; i < 100; i++) {
      const a = await call(c, 'GET', `${H}/audit?namespace=default&resource=configmaps&order=asc&from=${story[0].rv}`);
      const refused = a.body.items.filter((e: { result: string }) => e.result !== 'allowed');
      if (refused.length >= 3) return refused;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the 401 and 409 never showed in /audit');
  })();
  expect(more).toContainEqual(expect.objectContaining({ user: 'system:anonymous', groups: ['system:unauthenticated'], verb: 'delete', name: 'b', code: 401, result: 'denied' }));
  expect(more).toContainEqual(expect.objectContaining({ user: 'alice', verb: 'create', code: 409, result: 'rejected', reason: 'AlreadyExists' }));
  expect(more.some((e: { code: number }) => e.code === 404)).toBe(false);
  expect((await call(c, 'GET', `${H}/audit?result=409`)).body.items.map((e: { code: number }) => e.code)).toEqual([409]);
  const reads = await call(c, 'GET', `${H}/audit?user=victor&verb=get`);
  expect(reads.body.items).toEqual([]);
  expect((await call(c, 'GET', `${H}/audit?result=maybe`)).status).toBe(400);
});

it('/whatif places the pods of a past point under another set of nodes, deterministically', async () => {
  const c = cluster();
  const pod = { metadata: { name: 'w1' }, spec: { containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '1' } } }] } };
  expect((await call(c, 'POST', '/api/v1/namespaces/default/pods', pod)).status).toBe(201);
  const node = (name: string, cpu: string) => ({
    apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    status: { capacity: { cpu, memory: '8Gi', pods: '110' }, allocatable: { cpu, memory: '8Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] },
  });
  const body = { at: 'now', addNodes: [node('small', '2'), node('big', '16')] };
  const a = await call(c, 'POST', `${H}/whatif`, body, 'viewer');
  expect(a.status).toBe(200);
  expect(a.body.kind).toBe('WhatIf');
  const w1 = a.body.placements.find((p: { pod: { name: string } }) => p.pod.name === 'w1');
  expect(w1).toMatchObject({ pod: { kind: 'Pod', namespace: 'default', name: 'w1' }, changed: true });
  expect(w1.actual).toBeUndefined();
  expect(['small', 'big']).toContain(w1.proposed);
  expect((await call(c, 'POST', `${H}/whatif`, body)).body).toEqual(a.body);
  // Before the pod existed there was nothing to place.
  const before = await call(c, 'POST', `${H}/whatif`, { ...body, at: story[0].rv });
  expect(before.body.placements.some((p: { pod: { name: string } }) => p.pod.name === 'w1')).toBe(false);
  expect((await call(c, 'POST', `${H}/whatif`, { at: 'now', removeNodes: ['no-such-node'] })).status).toBe(400);
  expect((await call(c, 'POST', `${H}/whatif`, { at: 'now', profile: { plugins: 'nonsense' } })).status).toBe(400);
  expect((await call(c, 'POST', `${H}/whatif`, 'not an object')).status).toBe(400);
});

it('incidents are opened, annotated, stopped and listed; bad bodies change nothing', async () => {
  const c = cluster();
  expect((await call(c, 'POST', `${H}/incidents`, { name: '' })).status).toBe(400);
  expect((await call(c, 'POST', `${H}/incidents`, { name: 'x', tags: 'a' })).status).toBe(400);
  const opened = await call(c, 'POST', `${H}/incidents`, { name: 'outage', notes: 'pager', tags: ['p1'], from: story[1].rv }, 'editor');
  expect(opened.status).toBe(201);
  expect(opened.body).toMatchObject({ kind: 'Incident', name: 'outage', notes: 'pager', tags: ['p1'], from: { resourceVersion: story[1].rv }, createdBy: 'eddie' });
  expect(opened.body.to).toBeUndefined();
  const id = opened.body.id;
  expect((await call(c, 'PATCH', `${H}/incidents/${id}`, { tags: ['p1', 'db'] })).body.tags).toEqual(['p1', 'db']);
  const stopped = await call(c, 'POST', `${H}/incidents/${id}/stop`, { to: story[4].rv, notes: 'fixed' });
  expect(stopped.status).toBe(200);
  expect(stopped.body).toMatchObject({ to: { resourceVersion: story[4].rv }, notes: 'fixed' });
  expect((await call(c, 'POST', `${H}/incidents/${id}/stop`, {})).status).toBe(409);
  expect((await call(c, 'GET', `${H}/incidents/${id}`)).body).toEqual(stopped.body);
  const list = await call(c, 'GET', `${H}/incidents`, undefined, 'viewer');
  expect(list.body.kind).toBe('IncidentList');
  expect(list.body.items.map((i: { id: string }) => i.id)).toContain(id);
  expect(list.body.items.some((i: { name: string }) => i.name === 'x' || i.name === '')).toBe(false);
  expect((await call(c, 'GET', `${H}/incidents/not-there`)).status).toBe(404);
});
