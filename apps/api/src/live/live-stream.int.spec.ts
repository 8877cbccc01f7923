/**
 * The live stream end to end over TLS with socket.io-client: the backlog
 * after a resourceVersion then live events with no gap and no duplicate at
 * the hand-over, filters, a burst delivered exactly once in batches, and a
 * backlog older than the change log rebuilt by folding the store.
 */
import type { IncidentNotice, LiveBatch, LiveEvent } from './live-protocol';
import { collect, connect, startLiveTestServer, subscribe, TOKENS, type LiveTestServer } from './testing/live-test-server';
import { until } from '../testing/until';

let server: LiveTestServer;

beforeAll(async () => {
  // A small change log, so an older backlog must be rebuilt from the store.
  server = await startLiveTestServer({ changeLogCapacity: 50 });
  for (const ns of ['live-a', 'live-b', 'live-burst']) {
    expect((await server.call('POST', '/api/v1/namespaces', { metadata: { name: ns } })).status).toBe(201);
  }
});

afterAll(async () => {
  await server?.stop();
});

function configMap(name: string): unknown {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { n: name } };
}

async function create(ns: string, name: string): Promise<string> {
  const res = await server.call('POST', `/api/v1/namespaces/${ns}/configmaps`, configMap(name));
  expect(res.status).toBe(201);
  return res.body.metadata.resourceVersion as string;
}

async function listVersion(ns: string): Promise<string> {
  return (await server.call('GET', `/api/v1/namespaces/${ns}/configmaps`)).body.metadata.resourceVersion as string;
}

const events = (batches: LiveBatch[]): LiveEvent[] => batches.flatMap((b) => b.events);

function expectStrictlyIncreasing(list: LiveEvent[]): void {
  for (let i = 1; i < list.length; i++) expect(Number(list[i].resourceVersion)).toBeGreaterThan(Number(list[i - 1].resourceVersion));
}

let handOverFrom = '';
let handOverEvents: LiveEvent[] = [];

describe('live stream', () => {
  it('sends the backlog after a resourceVersion, then live events, in order, with no gap or duplicate', async () => {
    handOverFrom = await listVersion('live-a');
    const before: string[] = [];
    for (let i = 0; i < 5; i++) before.push(await create('live-a', `old-${i}`));
    const socket = server.client({ token: TOKENS.viewer });
    const batches = collect(socket);
    await connect(socket);
    const reply = await subscribe(socket, { from: handOverFrom, kinds: ['configmaps'], namespaces: ['live-a'] });
    expect(reply).toMatchObject({ ok: true, from: handOverFrom });
    // Written while the backlog is being sent: they must follow it, each once.
    const during: string[] = [];
    for (let i = 0; i < 5; i++) during.push(await create('live-a', `new-${i}`));
    expect((await server.call('DELETE', '/api/v1/namespaces/live-a/configmaps/old-0')).status).toBe(200);
    const got = await until(async () => (events(batches).length >= 11 ? events(batches) : undefined), '11 live events');
    socket.disconnect();
    expect(got.map((e) => `${e.type} ${e.object.name}`)).toEqual([
      ...[0, 1, 2, 3, 4].map((i) => `ConfigMapCreated old-${i}`),
      ...[0, 1, 2, 3, 4].map((i) => `ConfigMapCreated new-${i}`),
      'ConfigMapDeleted old-0',
    ]);
    expect(got.slice(0, 10).map((e) => e.resourceVersion)).toEqual([...before, ...during]);
    expectStrictlyIncreasing(got);
    const first = got[0];
    expect(first.object).toMatchObject({ kind: 'ConfigMap', apiVersion: 'v1', namespace: 'live-a', name: 'old-0' });
    expect(first).toMatchObject({ actor: 'admin', verb: 'create', stream: 'configmap-live-a.old-0' });
    expect(first.correlationId).not.toBe('');
    expect(first.state).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'old-0', namespace: 'live-a', resourceVersion: before[0] }, data: { n: 'old-0' } });
    expect(got[10].state).toBeNull();
    // The last batch vouches for everything up to the delete.
    expect(Number(batches[batches.length - 1].resourceVersion)).toBeGreaterThanOrEqual(Number(got[10].resourceVersion));
    handOverEvents = got;
  });

  it('passes only the kinds and namespaces asked for ("" = cluster-scoped)', async () => {
    const from = await listVersion('live-b');
    await create('live-b', 'b-1');
    await create('live-a', 'a-1');
    expect((await server.call('POST', '/api/v1/namespaces', { metadata: { name: 'live-c' } })).status).toBe(201);
    await create('live-b', 'b-2');
    const onlyB = server.client({ token: TOKENS.admin });
    const cluster = server.client({ token: TOKENS.admin });
    const bBatches = collect(onlyB);
    const clusterBatches = collect(cluster);
    await Promise.all([connect(onlyB), connect(cluster)]);
    await subscribe(onlyB, { from, kinds: ['ConfigMap'], namespaces: ['live-b'] });
    await subscribe(cluster, { from, kinds: ['ns'], namespaces: [''] });
    const b = await until(async () => (events(bBatches).length >= 2 ? events(bBatches) : undefined), 'live-b events');
    const c = await until(async () => (events(clusterBatches).length >= 1 ? events(clusterBatches) : undefined), 'the namespace');
    // One more write of each: nothing else may have slipped in meanwhile.
    await create('live-b', 'b-3');
    await until(async () => (events(bBatches).length >= 3 ? true : undefined), 'b-3');
    onlyB.disconnect();
    cluster.disconnect();
    expect(events(bBatches).map((e) => e.object.name)).toEqual(['b-1', 'b-2', 'b-3']);
    expect(b.every((e) => e.object.namespace === 'live-b' && e.object.kind === 'ConfigMap')).toBe(true);
    expect(c.map((e) => `${e.type} ${e.object.name}`)).toEqual(['NamespaceCreated live-c']);
    expect(c[0].object.namespace).toBeUndefined();
  });

  it('delivers a burst of 2,000 creates exactly once, in order, in batches', async () => {
    const socket = server.client({ token: TOKENS.admin });
    const batches = collect(socket);
    await connect(socket);
    expect((await subscribe(socket, { kinds: ['ConfigMap'], namespaces: ['live-burst'] })).ok).toBe(true);
    const names = Array.from({ length: 2000 }, (_, i) => `burst-${i}`);
    let next = 0;
    // Eight writers at once, so events land faster than one per batch interval.
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < names.length) await create('live-burst', names[next++]);
    }));
    // A last write as a sentinel: once it arrives, any duplicate of the burst would have arrived before it.
    await create('live-burst', 'sentinel');
    const all = await until(async () => (events(batches).some((e) => e.object.name === 'sentinel') ? events(batches) : undefined), 'the sentinel', 600);
    socket.disconnect();
    expect(all[all.length - 1].object.name).toBe('sentinel');
    const got = all.slice(0, -1);
    expect(got).toHaveLength(2000);
    expect(new Set(got.map((e) => e.object.name))).toEqual(new Set(names));
    expectStrictlyIncreasing(got);
    expect(batches.length).toBeLessThan(2000);
    expect(Math.max(...batches.map((b) => b.events.length))).toBeLessThanOrEqual(500);
  });

  it('rebuilds a backlog older than the change log from the store, identical to what was sent live', async () => {
    const socket = server.client({ token: TOKENS.admin });
    const batches = collect(socket);
    await connect(socket);
    await subscribe(socket, { from: handOverFrom, kinds: ['ConfigMap'], namespaces: ['live-a'] });
    // The change log no longer holds that point (it would answer 410): the backlog comes from the store.
    expect(() => server.inProcess.api.context.projection.changes.since(Number(handOverFrom))).toThrow(/too old resource version/);
    const n = handOverEvents.length;
    const got = await until(async () => (events(batches).length >= n + 1 ? events(batches) : undefined), 'the old backlog');
    socket.disconnect();
    // The same events (a-1 came later), with the same states, times and metadata.
    expect(got.slice(0, n)).toEqual(handOverEvents);
    expect(got[n].object.name).toBe('a-1');
  });

  it('tells connected clients about incidents in their own message, never as cluster events', async () => {
    const socket = server.client({ token: TOKENS.viewer });
    const batches = collect(socket);
    const notices: IncidentNotice[] = [];
    socket.on('incident', (n: IncidentNotice) => notices.push(n));
    await connect(socket);
    await subscribe(socket, {});
    const opened = await server.call('POST', '/apis/history.chronokube.io/v1/incidents', { name: 'live-outage' });
    expect(opened.status).toBe(201);
    await create('live-a', 'after-incident');
    await until(async () => (events(batches).some((e) => e.object.name === 'after-incident') && notices.length >= 1 ? true : undefined), 'the incident and the event');
    socket.disconnect();
    expect(notices).toEqual([expect.objectContaining({ id: opened.body.id, type: 'IncidentOpened', actor: 'admin' })]);
    // Unfiltered, yet the incident's own event is not among the cluster's.
    expect(events(batches).filter((e) => e.stream.startsWith('incident-') || e.object.kind === 'Incident')).toEqual([]);
  });
});
