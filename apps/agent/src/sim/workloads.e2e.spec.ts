/**
 * The scheduler and controllers with simulated nodes, driven by the real
 * kubectl where a user would: rollouts, undo, unschedulable pods, node
 * failure, cascading deletion and endpoints. The rolling-update invariants
 * are checked on the event history itself, folded event by event.
 */
import { EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import { ClusterState, findResource, type Pod, type RecordedEvent, type ReplicaSet } from '@chronokube/core';
import { kubectlOk, useTestCluster } from '../../../api/src/testing/test-cluster';
import { until } from '../../../api/src/testing/until';
import { KubeClient } from '../kube-client/kube-client';
import { loadKubeconfig } from '../kube-client/kubeconfig';
import { SimNodes } from './sim-nodes';
import { DEFAULT_SIM } from './sim-options';

const clusterOf = useTestCluster(['--node-monitor-grace-period', '4s']);
const ok = (args: string[], input?: string): Promise<string> => kubectlOk(clusterOf(), args, input);
const PODS = findResource('', 'pods')!;
const REPLICASETS = findResource('apps', 'replicasets')!;
let client: KubeClient;
const sims: SimNodes[] = [];

async function startSim(prefix: string, count: number, cpu = '4'): Promise<SimNodes> {
  const sim = new SimNodes(client, { ...DEFAULT_SIM, count, prefix, cpu, readyDelayMs: 30, leaseIntervalMs: 300 });
  sims.push(sim);
  await sim.start();
  return sim;
}

beforeAll(async () => {
  client = new KubeClient(loadKubeconfig(clusterOf().kubeconfigFor('admin')));
  await startSim('worker-', 4);
}, 60_000);

afterAll(async () => {
  for (const s of sims) await s.stop();
  client?.close();
});

/** Every event in the log, in order, as the projection folds them. */
async function history(): Promise<RecordedEvent[]> {
  const es = EventStoreDBClient.connectionString(clusterOf().eventstoreUrl);
  const out: RecordedEvent[] = [];
  try {
    for await (const e of es.readAll({ fromPosition: START, direction: FORWARDS, maxCount: Number.MAX_SAFE_INTEGER })) {
      const ev = e.event;
      if (!ev || ev.type.startsWith('$') || !ev.position) continue;
      out.push({ streamId: ev.streamId, revision: ev.revision, type: ev.type, data: ev.data, position: Number(ev.position.commit) });
    }
  } finally {
    await es.dispose();
  }
  return out;
}

it('a Deployment of 20 replicas becomes fully available', async () => {
  await ok(['create', 'deployment', 'web', '--image=busybox:1.36', '--replicas=20']);
  const out = await ok(['rollout', 'status', 'deployment/web', '--timeout=60s']);
  expect(out).toContain('deployment "web" successfully rolled out');
  expect(await ok(['get', 'deployment', 'web'])).toMatch(/^web\s+20\/20\s+20\s+20\s+/m);
  const pods = JSON.parse(await ok(['get', 'pods', '-l', 'app=web', '-o', 'json'])).items as Pod[];
  expect(pods).toHaveLength(20);
  expect(new Set(pods.map((p) => p.spec.nodeName)).size).toBe(4);
  expect(pods.every((p) => p.status?.phase === 'Running')).toBe(true);
  // Events are written behind the actions (as by kube's broadcaster): wait for them.
  const described = await until(async () => {
    const out = await ok(['describe', 'deployment', 'web']);
    return out.includes('ScalingReplicaSet') ? out : undefined;
  }, 'the ScalingReplicaSet event');
  expect(described).toMatch(/Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set web-\w+ from 0 to 20/);
  const scheduled = await until(async () => {
    const items = JSON.parse(await ok(['get', 'events', '--field-selector', `reason=Scheduled,involvedObject.name=${pods[0].metadata.name}`, '-o', 'json'])).items;
    return items.length > 0 ? items : undefined;
  }, 'the Scheduled event');
  expect(scheduled[0].message).toBe(`Successfully assigned default/${pods[0].metadata.name} to ${pods[0].spec.nodeName}`);
  // The ReplicaSet controller says which pods it created (kube's SuccessfulCreate), one event per pod.
  const rsName = pods[0].metadata.ownerReferences![0].name;
  const created = await until(async () => {
    const items = JSON.parse(await ok(['get', 'events', '--field-selector', `reason=SuccessfulCreate,involvedObject.name=${rsName}`, '-o', 'json'])).items;
    return items.length >= 20 ? items : undefined;
  }, '20 SuccessfulCreate events');
  expect(created.map((e: { message: string }) => e.message).sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata.name}`).sort());
  expect(created[0].involvedObject.kind).toBe('ReplicaSet');
  expect(created[0].source.component).toBe('replicaset-controller');
  // The binding's event says why that node.
  const bound = (await clusterOf().readStream(`pod-default.${pods[0].metadata.name}`)).find((e) => e.type === 'PodBound')!;
  expect(bound.metadata.actor).toBe('system:controller:default-scheduler');
  expect(bound.metadata.scheduler.feasibleNodes).toBeGreaterThan(0);
  expect(bound.metadata.scheduler.topScores[0].node).toBe(pods[0].spec.nodeName);
  // A simulated node runs no processes, so it has no logs to give, and says so.
  const logs = await clusterOf().kubectl(['logs', pods[0].metadata.name!]);
  expect(logs.code).not.toBe(0);
  expect(logs.stderr).toContain(`node "${pods[0].spec.nodeName}" of pod ${pods[0].metadata.name} serves no kubelet API (a simulated node keeps no logs)`);
});

it('a rolling update respects maxSurge and maxUnavailable at every event, and undo brings the old template back', async () => {
  const startAt = (await history()).length;
  await ok(['set', 'image', 'deployment/web', 'busybox=busybox:1.37']);
  expect(await ok(['rollout', 'status', 'deployment/web', '--timeout=60s'])).toContain('successfully rolled out');
  const events = await history();
  // Fold the whole log, checking the pods of "web" after every event of the rollout.
  const state = new ClusterState();
  let checked = 0;
  let maxTotal = 0;
  let minAvailable = Infinity;
  events.forEach((e, i) => {
    state.apply(e);
    if (i < startAt) return;
    // Kubernetes' guarantees, as its controller states them: the ReplicaSets' desired pods stay within
    // replicas + maxSurge, and ready pods never drop below replicas - maxUnavailable.
    const sets = [...state.list(REPLICASETS, 'default')].map((s) => s.object as ReplicaSet).filter((rs) => rs.metadata.labels?.app === 'web');
    const pods = [...state.list(PODS, 'default')].map((s) => s.object as Pod).filter((p) => p.metadata.labels?.app === 'web' && !p.metadata.deletionTimestamp);
    const ready = pods.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
    maxTotal = Math.max(maxTotal, sets.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0));
    minAvailable = Math.min(minAvailable, ready.length);
    checked++;
  });
  expect(checked).toBeGreaterThan(40);
  // 25% of 20: surge rounds up to 5, unavailable rounds down to 5.
  expect(maxTotal).toBeLessThanOrEqual(25);
  expect(maxTotal).toBeGreaterThan(20);
  expect(minAvailable).toBeGreaterThanOrEqual(15);
  const images = JSON.parse(await ok(['get', 'pods', '-l', 'app=web', '-o', 'json'])).items.map((p: Pod) => p.spec.containers[0].image);
  expect(new Set(images)).toEqual(new Set(['busybox:1.37']));
  // The old ReplicaSet was scaled to 0 by deleting its pods, each announced as kube's SuccessfulDelete.
  const before = new ClusterState();
  for (const e of events.slice(0, startAt)) before.apply(e);
  const oldPods = new Set([...before.list(PODS, 'default')]
    .map((s) => s.object as Pod).filter((p) => p.metadata.labels?.app === 'web').map((p) => p.metadata.name));
  expect(oldPods.size).toBe(20);
  const deleted = await until(async () => {
    const items = JSON.parse(await ok(['get', 'events', '--field-selector', 'reason=SuccessfulDelete', '-o', 'json'])).items;
    return items.length >= oldPods.size ? items : undefined;
  }, 'SuccessfulDelete events for the old pods');
  expect(new Set(deleted.map((e: { message: string }) => e.message))).toEqual(new Set([...oldPods].map((n) => `Deleted pod: ${n}`)));
  // Scaling the old ReplicaSet down is an update; its event reads the previous count from the write.
  const scaledDown = await until(async () => {
    const out = await ok(['get', 'events', '--field-selector', 'reason=ScalingReplicaSet', '-o', 'jsonpath={range .items[*]}{.message}{"\\n"}{end}']);
    const lines = out.split('\n').filter((l) => l.startsWith('Scaled down'));
    return lines.some((l) => / to 0$/.test(l)) ? lines : undefined;
  }, 'the old ReplicaSet scaled down to 0');
  expect(scaledDown[0]).toMatch(/^Scaled down replica set web-\w+ from 20 to \d+$/);
  expect(await ok(['rollout', 'history', 'deployment/web'])).toMatch(/^1\s+<none>\n2\s+<none>/m);
  await ok(['rollout', 'undo', 'deployment/web']);
  await ok(['rollout', 'status', 'deployment/web', '--timeout=60s']);
  expect(await ok(['get', 'deployment', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'])).toBe('busybox:1.36');
});

it('a pod that fits nowhere gets FailedScheduling, and schedules once a big enough node joins', async () => {
  await ok(['apply', '-f', '-'], 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: huge\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n    resources:\n      requests:\n        cpu: "16"\n');
  const failed = await until(async () => {
    const ev = JSON.parse(await ok(['get', 'events', '--field-selector', 'involvedObject.name=huge,reason=FailedScheduling', '-o', 'json'])).items;
    return ev.length ? ev[0] : undefined;
  }, 'FailedScheduling');
  expect(failed.message).toMatch(/^0\/4 nodes are available: 4 Insufficient cpu\./);
  const pod = JSON.parse(await ok(['get', 'pod', 'huge', '-o', 'json']));
  expect(pod.status.conditions.find((c: { type: string }) => c.type === 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable' });
  await startSim('big-', 1, '32');
  const running = await until(async () => {
    const p = JSON.parse(await ok(['get', 'pod', 'huge', '-o', 'json']));
    return p.status.phase === 'Running' ? p : undefined;
  }, 'the pod to run on the new node');
  expect(running.spec.nodeName).toBe('big-0');
});

it('a node that stops heartbeating goes NotReady, and its pods are evicted and replaced elsewhere', async () => {
  await ok(['apply', '-f', '-'], [
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: evict', 'spec:', '  replicas: 6',
    '  selector:', '    matchLabels:', '      app: evict', '  template:', '    metadata:', '      labels:', '        app: evict',
    '    spec:', '      tolerations:', '      - key: node.kubernetes.io/unreachable', '        operator: Exists', '        effect: NoExecute', '        tolerationSeconds: 1',
    '      containers:', '      - name: c', '        image: busybox:1.36', '',
  ].join('\n'));
  await ok(['rollout', 'status', 'deployment/evict', '--timeout=60s']);
  const before = JSON.parse(await ok(['get', 'pods', '-l', 'app=evict', '-o', 'json'])).items as Pod[];
  const victim = before[0].spec.nodeName!;
  const victims = before.filter((p) => p.spec.nodeName === victim).map((p) => p.metadata.name);
  // Whichever simulator runs that node (the pods may sit on the big node of the previous test).
  for (const s of sims) s.silence(victim);
  await until(async () => (/NotReady/.test(await ok(['get', 'node', victim])) ? true : undefined), `${victim} to go NotReady`);
  const node = JSON.parse(await ok(['get', 'node', victim, '-o', 'json']));
  expect(node.spec.taints.map((t: { key: string; effect: string }) => `${t.key}:${t.effect}`)).toEqual(
    expect.arrayContaining(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']),
  );
  const after = await until(async () => {
    const pods = JSON.parse(await ok(['get', 'pods', '-l', 'app=evict', '-o', 'json'])).items as Pod[];
    const running = pods.filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp);
    return running.length === 6 && running.every((p) => p.spec.nodeName !== victim) ? running : undefined;
  }, 'the pods to be replaced on other nodes', 400);
  expect(after.some((p) => victims.includes(p.metadata.name))).toBe(false);
});

it('Endpoints follow the pods\' readiness, and pods on the unreachable node are not ready', async () => {
  await ok(['expose', 'deployment', 'web', '--port=80', '--target-port=8080']);
  const isReady = (p: Pod) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
  const webPods = async () => (JSON.parse(await ok(['get', 'pods', '-l', 'app=web', '-o', 'json'])).items as Pod[]).filter((p) => !p.metadata.deletionTimestamp);
  // The node silenced above is unreachable: the node controller marked its pods not Ready (kube's MarkPodsNotReady).
  const nodes = JSON.parse(await ok(['get', 'nodes', '-o', 'json'])).items as { metadata: { name: string }; status?: { conditions?: { type: string; status: string }[] } }[];
  const down = new Set(nodes.filter((n) => n.status?.conditions?.find((c) => c.type === 'Ready')?.status !== 'True').map((n) => n.metadata.name));
  expect(down.size).toBe(1);
  const silent = (await webPods()).filter((p) => down.has(p.spec.nodeName!));
  for (const p of silent) expect(isReady(p)).toBe(false);
  const readyCount = (await webPods()).filter(isReady).length;
  const eps = await until(async () => {
    const e = JSON.parse(await ok(['get', 'endpoints', 'web', '-o', 'json']));
    const ready = e.subsets?.[0]?.addresses?.length ?? 0;
    const notReady = e.subsets?.[0]?.notReadyAddresses?.length ?? 0;
    return ready === readyCount && ready + notReady === 20 ? e : undefined;
  }, `${readyCount} ready addresses of 20`);
  expect(eps.subsets[0].ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
  expect((eps.subsets[0].notReadyAddresses ?? []).map((a: { targetRef: { name: string } }) => a.targetRef.name).sort()).toEqual(silent.map((p) => p.metadata.name).sort());
  const pod = (await webPods()).find(isReady)!;
  const conditions = pod.status!.conditions!.map((c) => (c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, status: 'False' } : c));
  await client.request('PATCH', `/api/v1/namespaces/default/pods/${pod.metadata.name}/status`, { status: { conditions } }, 'application/merge-patch+json');
  const split = await until(async () => {
    const e = JSON.parse(await ok(['get', 'endpoints', 'web', '-o', 'json']));
    return e.subsets?.[0]?.notReadyAddresses?.length === silent.length + 1 ? e : undefined;
  }, 'one more not-ready address');
  expect(split.subsets[0].notReadyAddresses.map((a: { targetRef: { name: string } }) => a.targetRef.name)).toContain(pod.metadata.name);
  expect(split.subsets[0].addresses).toHaveLength(readyCount - 1);
});

it('deleting a Deployment removes its ReplicaSets and pods', async () => {
  expect(await ok(['delete', 'deployment', 'web'])).toContain('deployment.apps "web" deleted');
  // Pods left on the silenced node are finalized by pod GC, which sweeps every 20 s as kube's does.
  await until(async () => ((await ok(['get', 'pods', '-l', 'app=web', '-o', 'name'])).trim() === '' ? true : undefined), 'the pods to go', 600);
  expect((await ok(['get', 'rs', '-o', 'name'])).split('\n').filter((l) => l.includes('web-'))).toEqual([]);
}, 120_000);
