/**
 * Every event of a story driven with the real kubectl (a deployment
 * created, scaled up and down, exposed, its namespace deleted) on
 * simulated nodes acting as system:node:<name> has an unbroken cause
 * chain (apps/api/src/testing/cause-chains.ts): it ends at the user's
 * request or at a node's or a timer-driven controller's own observation
 * (a node found silent).
 * The log is read whole with the official EventStoreDB client.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import { nodeToken } from '@chronokube/core';
import { launch, withCredentials } from '../../../cli/src/testing/launch';
import { causeChains, describeBroken, type LoggedEvent } from '../../../api/src/testing/cause-chains';
import { kubectlOk, useTestCluster } from '../../../api/src/testing/test-cluster';
import { until } from '../../../api/src/testing/until';
import { KubeClient } from '../kube-client/kube-client';
import { nodeSecretHmac } from '../node-secret-hmac';
import { loadKubeconfig } from '../kube-client/kubeconfig';
import { SimNodes } from './sim-nodes';
import { DEFAULT_SIM } from './sim-options';

// A short grace period, so the node that goes silent is found unreachable within the test.
const clusterOf = useTestCluster(['--node-monitor-grace-period', '2s']);
const ok = (...args: string[]): Promise<string> => kubectlOk(clusterOf(), args);
const NODES = ['cause-a', 'cause-b'];
const running: { sim: SimNodes; client: KubeClient }[] = [];

beforeAll(async () => {
  const secret = fs.readFileSync(path.join(clusterOf().dir, 'node-secret'), 'utf8').trim();
  const admin = loadKubeconfig(clusterOf().kubeconfigFor('admin'));
  for (const name of NODES) {
    // One agent per node, each with its own node credential, as `chronokube agent --runtime sim` runs.
    const client = new KubeClient({ ...admin, token: nodeToken(nodeSecretHmac(secret), name) });
    const sim = new SimNodes(client, { ...DEFAULT_SIM, count: 1, names: [name], readyDelayMs: 20, leaseIntervalMs: 300 });
    await sim.start();
    running.push({ sim, client });
  }
}, 60_000);

afterAll(async () => {
  for (const { sim, client } of running) {
    await sim.stop();
    client.close();
  }
});

async function readyPods(ns: string, selector: string): Promise<number> {
  const pods = JSON.parse(await ok('get', 'pods', '-n', ns, '-l', selector, '-o', 'json')).items as { metadata: { deletionTimestamp?: string }; status?: { phase?: string } }[];
  return pods.filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp).length;
}

async function podCount(ns: string, selector: string): Promise<number> {
  return JSON.parse(await ok('get', 'pods', '-n', ns, '-l', selector, '-o', 'json')).items.length;
}

async function readLog(eventstoreUrl = clusterOf().eventstoreUrl): Promise<LoggedEvent[]> {
  const client = EventStoreDBClient.connectionString(eventstoreUrl);
  const events: LoggedEvent[] = [];
  try {
    for await (const r of client.readAll({ fromPosition: START, direction: FORWARDS, maxCount: Number.MAX_SAFE_INTEGER })) {
      const e = r.event;
      if (!e || e.type.startsWith('$')) continue;
      events.push({ id: e.id, type: e.type, stream: e.streamId, position: Number(e.position?.commit ?? 0), data: e.data, metadata: e.metadata as LoggedEvent['metadata'] });
    }
  } finally {
    await client.dispose();
  }
  return events;
}

it('gives every event of a kubectl story on simulated nodes an unbroken cause chain', async () => {
  await ok('create', 'namespace', 'story');
  await ok('create', 'deployment', 'web', '-n', 'story', '--image=busybox:1.36', '--replicas=2');
  await until(async () => ((await readyPods('story', 'app=web')) === 2 ? true : undefined), '2 web pods Running');
  await ok('scale', 'deployment', 'web', '-n', 'story', '--replicas=5');
  await until(async () => ((await readyPods('story', 'app=web')) === 5 ? true : undefined), '5 web pods Running');
  await ok('expose', 'deployment', 'web', '-n', 'story', '--port=80');
  await until(async () => {
    const eps = JSON.parse(await ok('get', 'endpoints', 'web', '-n', 'story', '-o', 'json'));
    return (eps.subsets?.[0]?.addresses?.length ?? 0) === 5 ? true : undefined;
  }, 'the endpoints of 5 pods');
  await ok('scale', 'deployment', 'web', '-n', 'story', '--replicas=1');
  await until(async () => ((await podCount('story', 'app=web')) === 1 ? true : undefined), 'the scaled-down pods gone');
  await ok('delete', 'namespace', 'story', '--wait=true');
  running[1].sim.silence(NODES[1]);
  await until(async () => {
    const node = JSON.parse(await ok('get', 'node', NODES[1], '-o', 'json'));
    return node.status.conditions.find((c: { type: string }) => c.type === 'Ready')?.status === 'Unknown' ? true : undefined;
  }, 'the silent node unreachable', 400);

  const log = await readLog();
  const report = causeChains(log);
  if (report.share !== 1) process.stderr.write(`${describeBroken(report)}\n`);
  expect(report.broken.map((b) => `${b.event.type} ${b.event.stream}: ${b.why}`)).toEqual([]);
  expect(report.share).toBe(1);
  expect(report.roots.request).toBeGreaterThan(0);
  expect(report.roots.observation).toBeGreaterThan(0);

  // A node's status write for a web pod leads back through the binding and the ReplicaSet to a user's kubectl request.
  const byId = new Map(log.map((e) => [e.id, e]));
  const status = log.find((e) => e.type === 'PodStatusChanged' && e.stream.startsWith('pod-story.web-') && String(e.metadata?.actor).startsWith('system:node:'));
  expect(status).toBeDefined();
  const chain: LoggedEvent[] = [];
  for (let at: LoggedEvent | undefined = status; at; at = byId.get(String(at.metadata?.causationId))) chain.push(at);
  const types = chain.map((e) => e.type);
  expect(types).toEqual(expect.arrayContaining(['PodBound', 'PodCreated']));
  expect(types.some((t) => t.startsWith('ReplicaSet'))).toBe(true);
  const root = chain[chain.length - 1];
  expect(root.type).toMatch(/^Deployment/);
  expect(root.metadata?.actor).toBe('alice');
  expect(String(root.metadata?.userAgent)).toMatch(/^kubectl/);
  // The Events reporting a write hang under the write they report.
  const reportCause = (reason: string): string | undefined => {
    const event = log.find((e) => e.type === 'EventCreated' && e.stream.startsWith('event-story.') && (e.data as { object?: { reason?: string } })?.object?.reason === reason);
    return event ? byId.get(String(event.metadata?.causationId))?.type : undefined;
  };
  expect(reportCause('Scheduled')).toBe('PodBound');
  expect(reportCause('SuccessfulCreate')).toBe('PodCreated');
  // Everything in the chain shares the user's correlation.
  expect(new Set(chain.map((e) => e.metadata?.correlationId)).size).toBe(1);
}, 120_000);

it('resolves X-Chronokube-Cause-Resource-Version to the event at that position, and refuses a bad one whole', async () => {
  const cluster = clusterOf();
  const created = await cluster.request('POST', '/api/v1/namespaces/default/configmaps', { body: JSON.stringify({ metadata: { name: 'cause' }, data: { a: '1' } }), contentType: 'application/json' });
  expect(created.status).toBe(201);
  const rv = created.json.metadata.resourceVersion as string;
  for (const bad of ['abc', '0', '-1', '99999999999']) {
    const r = await cluster.request('PATCH', '/api/v1/namespaces/default/configmaps/cause', {
      body: JSON.stringify({ data: { a: bad } }), contentType: 'application/merge-patch+json',
      headers: { 'X-Chronokube-Cause-Resource-Version': bad },
    });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
    expect(r.json.message).toContain('X-Chronokube-Cause-Resource-Version');
  }
  // Nothing appended for the refused ones (the live node's Lease keeps renewing, so the stream is what to count).
  expect(await cluster.readStream('configmap-default.cause')).toHaveLength(1);
  const patched = await cluster.request('PATCH', '/api/v1/namespaces/default/configmaps/cause', {
    body: JSON.stringify({ data: { a: '2' } }), contentType: 'application/merge-patch+json',
    headers: { 'X-Chronokube-Cause-Resource-Version': rv },
  });
  expect(patched.status).toBe(200);
  const [first, second] = await cluster.readStream('configmap-default.cause');
  expect(second.metadata.causationId).not.toBe(second.metadata.correlationId);
  const log = await readLog();
  const cause = log.find((e) => e.id === second.metadata.causationId);
  expect(cause?.position).toBe(Number(rv));
  expect(second.metadata.correlationId).toBe(first.metadata.correlationId);

  // An agent whose cause the server cannot resolve still gets its write through, as a root of its own.
  const agent = new KubeClient(loadKubeconfig(cluster.kubeconfigFor('admin')));
  try {
    await agent.request('PATCH', '/api/v1/namespaces/default/configmaps/cause', { data: { a: '3' } }, 'application/merge-patch+json', { 'X-Chronokube-Cause-Resource-Version': '99999999' });
  } finally {
    agent.close();
  }
  const third = (await cluster.readStream('configmap-default.cause'))[2];
  expect(third.data).toBeDefined();
  expect(third.metadata.causationId).toBe(third.metadata.correlationId);
});

it('keeps the chains unbroken when controllers act at start-up on what they find (a resync, marked as their observation)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chronokube-causes-'));
  const tokens = path.join(dir, 'tokens.csv');
  fs.writeFileSync(tokens, 'resync-admin-token-0123456789,alice,uid-alice,"system:masters"\n');
  const serve = async (extra: string[]) => {
    const proc = launch(['server', '--data', dir, '--port', '0', '--eventstore-port', '0', '--token-auth-file', tokens, ...extra]);
    const [, url] = await proc.waitForLine(/^chronokube server listening on (\S+)/);
    // The launcher prints no password: it is in the credentials file, as `user:password`.
    const [, shownUrl, credentialsFile] = await proc.waitForLine(/^\s+eventstore\s+(\S+) \(credentials: (.+)\)$/);
    const eventstoreUrl = withCredentials(shownUrl, credentialsFile);
    const client = new KubeClient({ server: url, caPem: fs.readFileSync(path.join(dir, 'pki', 'ca.crt'), 'utf8'), token: 'resync-admin-token-0123456789' });
    return { proc, eventstoreUrl, client };
  };
  try {
    // With no controllers running, a ReplicaSet is written and nothing acts on it ...
    const first = await serve(['--api-only']);
    await first.client.request('POST', '/apis/apps/v1/namespaces/default/replicasets', {
      metadata: { name: 'later' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'later' } }, template: { metadata: { labels: { app: 'later' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
    });
    await first.client.request('POST', '/api/v1/namespaces/default/pods', { metadata: { name: 'pending' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    first.client.close();
    first.proc.child.kill('SIGTERM');
    await first.proc.exited;
    // ... until a full server starts and its ReplicaSet controller finds it.
    const second = await serve([]);
    try {
      await until(async () => ((await second.client.get('/api/v1/namespaces/default/pods?labelSelector=app%3Dlater')).items.length === 2 ? true : undefined), 'the ReplicaSet\'s pods');
      // The pod pending from before: the scheduler finds it at start and (no node here) reports it Unschedulable.
      await until(async () => {
        const pod = await second.client.get('/api/v1/namespaces/default/pods/pending');
        return pod.status?.conditions?.some((c: { type: string; status: string }) => c.type === 'PodScheduled' && c.status === 'False') ? true : undefined;
      }, 'the pending pod reported Unschedulable');
      const log = await readLog(second.eventstoreUrl);
      const report = causeChains(log);
      if (report.share !== 1) process.stderr.write(`${describeBroken(report)}\n`);
      expect(report.broken.map((b) => `${b.event.type} ${b.event.stream}: ${b.why}`)).toEqual([]);
      const created = log.filter((e) => e.type === 'PodCreated' && e.stream.startsWith('pod-default.later-'));
      expect(created).toHaveLength(2);
      for (const e of created) expect(e.metadata).toMatchObject({ actor: 'system:controller:replicaset-controller', observation: 'resync' });
    } finally {
      second.client.close();
      second.proc.child.kill('SIGTERM');
      await second.proc.exited;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
