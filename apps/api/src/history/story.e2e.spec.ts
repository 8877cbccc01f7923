/**
 * The truth of history. A cluster with simulated nodes is driven through a
 * scripted story with the real kubectl (deploy, scale, a bad image rolled
 * out and rolled back, a node going silent, a namespace deleted). During
 * the story every live list response is recorded with its resourceVersion;
 * afterwards the history API must rebuild each of them exactly, and its
 * diffs, object timelines, why-chains and causality report must tell what
 * happened.
 */
import { KubeClient } from '../../../agent/src/kube-client/kube-client';
import { loadKubeconfig } from '../../../agent/src/kube-client/kubeconfig';
import { SimNodes } from '../../../agent/src/sim/sim-nodes';
import { DEFAULT_SIM } from '../../../agent/src/sim/sim-options';
import { kubectlOk, useTestCluster } from '../testing/test-cluster';
import { until } from '../testing/until';

const clusterOf = useTestCluster(['--node-monitor-grace-period', '2s']);
const ok = (args: string[], input?: string): Promise<string> => kubectlOk(clusterOf(), args, input);
const H = '/apis/history.chronokube.io/v1';

interface Recorded {
  step: string;
  path: string;
  kind: string;
  resourceVersion: string;
  items: Record<string, unknown>[];
}

const LISTS = [
  { path: '/api/v1/pods', kind: 'Pod' },
  { path: '/apis/apps/v1/deployments', kind: 'Deployment' },
  { path: '/apis/apps/v1/replicasets', kind: 'ReplicaSet' },
  { path: '/api/v1/nodes', kind: 'Node' },
  { path: '/api/v1/namespaces', kind: 'Namespace' },
];

const recorded: Recorded[] = [];
let client: KubeClient;
const sims: SimNodes[] = [];

async function get(path: string): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await clusterOf().request('GET', path);
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.text.slice(0, 300)}`);
  return res.json;
}

/** Takes every live list now, as a client would see it. */
async function record(step: string): Promise<void> {
  for (const l of LISTS) {
    const list = await get(l.path);
    recorded.push({ step, path: l.path, kind: l.kind, resourceVersion: list.metadata.resourceVersion, items: list.items });
  }
}

const deployment = (image: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: story}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "${image}"}]
      tolerations:
      - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 0}
      - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 0}
`;

beforeAll(async () => {
  client = new KubeClient(loadKubeconfig(clusterOf().kubeconfigFor('admin')));
  for (const prefix of ['steady-', 'silent-']) {
    const sim = new SimNodes(client, { ...DEFAULT_SIM, count: prefix === 'steady-' ? 2 : 1, prefix, cpu: '4', readyDelayMs: 30, leaseIntervalMs: 300 });
    sims.push(sim);
    await sim.start();
  }
}, 60_000);

afterAll(async () => {
  for (const s of sims) await s.stop().catch(() => undefined);
  client?.close();
});

const podsOn = async (node: string): Promise<number> =>
  (await get(`/api/v1/pods?fieldSelector=spec.nodeName%3D${node}`)).items.length;

it('tells the story of a cluster exactly as it happened', async () => {
  await record('empty');
  await ok(['create', 'namespace', 'story']);
  await ok(['apply', '-f', '-'], deployment('chronokube/busybox:latest'));
  await ok(['rollout', 'status', '-n', 'story', 'deployment/web', '--timeout=60s']);
  await record('deployed');
  await ok(['scale', '-n', 'story', 'deployment/web', '--replicas=5']);
  await ok(['rollout', 'status', '-n', 'story', 'deployment/web', '--timeout=60s']);
  await record('scaled');
  await ok(['set', 'image', '-n', 'story', 'deployment/web', 'web=chronokube/does-not-exist:bad']);
  await ok(['rollout', 'status', '-n', 'story', 'deployment/web', '--timeout=60s']);
  await record('bad image');
  await ok(['rollout', 'undo', '-n', 'story', 'deployment/web']);
  await ok(['rollout', 'status', '-n', 'story', 'deployment/web', '--timeout=60s']);
  await record('rolled back');
  // The silent node's pods are evicted once it is unreachable and replaced on the steady ones.
  expect(await podsOn('silent-0')).toBeGreaterThan(0);
  await sims[1].stop();
  await until(async () => ((await podsOn('silent-0')) === 0 ? true : undefined), 'the silent node to be emptied', 600);
  await ok(['rollout', 'status', '-n', 'story', 'deployment/web', '--timeout=60s']);
  await record('node silent');
  await ok(['delete', 'namespace', 'story', '--timeout=60s']);
  await record('namespace deleted');

  // Every recorded list is rebuilt exactly, object for object.
  for (const r of recorded) {
    const state = await get(`${H}/state?at=${r.resourceVersion}&kinds=${r.kind}`);
    expect(state.at.resourceVersion).toBe(r.resourceVersion);
    const strip = (o: Record<string, unknown>) => ({ ...o, kind: undefined, apiVersion: undefined });
    expect({ step: r.step, kind: r.kind, items: state.items.map(strip) }).toEqual({ step: r.step, kind: r.kind, items: r.items.map(strip) });
    // ... and so is the same list through the standard API's time travel.
    const exact = await get(`${r.path}?resourceVersion=${r.resourceVersion}&resourceVersionMatch=Exact`);
    expect(exact.items.map(strip)).toEqual(r.items.map(strip));
  }

  const at = (step: string, kind: string): Recorded => recorded.find((r) => r.step === step && r.kind === kind)!;
  // The diff between two steps names what changed, with old and new values.
  const scaled = await get(`${H}/diff?from=${at('deployed', 'Deployment').resourceVersion}&to=${at('scaled', 'Deployment').resourceVersion}&kinds=Deployment&namespace=story`);
  const webChange = scaled.changed.find((c: { object: { name: string } }) => c.object.name === 'web');
  expect(webChange.fields).toContainEqual({ path: 'spec.replicas', old: 3, new: 5 });
  expect(scaled.added).toEqual([]);
  const pods = await get(`${H}/diff?from=${at('deployed', 'Pod').resourceVersion}&to=${at('scaled', 'Pod').resourceVersion}&kinds=Pod&namespace=story`);
  expect(pods.added).toHaveLength(2);
  const gone = await get(`${H}/diff?from=${at('rolled back', 'Namespace').resourceVersion}&to=${at('namespace deleted', 'Namespace').resourceVersion}&kinds=Namespace`);
  expect(gone.removed.map((o: { metadata: { name: string } }) => o.metadata.name)).toEqual(['story']);

  // The Deployment's timeline: created by the admin's apply, scaled, its image changed and back, and gone.
  const timeline = await get(`${H}/timeline?kind=Deployment&namespace=story&name=web`);
  const types = timeline.versions.map((v: { type: string }) => v.type);
  expect(types[0]).toBe('DeploymentCreated');
  expect(types).toContain('DeploymentScaled');
  expect(timeline.versions[timeline.versions.length - 1].deleted).toBe(true);
  const created = timeline.versions[0];
  expect(created.actor).toBe('alice');
  expect(created.userAgent).toMatch(/^kubectl/);
  const imageChanges = timeline.versions
    .filter((v: { type: string }) => v.type === 'DeploymentUpdated')
    .flatMap((v: { fields: { path: string; old?: unknown; new?: unknown }[] }) => v.fields)
    .filter((f: { path: string }) => f.path === 'spec.template.spec.containers[0].image');
  expect(imageChanges.map((f: { new?: unknown }) => f.new)).toEqual(['chronokube/does-not-exist:bad', 'chronokube/busybox:latest']);
  const scaledVersion = timeline.versions.find((v: { type: string }) => v.type === 'DeploymentScaled');
  expect(scaledVersion.object.spec.replicas).toBe(5);

  // Why does a pod of the scaled step exist? Up to the admin's kubectl scale.
  const newPod = pods.added[0];
  const why = await get(`${H}/why?kind=Pod&namespace=story&name=${newPod.metadata.name}&at=${at('scaled', 'Pod').resourceVersion}`);
  expect(why.rootKind).toBe('request');
  expect(why.root.actor).toBe('alice');
  expect(why.root.type).toBe('DeploymentScaled');
  // The deployment controller scales the ReplicaSet and updates its desired-replicas annotation in one write (an Update, as on kube).
  const chainTypes = why.chain.map((e: { type: string }) => e.type);
  expect(chainTypes).toEqual(expect.arrayContaining(['PodCreated', 'DeploymentScaled']));
  expect(chainTypes.some((t: string) => t.startsWith('ReplicaSet'))).toBe(true);
  expect(why.chain[why.chain.length - 1].id).toBe(why.root.id);
  const inTree = JSON.stringify(why.tree);
  expect(inTree).toContain('PodBound');

  // Every event of the story reaches a user's request or a node's own observation.
  const causality = await get(`${H}/causality`);
  expect(causality.broken).toEqual([]);
  expect(causality.share).toBe(1);
}, 240_000);
