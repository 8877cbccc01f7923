/**
 * bench/scheduler: scheduling throughput end to end through the event log,
 * kube-scheduler scheduler_perf style. For each size, nodes and pending
 * pods are written first with the scheduler off (`server --api-only`); the
 * server is then restarted with its scheduler, which finds every pod
 * pending, and the clock runs from the server being ready until the last
 * binding is in the log (seen through a watch). Reference: scheduler_perf's
 * SchedulingBasic threshold at 5,000 nodes, 680 pods/s. Then a 1,000-replica
 * Deployment on 100 simulated nodes, timed from create to all Running.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { KubeClient, SimNodes, DEFAULT_SIM } from '@chronokube/agent';
import { onCleanup } from '../eventstore/cleanup';
import { startApiServer, type ApiServer } from '../api/server';

const REFERENCE_PODS_PER_S = 680;
const GOAL_PODS_PER_S = 1000;
const GOAL_DEPLOY_MS = 10_000;
/** BENCH_SCHEDULER_QUICK=PODSxNODES (or 1 for 3000x500): one run (for profiling), no Deployment. */
const QUICK = process.env.BENCH_SCHEDULER_QUICK;
const SIZES = QUICK ? [QUICK === '1' ? { pods: 3_000, nodes: 500 } : { pods: Number(QUICK.split('x')[0]), nodes: Number(QUICK.split('x')[1]) }] : [
  { pods: 1_000, nodes: 100 },
  { pods: 10_000, nodes: 1_000 },
  { pods: 10_000, nodes: 5_000 },
];
/** Nodes without leases must not go Unknown during the run. */
const NO_NODE_FAILURES = ['--node-monitor-grace-period', '3600s'];

function clientFor(server: ApiServer, sockets = 32): KubeClient {
  return new KubeClient({ server: server.endpoint.url, caPem: server.endpoint.caPem, token: server.endpoint.token }, sockets, 'chronokube-bench/0.1');
}

async function parallel<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await task(next++);
  }));
}

async function seed(server: ApiServer, nodes: number, pods: number): Promise<void> {
  const client = clientFor(server);
  const resources = { cpu: '32', memory: '256Gi', pods: '110' };
  try {
    await parallel(nodes, 32, (i) => client.request('POST', '/api/v1/nodes', {
      apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${i}`, labels: { 'kubernetes.io/hostname': `node-${i}` } },
      status: { capacity: resources, allocatable: resources, conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }] },
    }));
    await parallel(pods, 32, (i) => client.request('POST', '/api/v1/namespaces/default/pods', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${i}` },
      spec: { containers: [{ name: 'c', image: 'busybox:1.36', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
    }));
  } finally {
    client.close();
  }
}

/**
 * Resolves when `count` objects of `path` satisfy `done`, counting from a
 * list then a watch; returns when that happened (performance.now()).
 */
async function waitCount(server: ApiServer, path: string, count: number, done: (o: any) => boolean, timeoutMs: number): Promise<number> {
  const client = clientFor(server, 2);
  const seen = new Set<string>();
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const list = await client.get(path);
    for (const o of list.items) if (done(o)) seen.add(o.metadata.name);
    if (seen.size >= count) return performance.now();
    for await (const e of client.watch(path, list.metadata.resourceVersion, abort.signal)) {
      if (e.type !== 'BOOKMARK' && e.type !== 'DELETED' && done(e.object)) seen.add(e.object.metadata.name);
      if (seen.size >= count) return performance.now();
    }
    throw new Error(`only ${seen.size} of ${count} (${path}) within ${timeoutMs} ms`);
  } finally {
    clearTimeout(timer);
    abort.abort();
    client.close();
  }
}

interface SizeResult { pods: number; nodes: number; ms: number; podsPerSecond: number; eventsMs: number }

async function measureSize(pods: number, nodes: number): Promise<SizeResult> {
  const dir = mkdtempSync(join(tmpdir(), 'chronokube-bench-sched-'));
  onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
  const seeding = await startApiServer(dir, ['--api-only', ...NO_NODE_FAILURES]);
  await seed(seeding, nodes, pods);
  await seeding.stop();
  const t0 = performance.now();
  const server = await startApiServer(dir, NO_NODE_FAILURES);
  const ready = performance.now();
  const boundAt = await waitCount(server, '/api/v1/pods', pods, (p) => Boolean(p.spec?.nodeName), 300_000);
  // The events trail the bindings; counting them only now keeps a second watch off the server while it binds.
  const eventsAt = await waitCount(server, '/api/v1/events', pods, (e) => e.reason === 'Scheduled', 300_000);
  const ms = boundAt - ready;
  await server.stop();
  console.log(`  ${pods} pods on ${nodes} nodes: bound in ${ms.toFixed(0)} ms after the server was ready (start took ${(ready - t0).toFixed(0)} ms); ` +
    `all ${pods} Scheduled events durable at ${(eventsAt - ready).toFixed(0)} ms`);
  return { pods, nodes, ms, podsPerSecond: (pods / ms) * 1000, eventsMs: eventsAt - ready };
}

async function measureDeployment(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'chronokube-bench-deploy-'));
  onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
  const server = await startApiServer(dir, NO_NODE_FAILURES);
  const client = clientFor(server);
  const sim = new SimNodes(client, { ...DEFAULT_SIM, count: 100, prefix: 'sim-', cpu: '32', memory: '128Gi', readyDelayMs: 0, leaseIntervalMs: 0, concurrency: 32 });
  try {
    await sim.start();
    const t0 = performance.now();
    await client.request('POST', '/apis/apps/v1/namespaces/default/deployments', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'big' },
      spec: { replicas: 1000, selector: { matchLabels: { app: 'big' } }, template: { metadata: { labels: { app: 'big' } }, spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] } } },
    });
    for (;;) {
      const d = await client.get('/apis/apps/v1/namespaces/default/deployments/big');
      if ((d.status?.availableReplicas ?? 0) >= 1000 && sim.readyPods >= 1000) break;
      if (performance.now() - t0 > 120_000) throw new Error(`1,000-replica Deployment: ${d.status?.availableReplicas ?? 0} available after 120 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const ms = performance.now() - t0;
    console.log(`  1,000-replica Deployment on 100 simulated nodes: all Running and available in ${ms.toFixed(0)} ms`);
    return ms;
  } finally {
    await sim.stop();
    client.close();
    await server.stop();
  }
}

export async function runSchedulerBench(): Promise<void> {
  console.log('scheduler: measuring (each size seeds nodes and pods with the scheduler off, then restarts with it on)...');
  const results: SizeResult[] = [];
  for (const s of SIZES) results.push(await measureSize(s.pods, s.nodes));
  const deployMs = process.env.BENCH_SCHEDULER_QUICK ? NaN : await measureDeployment();
  const rows = results.map((r) => {
    const label = `schedule+bind ${r.pods.toLocaleString('en-US')} pods / ${r.nodes.toLocaleString('en-US')} nodes`;
    const ratio = r.podsPerSecond / REFERENCE_PODS_PER_S;
    const withEvents = (r.pods / r.eventsMs) * 1000;
    return `${label.padEnd(48)} pods/s ${r.podsPerSecond.toFixed(0).padStart(7)}   ${String(REFERENCE_PODS_PER_S).padStart(6)} (scheduler_perf @5000)  ${ratio.toFixed(2)}x` +
      `   (incl. Scheduled events: ${withEvents.toFixed(0)}/s)`;
  });
  const at5000 = results.find((r) => r.nodes === 5000) ?? results[results.length - 1];
  console.log([
    '-'.repeat(104),
    `${'scenario'.padEnd(48)} unit   chronokube   reference                      ratio`,
    '-'.repeat(104),
    ...rows,
    `${'1,000-replica Deployment to all Running'.padEnd(48)} ms     ${deployMs.toFixed(0).padStart(7)}   goal < ${GOAL_DEPLOY_MS}`,
    '-'.repeat(104),
    'goals:',
    `  ${at5000.podsPerSecond >= GOAL_PODS_PER_S ? 'MET   ' : 'MISSED'}  >= ${GOAL_PODS_PER_S} pods/s at 5,000 nodes: ${at5000.podsPerSecond.toFixed(0)} pods/s`,
    `  ${deployMs < GOAL_DEPLOY_MS ? 'MET   ' : 'MISSED'}  1,000-replica Deployment Running in < 10 s: ${deployMs.toFixed(0)} ms`,
    'pods/s = pods / (time from the restarted server being ready to the last binding seen through a watch); every binding is an',
    'appended PodBound event, durable before it is seen. Each pod also gets a Scheduled Event object, written behind the bindings',
    "(kube's event broadcaster is asynchronous too); 'incl. Scheduled events' counts until the last of those is seen.",
  ].join('\n'));
}
