/**
 * NodeRestriction over real HTTP: a node credential creates and updates
 * only its own Node and its own Lease in kube-node-lease; anything else is
 * kube's 403, worded as the NodeRestriction admission words it, and
 * appends nothing.
 */
import { startInProcess, type InProcess } from '../testing/in-process';

const NODE_TOKEN = 'node-restriction-n1';
let h: InProcess;

beforeAll(async () => {
  h = await startInProcess({ apiOnly: true });
  h.api.context.config.tokens.set(NODE_TOKEN, { name: 'system:node:n1', uid: 'uid-n1', groups: ['system:nodes'] });
});

afterAll(async () => {
  await h?.stop();
});

async function asNode(method: string, path: string, body: unknown, contentType = 'application/json'): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(h.api.url + path, {
    method, headers: { Authorization: `Bearer ${NODE_TOKEN}`, 'Content-Type': contentType }, body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const lease = (name: string, namespace = 'kube-node-lease'): unknown => ({
  apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace }, spec: { holderIdentity: name, leaseDurationSeconds: 40 },
});

it('lets a node write only its own Node and Lease', async () => {
  expect((await h.call('GET', '/api/v1/namespaces/kube-node-lease')).status).toBe(200);
  expect((await asNode('POST', '/api/v1/nodes', { metadata: { name: 'n1' } })).status).toBe(201);
  expect((await h.call('POST', '/api/v1/nodes', { metadata: { name: 'n2' } })).status).toBe(201);

  const other = await asNode('POST', '/api/v1/nodes', { metadata: { name: 'n3' } });
  expect(other.status).toBe(403);
  expect(other.body.reason).toBe('Forbidden');
  expect(other.body.message).toBe('nodes "n3" is forbidden: node "n1" is not allowed to modify node "n3"');
  expect((await h.call('GET', '/api/v1/nodes/n3')).status).toBe(404);

  const relabel = await asNode('PATCH', '/api/v1/nodes/n2', { metadata: { labels: { owned: 'by-n1' } } }, 'application/merge-patch+json');
  expect(relabel.status).toBe(403);
  expect(relabel.body.message).toBe('nodes "n2" is forbidden: node "n1" is not allowed to modify node "n2"');
  expect((await h.call('GET', '/api/v1/nodes/n2')).body.metadata.labels?.owned).toBeUndefined();
  expect((await asNode('PATCH', '/api/v1/nodes/n1', { metadata: { labels: { mine: 'yes' } } }, 'application/merge-patch+json')).status).toBe(200);

  expect((await asNode('POST', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases', lease('n1'))).status).toBe(201);
  const otherLease = await asNode('POST', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases', lease('n2'));
  expect(otherLease.status).toBe(403);
  expect(otherLease.body.message).toBe('leases.coordination.k8s.io "n2" is forbidden: can only access node lease with the same name as the requesting node');
  expect((await h.call('GET', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n2')).status).toBe(404);
  const elsewhere = await asNode('POST', '/apis/coordination.k8s.io/v1/namespaces/default/leases', lease('n1', 'default'));
  expect(elsewhere.status).toBe(403);
  expect(elsewhere.body.message).toMatch(/^leases.coordination.k8s.io is forbidden: /);

  expect((await h.call('POST', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases', lease('n2'))).status).toBe(201);
  const renewOther = await asNode('PUT', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n2', lease('n2'));
  expect(renewOther.status).toBe(403);
  expect(renewOther.body.message).toBe('leases.coordination.k8s.io "n2" is forbidden: can only access node lease with the same name as the requesting node');
});
