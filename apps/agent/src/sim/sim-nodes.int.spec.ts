/**
 * Simulated nodes against a real `chronokube server`: they register Ready
 * with Leases, run the pods bound to them, finalize graceful deletions, and
 * a silenced node stops renewing its Lease; a Ready the node controller
 * took away while ContainersReady held is set back, as a kubelet would.
 */
import { useTestCluster } from '../../../api/src/testing/test-cluster';
import { until } from '../../../api/src/testing/until';
import { KubeClient } from '../kube-client/kube-client';
import { loadKubeconfig } from '../kube-client/kubeconfig';
import { SimNodes } from './sim-nodes';
import { DEFAULT_SIM } from './sim-options';

const clusterOf = useTestCluster();
let sim: SimNodes;
let client: KubeClient;

beforeAll(async () => {
  client = new KubeClient(loadKubeconfig(clusterOf().kubeconfigFor('admin')));
  sim = new SimNodes(client, { ...DEFAULT_SIM, count: 3, prefix: 'simtest-', readyDelayMs: 50, leaseIntervalMs: 300 });
  await sim.start();
}, 60_000);

afterAll(async () => {
  await sim?.stop();
  client?.close();
});

it('registers Ready nodes with capacity and fresh leases', async () => {
  const nodes = await client.get('/api/v1/nodes?labelSelector=type%3Dchronokube-sim');
  expect(nodes.items.map((n: { metadata: { name: string } }) => n.metadata.name)).toEqual(['simtest-0', 'simtest-1', 'simtest-2']);
  const n0 = nodes.items[0];
  expect(n0.status.allocatable).toEqual({ cpu: '4', memory: '8Gi', pods: '110' });
  expect(n0.status.conditions.find((c: { type: string }) => c.type === 'Ready').status).toBe('True');
  const lease = await client.get('/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/simtest-0');
  const first = lease.spec.renewTime;
  await until(async () => {
    const again = await client.get('/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/simtest-0');
    return again.spec.renewTime !== first ? true : undefined;
  }, 'a lease renewal');
});

it('runs a pod the scheduler binds to it, and finalizes its graceful deletion', async () => {
  await client.request('POST', '/api/v1/namespaces/default/pods', {
    metadata: { name: 'simpod' },
    spec: { nodeSelector: { 'kubernetes.io/hostname': 'simtest-2' }, containers: [{ name: 'c', image: 'busybox:1.36' }] },
  });
  const running = await until(async () => {
    const pod = await client.get('/api/v1/namespaces/default/pods/simpod');
    return pod.status.phase === 'Running' ? pod : undefined;
  }, 'the pod to run');
  expect(running.spec.nodeName).toBe('simtest-2');
  expect(running.status.podIP).toMatch(/^10\.\d+\.\d+\.\d+$/);
  expect(running.status.containerStatuses[0]).toMatchObject({ name: 'c', ready: true, state: { running: {} } });
  expect(running.status.conditions.find((c: { type: string }) => c.type === 'Ready').status).toBe('True');
  const deleting = await client.request('DELETE', '/api/v1/namespaces/default/pods/simpod');
  expect(deleting.metadata.deletionTimestamp).toBeDefined();
  await until(async () => {
    try {
      await client.get('/api/v1/namespaces/default/pods/simpod');
      return undefined;
    } catch {
      return true;
    }
  }, 'the pod to be gone');
});

it('sets Ready back when the API holds it False while its containers are ready, and leaves a container failure alone', async () => {
  const make = async (name: string) => {
    await client.request('POST', '/api/v1/namespaces/default/pods', {
      metadata: { name },
      spec: { nodeSelector: { 'kubernetes.io/hostname': 'simtest-0' }, containers: [{ name: 'c', image: 'busybox:1.36' }] },
    });
    return until(async () => {
      const pod = await client.get(`/api/v1/namespaces/default/pods/${name}`);
      return pod.status.phase === 'Running' ? pod : undefined;
    }, `${name} to run`);
  };
  const setFalse = async (pod: { metadata: { name: string }; status: { conditions: { type: string; status: string }[] } }, types: string[]) => {
    const conditions = pod.status.conditions.map((c) => (types.includes(c.type) ? { ...c, status: 'False' } : c));
    await client.request('PATCH', `/api/v1/namespaces/default/pods/${pod.metadata.name}/status`, { status: { conditions } }, 'application/merge-patch+json');
  };
  const readyOf = async (name: string) => (await client.get(`/api/v1/namespaces/default/pods/${name}`)).status.conditions.find((c: { type: string }) => c.type === 'Ready').status;
  const marked = await make('marked');
  const failing = await make('failing');
  // As the node controller's MarkPodsNotReady does: Ready only.
  await setFalse(marked, ['Ready']);
  // As a failing readiness probe would: the containers are not ready either.
  await setFalse(failing, ['Ready', 'ContainersReady']);
  expect(await readyOf('marked')).toBe('False');
  await until(async () => ((await readyOf('marked')) === 'True' ? true : undefined), 'Ready to be set back');
  expect(await readyOf('failing')).toBe('False');
});

it('stops renewing the lease of a silenced node', async () => {
  sim.silence('simtest-1');
  await new Promise((r) => setTimeout(r, 400));
  const before = (await client.get('/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/simtest-1')).spec.renewTime;
  await new Promise((r) => setTimeout(r, 900));
  const after = (await client.get('/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/simtest-1')).spec.renewTime;
  expect(after).toBe(before);
  const other = (await client.get('/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/simtest-0')).spec.renewTime;
  expect(other > before).toBe(true);
});
