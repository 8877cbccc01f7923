/**
 * The kubelet's container lifecycle Events on a real Docker engine, as
 * `kubectl describe pod` shows them on Kubernetes: Pulled, Created,
 * Started for a pod that runs; BackOff for one that keeps crashing;
 * Failed for an image that cannot be pulled. Each is caused by the pod's
 * binding (or the status it follows), so `why` of a started container
 * reaches the user's request.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import { nodeToken } from '@chronokube/core';
import { causeChains, describeBroken, type LoggedEvent } from '../../../api/src/testing/cause-chains';
import { kubectlOk, useTestCluster } from '../../../api/src/testing/test-cluster';
import { until } from '../../../api/src/testing/until';
import { KubeClient } from '../kube-client/kube-client';
import { loadKubeconfig } from '../kube-client/kubeconfig';
import { nodeSecretHmac } from '../node-secret-hmac';
import { LABEL_NODE } from './container-spec';
import { DockerRuntime } from './docker-runtime';
import { DEFAULT_KUBELET, Kubelet } from './kubelet';

const clusterOf = useTestCluster();
const ok = (args: string[], input?: string): Promise<string> => kubectlOk(clusterOf(), args, input);
const NODE = `events-${process.pid}`;
let client: KubeClient;
let kubelet: Kubelet;

const manifest = (name: string, spec: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  nodeName: ${NODE}\n${spec}`;

/** The Events section of `kubectl describe pod`, once it holds every pattern. */
async function describedEvents(pod: string, patterns: RegExp[]): Promise<string> {
  return until(async () => {
    const out = await ok(['describe', 'pod', pod]);
    const events = out.slice(out.indexOf('\nEvents:'));
    return patterns.every((p) => p.test(events)) ? events : undefined;
  }, `the events of ${pod}: ${patterns.join(', ')}`, 600);
}

beforeAll(async () => {
  execFileSync('bash', [path.resolve(__dirname, '../../../../scripts/docker-host.sh')], { stdio: 'inherit' });
  const nodeSecret = fs.readFileSync(path.join(clusterOf().dir, 'node-secret'), 'utf8').trim();
  const admin = loadKubeconfig(clusterOf().kubeconfigFor('admin'));
  client = new KubeClient({ ...admin, token: nodeToken(nodeSecretHmac(nodeSecret), NODE) });
  kubelet = new Kubelet(client, new DockerRuntime(), {
    ...DEFAULT_KUBELET,
    name: NODE,
    syncIntervalMs: 200,
    leaseIntervalMs: 1000,
    backoff: { baseMs: 300, maxMs: 1200, resetAfterMs: 60_000 },
    nodeSecret,
    log: (line) => process.stderr.write(`kubelet: ${line}\n`),
  });
  await kubelet.start();
}, 120_000);

afterAll(async () => {
  await kubelet?.stop();
  client?.close();
  const ids = execFileSync('docker', ['ps', '-aq', '--filter', `label=${LABEL_NODE}=${NODE}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  if (ids.length) execFileSync('docker', ['rm', '-f', ...ids]);
});

it('shows Pulled, Created and Started for a pod that runs, about its container, caused by its binding', async () => {
  await ok(['apply', '-f', '-'], manifest('calm', '  terminationGracePeriodSeconds: 1\n  containers:\n  - name: main\n    image: chronokube/busybox:latest\n    imagePullPolicy: IfNotPresent\n    command: ["sleep", "3600"]\n'));
  const events = await describedEvents('calm', [/Started/]);
  expect(events).toMatch(/Normal\s+Pulled\s+.*kubelet.*Container image "chronokube\/busybox:latest" already present on machine/);
  expect(events).toMatch(/Normal\s+Created\s+.*kubelet.*Created container: main/);
  expect(events).toMatch(/Normal\s+Started\s+.*kubelet.*Started container main/);

  const list = JSON.parse(await ok(['get', 'events', '--field-selector', 'involvedObject.name=calm', '-o', 'json'])).items as {
    metadata: { name: string }; reason: string; source: { component: string; host?: string }; involvedObject: { kind: string; fieldPath?: string };
  }[];
  const started = list.find((e) => e.reason === 'Started')!;
  expect(started.source).toEqual({ component: 'kubelet', host: NODE });
  expect(started.involvedObject).toMatchObject({ kind: 'Pod', fieldPath: 'spec.containers{main}' });

  // In the log: the Started Event was written by the node and names the pod's binding as its cause.
  const es = EventStoreDBClient.connectionString(clusterOf().eventstoreUrl);
  const read = async (stream: string) => {
    const out: { id: string; type: string; metadata: Record<string, unknown> }[] = [];
    for await (const r of es.readStream(stream, { fromRevision: START, direction: FORWARDS, maxCount: 1000 })) {
      if (r.event) out.push({ id: r.event.id, type: r.event.type, metadata: r.event.metadata as Record<string, unknown> });
    }
    return out;
  };
  try {
    const [event] = await read(`event-default.${started.metadata.name}`);
    const pod = await read('pod-default.calm');
    const bound = pod.find((e) => e.type === 'PodBound') ?? pod.find((e) => e.type === 'PodCreated')!;
    expect(event.metadata.actor).toBe(`system:node:${NODE}`);
    expect(event.metadata.causationId).toBe(bound.id);
    expect(event.metadata.correlationId).toBe(pod[0].metadata.correlationId);
  } finally {
    await es.dispose();
  }
});

it('shows BackOff for a container that keeps crashing', async () => {
  await ok(['apply', '-f', '-'], manifest('crashy', '  containers:\n  - name: c\n    image: chronokube/busybox:latest\n    imagePullPolicy: Never\n    command: ["sh", "-c", "exit 1"]\n'));
  const events = await describedEvents('crashy', [/BackOff/]);
  expect(events).toMatch(/Warning\s+BackOff\s+.*kubelet.*Back-off restarting failed container c in pod crashy_default\(/);
  expect(events).toMatch(/Started container c/);
});

it('shows Failed with ErrImagePull and ImagePullBackOff for an image that cannot be pulled', async () => {
  await ok(['apply', '-f', '-'], manifest('nopull', '  containers:\n  - name: c\n    image: chronokube/not-there:1\n    command: ["true"]\n'));
  const events = await describedEvents('nopull', [/Error: ImagePullBackOff/]);
  expect(events).toMatch(/Normal\s+Pulling\s+.*Pulling image "chronokube\/not-there:1"/);
  expect(events).toMatch(/Warning\s+Failed\s+.*Failed to pull image "chronokube\/not-there:1"/);
  expect(events).toMatch(/Warning\s+Failed\s+.*Error: ErrImagePull/);
  expect(events).toMatch(/Normal\s+BackOff\s+.*Back-off pulling image "chronokube\/not-there:1"/);
});

it('stops a deleted pod with Killing, and every write of this Docker node has an unbroken cause chain', async () => {
  await ok(['delete', 'pod', 'calm', '--wait=true']);
  const es = EventStoreDBClient.connectionString(clusterOf().eventstoreUrl);
  const log: LoggedEvent[] = [];
  try {
    for await (const r of es.readAll({ fromPosition: START, direction: FORWARDS, maxCount: Number.MAX_SAFE_INTEGER })) {
      const e = r.event;
      if (e && !e.type.startsWith('$')) log.push({ id: e.id, type: e.type, stream: e.streamId, position: Number(e.position?.commit ?? 0), data: e.data, metadata: e.metadata as LoggedEvent['metadata'] });
    }
  } finally {
    await es.dispose();
  }
  const killing = log.find((e) => e.type === 'EventCreated' && (e.data as { object?: { reason?: string; involvedObject?: { name?: string } } }).object?.reason === 'Killing');
  expect((killing?.data as { object: { message: string } } | undefined)?.object.message).toBe('Stopping container main');
  const deleted = log.find((e) => e.type === 'PodDeleted' && e.stream === 'pod-default.calm')!;
  expect(deleted.metadata?.actor).toBe(`system:node:${NODE}`);
  expect(log.find((e) => e.id === deleted.metadata?.causationId)?.type).toBe('PodDeletionRequested');
  const report = causeChains(log);
  if (report.share !== 1) process.stderr.write(`${describeBroken(report)}\n`);
  expect(report.broken.map((b) => `${b.event.type} ${b.event.stream}: ${b.why}`)).toEqual([]);
});
