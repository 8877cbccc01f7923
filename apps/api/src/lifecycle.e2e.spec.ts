/**
 * Object lifecycles through kubectl and the raw API: cascading deletion
 * through ownerReferences, namespace deletion, binding, graceful pod
 * deletion, subresources, paging, bookmarks and server-side printing of
 * the remaining kinds.
 */
import { kubectlOk, useTestCluster } from './testing/test-cluster';

const clusterOf = useTestCluster();

const ok = (args: string[], input?: string): Promise<string> => kubectlOk(clusterOf(), args, input);

const json = (body: unknown) => ({ body: JSON.stringify(body), contentType: 'application/json' });

/**
 * A ReplicaSet and `pods` pods it owns. The pods are made first, as
 * orphans matching its selector, and the ReplicaSet controller adopts
 * them (so it has nothing to create); resolves once all are adopted.
 */
async function replicaSetWithPods(ns: string, name: string, pods: number): Promise<string> {
  for (let i = 0; i < pods; i++) {
    const pod = await clusterOf().request('POST', `/api/v1/namespaces/${ns}/pods`, json({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: `${name}-${i}`, labels: { rs: name } },
      spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] },
    }));
    expect(pod.status).toBe(201);
  }
  const rs = await clusterOf().request('POST', `/apis/apps/v1/namespaces/${ns}/replicasets`, json({
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name },
    spec: { replicas: pods, selector: { matchLabels: { rs: name } }, template: { metadata: { labels: { rs: name } }, spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] } } },
  }));
  expect(rs.status).toBe(201);
  const uid = rs.json.metadata.uid;
  for (let attempt = 0; ; attempt++) {
    const list = await clusterOf().request('GET', `/api/v1/namespaces/${ns}/pods?labelSelector=rs%3D${name}`);
    const owned = list.json.items.filter((p: { metadata: { ownerReferences?: { uid: string }[] } }) => p.metadata.ownerReferences?.some((o) => o.uid === uid));
    if (owned.length === pods && list.json.items.length === pods) break;
    if (attempt > 200) throw new Error(`ReplicaSet ${name} did not adopt its ${pods} pods: ${JSON.stringify(list.json.items.map((p: { metadata: unknown }) => p.metadata))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return uid;
}

async function podNames(ns: string): Promise<string[]> {
  return (await ok(['get', 'pods', '-n', ns, '-o', 'name'])).split('\n').filter(Boolean).sort();
}

describe('deletion', () => {
  beforeAll(async () => {
    await ok(['create', 'namespace', 'gc']);
  });

  it('background cascade: dependents follow their deleted owner', async () => {
    await replicaSetWithPods('gc', 'bg', 2);
    expect(await ok(['delete', 'rs', 'bg', '-n', 'gc', '--cascade=background'])).toContain('replicaset.apps "bg" deleted');
    for (let i = 0; i < 100 && (await podNames('gc')).some((p) => p.startsWith('pod/bg-')); i++) await new Promise((r) => setTimeout(r, 50));
    expect((await podNames('gc')).filter((p) => p.startsWith('pod/bg-'))).toEqual([]);
  });

  it('foreground cascade: the owner goes after its dependents', async () => {
    await replicaSetWithPods('gc', 'fg', 2);
    // kubectl waits for the owner to disappear, which needs the dependents gone first.
    expect(await ok(['delete', 'rs', 'fg', '-n', 'gc', '--cascade=foreground'])).toContain('replicaset.apps "fg" deleted');
    expect((await podNames('gc')).filter((p) => p.startsWith('pod/fg-'))).toEqual([]);
    expect((await clusterOf().kubectl(['get', 'rs', 'fg', '-n', 'gc'])).code).toBe(1);
  });

  it('orphan cascade: dependents stay and lose the ownerReference', async () => {
    const uid = await replicaSetWithPods('gc', 'or', 2);
    expect(await ok(['delete', 'rs', 'or', '-n', 'gc', '--cascade=orphan'])).toContain('replicaset.apps "or" deleted');
    expect((await podNames('gc')).filter((p) => p.startsWith('pod/or-'))).toEqual(['pod/or-0', 'pod/or-1']);
    const pod = JSON.parse(await ok(['get', 'pod', 'or-0', '-n', 'gc', '-o', 'json']));
    expect((pod.metadata.ownerReferences ?? []).some((o: { uid: string }) => o.uid === uid)).toBe(false);
  });

  it('deleting a namespace deletes what is in it, then the namespace', async () => {
    await ok(['create', 'namespace', 'doomed']);
    await ok(['apply', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\n  namespace: doomed\n');
    await replicaSetWithPods('doomed', 'rs', 1);
    expect(await ok(['delete', 'namespace', 'doomed'])).toContain('namespace "doomed" deleted');
    const gone = await clusterOf().kubectl(['get', 'namespace', 'doomed']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('namespaces "doomed" not found');
    const left = await clusterOf().request('GET', '/api/v1/namespaces/doomed/configmaps');
    expect(left.json.items).toEqual([]);
  });

  it('a pod bound to a node waits for its grace period; grace 0 deletes it', async () => {
    await ok(['apply', '-f', '-'], 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: graceful\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n');
    const bind = await clusterOf().request('POST', '/api/v1/namespaces/default/pods/graceful/binding', json({ apiVersion: 'v1', kind: 'Binding', metadata: { name: 'graceful' }, target: { apiVersion: 'v1', kind: 'Node', name: 'node1' } }));
    expect(bind.status).toBe(201);
    expect(await ok(['get', 'pod', 'graceful', '-o', 'jsonpath={.spec.nodeName}'])).toBe('node1');
    const again = await clusterOf().request('POST', '/api/v1/namespaces/default/pods/graceful/binding', json({ target: { name: 'node2' } }));
    expect(again.status).toBe(409);
    const del = await clusterOf().request('DELETE', '/api/v1/namespaces/default/pods/graceful');
    expect(del.status).toBe(200);
    expect(del.json.metadata.deletionTimestamp).toBeDefined();
    expect(del.json.metadata.deletionGracePeriodSeconds).toBe(30);
    const listed = await ok(['get', 'pod', 'graceful']);
    expect(listed).toMatch(/^graceful\s+0\/1\s+Terminating\s+/m);
    // The node's kubelet finishes the deletion once the containers are gone.
    const fin = await clusterOf().request('DELETE', '/api/v1/namespaces/default/pods/graceful', { user: 'node1', ...json({ kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 }) });
    expect(fin.status).toBe(200);
    expect((await clusterOf().request('GET', '/api/v1/namespaces/default/pods/graceful')).status).toBe(404);
  });

  it('deletecollection deletes what the selector matches', async () => {
    for (const [name, tier] of [['dc-a', 'x'], ['dc-b', 'x'], ['dc-c', 'y']]) {
      expect((await clusterOf().request('POST', '/api/v1/namespaces/default/configmaps', json({ metadata: { name, labels: { tier } } }))).status).toBe(201);
    }
    const r = await clusterOf().request('DELETE', '/api/v1/namespaces/default/configmaps?labelSelector=tier%3Dx');
    expect(r.status).toBe(200);
    expect(r.json.items.map((i: { metadata: { name: string } }) => i.metadata.name).sort()).toEqual(['dc-a', 'dc-b']);
    const left = await ok(['get', 'configmaps', '-l', 'tier', '-o', 'name']);
    expect(left.trim()).toBe('configmap/dc-c');
  });
});

describe('subresources, paging and watches', () => {
  it('serves the scale and status subresources', async () => {
    await ok(['apply', '-f', '-'], [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: sub', 'spec:', '  replicas: 1',
      '  selector:', '    matchLabels:', '      app: sub', '  template:', '    metadata:', '      labels:', '        app: sub',
      '    spec:', '      containers:', '      - name: c', '        image: busybox:1.36', '',
    ].join('\n'));
    let scale = await clusterOf().request('GET', '/apis/apps/v1/namespaces/default/deployments/sub/scale');
    expect(scale.json).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 1 }, status: { selector: 'app=sub' } });
    // The Deployment controller writes status meanwhile: a PUT with a stale resourceVersion is a 409, so read again and retry, as clients do.
    let put = await clusterOf().request('PUT', '/apis/apps/v1/namespaces/default/deployments/sub/scale', json({ ...scale.json, spec: { replicas: 3 } }));
    for (let i = 0; put.status === 409 && i < 20; i++) {
      scale = await clusterOf().request('GET', '/apis/apps/v1/namespaces/default/deployments/sub/scale');
      put = await clusterOf().request('PUT', '/apis/apps/v1/namespaces/default/deployments/sub/scale', json({ ...scale.json, spec: { replicas: 3 } }));
    }
    expect(put.status).toBe(200);
    expect(put.json.spec.replicas).toBe(3);
    const status = await clusterOf().request('PATCH', '/apis/apps/v1/namespaces/default/deployments/sub/status', { body: JSON.stringify({ status: { replicas: 3, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 3 }, spec: { replicas: 9 } }), contentType: 'application/merge-patch+json' });
    expect(status.status).toBe(200);
    expect(status.json.spec.replicas).toBe(3);
    // What the status write said (the Deployment controller rewrites status from the pods right after).
    expect(status.json.status).toMatchObject({ readyReplicas: 2, availableReplicas: 2 });
    expect(await ok(['get', 'deploy', 'sub'])).toMatch(/^sub\s+\d\/3\s+/m);
    const log = await clusterOf().request('GET', '/api/v1/namespaces/default/pods/nope/log');
    expect(log.status).toBe(404);
  });

  it('pages a list with limit and continue, consistently', async () => {
    for (let i = 0; i < 7; i++) expect((await clusterOf().request('POST', '/api/v1/namespaces/default/configmaps', json({ metadata: { name: `page-${i}`, labels: { paged: 'yes' } } }))).status).toBe(201);
    const first = await clusterOf().request('GET', '/api/v1/namespaces/default/configmaps?labelSelector=paged&limit=3');
    expect(first.json.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['page-0', 'page-1', 'page-2']);
    expect(first.json.metadata.continue).toBeTruthy();
    // A change after the first page does not show up in later pages of the same list.
    expect((await clusterOf().request('DELETE', '/api/v1/namespaces/default/configmaps/page-5')).status).toBe(200);
    const names: string[] = first.json.items.map((i: { metadata: { name: string } }) => i.metadata.name);
    let token = first.json.metadata.continue;
    while (token) {
      const next = await clusterOf().request('GET', `/api/v1/namespaces/default/configmaps?labelSelector=paged&limit=3&continue=${encodeURIComponent(token)}`);
      expect(next.json.metadata.resourceVersion).toBe(first.json.metadata.resourceVersion);
      names.push(...next.json.items.map((i: { metadata: { name: string } }) => i.metadata.name));
      token = next.json.metadata.continue;
    }
    expect(names).toEqual(['page-0', 'page-1', 'page-2', 'page-3', 'page-4', 'page-5', 'page-6']);
    expect((await ok(['get', 'configmaps', '-l', 'paged', '--chunk-size=2', '-o', 'name'])).split('\n').filter(Boolean)).toHaveLength(6);
  });

  it('watches from a resourceVersion with bookmarks and a timeout', async () => {
    const list = await clusterOf().request('GET', '/api/v1/namespaces/default/configmaps');
    const rv = list.json.metadata.resourceVersion;
    expect((await clusterOf().request('POST', '/api/v1/namespaces/default/configmaps', json({ metadata: { name: 'w1' } }))).status).toBe(201);
    const started = Date.now();
    const watch = await clusterOf().request('GET', `/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${rv}&allowWatchBookmarks=true&timeoutSeconds=1`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const events = watch.text.trim().split('\n').map((l) => JSON.parse(l));
    expect(events[0]).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'w1' } } });
    expect(events.filter((e) => e.type === 'ADDED')).toHaveLength(1);
  });
});

describe('server-side printing', () => {
  it('prints nodes, namespaces, events and replicasets as kubectl does', async () => {
    const node = await clusterOf().request('POST', '/api/v1/nodes', { user: 'node1', ...json({
      apiVersion: 'v1', kind: 'Node', metadata: { name: 'node1', labels: { 'node-role.kubernetes.io/worker': '' } },
      status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v1.32.0-chronokube' }, addresses: [{ type: 'InternalIP', address: '127.0.0.1' }] },
    }) });
    expect(node.status).toBe(201);
    const nodes = await ok(['get', 'nodes', '-o', 'wide']);
    expect(nodes.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP\s+EXTERNAL-IP\s+OS-IMAGE\s+KERNEL-VERSION\s+CONTAINER-RUNTIME$/);
    expect(nodes).toMatch(/^node1\s+Ready\s+worker\s+\S+\s+v1\.32\.0-chronokube\s+127\.0\.0\.1\s+<none>/m);
    expect(await ok(['get', 'namespaces'])).toMatch(/^default\s+Active\s+\S+$/m);
    const ev = await clusterOf().request('POST', '/api/v1/namespaces/default/events', { user: 'node1', ...json({
      apiVersion: 'v1', kind: 'Event', metadata: { name: 'ev1' }, type: 'Warning', reason: 'BackOff', message: 'Back-off restarting',
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'p1' }, firstTimestamp: new Date().toISOString().replace(/\.\d+Z/, 'Z'), lastTimestamp: new Date().toISOString().replace(/\.\d+Z/, 'Z'), count: 2,
      source: { component: 'kubelet', host: 'node1' },
    }) });
    expect(ev.status).toBe(201);
    const events = await ok(['get', 'events']);
    expect(events.split('\n')[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(events).toMatch(/Warning\s+BackOff\s+pod\/p1\s+Back-off restarting/);
    const byObject = await ok(['get', 'events', '--field-selector', 'involvedObject.name=p1', '-o', 'name']);
    expect(byObject.trim()).toBe('event/ev1');
    await replicaSetWithPods('default', 'printed', 1);
    expect((await ok(['get', 'rs', 'printed'])).split('\n')[0]).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE$/);
  });
});
