/**
 * Rejected requests, through kubectl and raw HTTPS: each answers a proper
 * Kubernetes Status and appends nothing to the log.
 */
import { useTestCluster } from './testing/test-cluster';

const clusterOf = useTestCluster();

beforeAll(async () => {
  const r = await clusterOf().kubectl(['apply', '-f', '-'], {
    input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: base\n  namespace: default\ndata:\n  a: "1"\n',
  });
  if (r.code !== 0) throw new Error(r.stderr);
}, 60_000);


/** Runs `act` and checks the log did not grow. */
async function appendsNothing<T>(act: () => Promise<T>): Promise<T> {
  const before = await clusterOf().eventCount();
  const result = await act();
  expect(await clusterOf().eventCount()).toBe(before);
  return result;
}

const POD = (name: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: main
    image: busybox:1.36
${extra}`;

describe('rejected requests', () => {
  it('an invalid manifest is 422 Invalid with causes, via kubectl', async () => {
    const r = await appendsNothing(() => clusterOf().kubectl(['apply', '-f', '-'], { input: POD('ok-name', '    ports:\n    - containerPort: 70000\n') }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The Pod "ok-name" is invalid');
    expect(r.stderr).toContain('spec.containers[0].ports[0].containerPort');
  });

  it('a bad name is 422 with the DNS-1123 message', async () => {
    const r = await appendsNothing(() => clusterOf().kubectl(['apply', '-f', '-'], { input: POD('Bad_Name') }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of');
    const raw = await appendsNothing(() =>
      clusterOf().request('POST', '/api/v1/namespaces/default/pods', { body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'Bad_Name' }, spec: { containers: [{ name: 'c', image: 'i' }] } }), contentType: 'application/json' }),
    );
    expect(raw.status).toBe(422);
    expect(raw.json).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Invalid', code: 422, details: { name: 'Bad_Name', kind: 'Pod' } });
    expect(raw.json.details.causes[0]).toMatchObject({ reason: 'FieldValueInvalid', field: 'metadata.name' });
  });

  it('an unknown kind is refused by kubectl from discovery', async () => {
    const r = await appendsNothing(() => clusterOf().kubectl(['apply', '-f', '-'], { input: 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n' }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no matches for kind "Widget" in version "example.com/v1"');
    const raw = await clusterOf().request('GET', '/apis/example.com/v1/widgets');
    expect(raw.status).toBe(404);
    expect(raw.json).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404 });
  });

  it('a stale update is 409 Conflict', async () => {
    const current = (await clusterOf().request('GET', '/api/v1/namespaces/default/configmaps/base')).json;
    const first = await clusterOf().request('PUT', '/api/v1/namespaces/default/configmaps/base', { body: JSON.stringify({ ...current, data: { a: '2' } }), contentType: 'application/json' });
    expect(first.status).toBe(200);
    const stale = await appendsNothing(() =>
      clusterOf().request('PUT', '/api/v1/namespaces/default/configmaps/base', { body: JSON.stringify({ ...current, data: { a: '3' } }), contentType: 'application/json' }),
    );
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ reason: 'Conflict', code: 409, details: { name: 'base', kind: 'configmaps' } });
    expect(stale.json.message).toBe('Operation cannot be fulfilled on configmaps "base": the object has been modified; please apply your changes to the latest version and try again');
  });

  it('concurrent creates of one name: exactly one wins, the others are 409 AlreadyExists', async () => {
    const body = JSON.stringify({ metadata: { name: 'raced' }, data: { a: '1' } });
    const all = await Promise.all(Array.from({ length: 6 }, () => clusterOf().request('POST', '/api/v1/namespaces/default/configmaps', { body, contentType: 'application/json' })));
    expect(all.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of all.filter((x) => x.status !== 201)) expect(r.json).toMatchObject({ reason: 'AlreadyExists', code: 409, message: 'configmaps "raced" already exists' });
    expect((await clusterOf().readStream('configmap-default.raced')).map((e) => e.type)).toEqual(['ConfigMapCreated']);
  });

  it('no token is 401, a bad token too', async () => {
    const none = await appendsNothing(() => clusterOf().request('POST', '/api/v1/namespaces/default/configmaps', { user: null, body: '{"metadata":{"name":"x"}}', contentType: 'application/json' }));
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
    const health = await clusterOf().request('GET', '/healthz', { user: null });
    expect(health.status).toBe(200);
  });

  it('a viewer may read but not write (403)', async () => {
    const read = await clusterOf().kubectl(['get', 'configmap', 'base'], { user: 'viewer' });
    expect(read.code).toBe(0);
    const r = await appendsNothing(() => clusterOf().kubectl(['label', 'configmap', 'base', 'x=y'], { user: 'viewer' }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('configmaps "base" is forbidden: User "victor" cannot patch resource "configmaps" in API group "" in the namespace "default"');
  });

  it('an editor may write namespaced objects but not nodes', async () => {
    const ok = await clusterOf().kubectl(['label', 'configmap', 'base', 'edited=yes'], { user: 'editor' });
    expect(ok.code).toBe(0);
    const node = await appendsNothing(() => clusterOf().kubectl(['apply', '-f', '-'], { user: 'editor', input: 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n9\n' }));
    expect(node.code).toBe(1);
    expect(node.stderr).toContain('is forbidden: User "eddie" cannot');
  });

  it('a node may write only its own Node and its pods status', async () => {
    const own = await clusterOf().request('POST', '/api/v1/nodes', { user: 'node1', body: JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node1' } }), contentType: 'application/json' });
    expect(own.status).toBe(201);
    const other = await appendsNothing(() => clusterOf().request('PATCH', '/api/v1/nodes/node1x/status', { user: 'node1', body: '{}', contentType: 'application/merge-patch+json' }));
    expect(other.status).toBe(403);
    const cm = await appendsNothing(() => clusterOf().request('DELETE', '/api/v1/namespaces/default/configmaps/base', { user: 'node1' }));
    expect(cm.status).toBe(403);
  });

  it('garbage JSON is 400 BadRequest', async () => {
    const r = await appendsNothing(() => clusterOf().request('POST', '/api/v1/namespaces/default/configmaps', { body: '{"metadata": {"name": "x"', contentType: 'application/json' }));
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'BadRequest', code: 400 });
    const patch = await appendsNothing(() => clusterOf().request('PATCH', '/api/v1/namespaces/default/configmaps/base', { body: 'not json', contentType: 'application/merge-patch+json' }));
    expect(patch.status).toBe(400);
  });

  it('an unsupported patch type is 415', async () => {
    const r = await appendsNothing(() => clusterOf().request('PATCH', '/api/v1/namespaces/default/configmaps/base', { body: '{}', contentType: 'text/plain' }));
    expect(r.status).toBe(415);
    expect(r.json).toMatchObject({ reason: 'UnsupportedMediaType', code: 415 });
  });

  it('a 10 MiB body is 413', async () => {
    const big = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { blob: 'x'.repeat(10 * 1024 * 1024) } });
    const r = await appendsNothing(() => clusterOf().request('POST', '/api/v1/namespaces/default/configmaps', { body: big, contentType: 'application/json' }));
    expect(r.status).toBe(413);
    expect(r.json).toMatchObject({ kind: 'Status', reason: 'RequestEntityTooLarge', code: 413 });
  });

  it('a strict unknown field is 400 and appends nothing', async () => {
    const r = await appendsNothing(() => clusterOf().kubectl(['apply', '-f', '-'], { input: POD('typo', '    imagee: nope\n') }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown field "spec.containers[0].imagee"');
  });

  it('creating in a missing namespace is 404', async () => {
    const r = await appendsNothing(() => clusterOf().request('POST', '/api/v1/namespaces/nope/configmaps', { body: '{"metadata":{"name":"x"}}', contentType: 'application/json' }));
    expect(r.status).toBe(404);
    expect(r.json.message).toBe('namespaces "nope" not found');
  });

  it('malformed list parameters are 400', async () => {
    const r = await clusterOf().request('GET', '/api/v1/namespaces/default/configmaps?resourceVersionMatch=Exact');
    expect(r.status).toBe(422);
    expect(r.json.message).toBe('ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided');
    const del = await clusterOf().request('DELETE', '/api/v1/namespaces/default/configmaps/base/status');
    expect(del.status).toBe(404);
    const post = await clusterOf().request('POST', '/api/v1/namespaces/default/configmaps/base', { body: '{}', contentType: 'application/json' });
    expect(post.status).toBe(405);
    expect(post.json).toMatchObject({ kind: 'Status', reason: 'MethodNotAllowed', code: 405 });
    const bad = await clusterOf().request('GET', '/api/v1/configmaps?resourceVersion=abc');
    expect(bad.status).toBe(400);
  });
});
