/**
 * Wrongly-typed input is refused at the door, as kube-apiserver's typed
 * decoding refuses it, and appends nothing: create and update (400),
 * json / merge / strategic patches whose result would not decode or that
 * rewrite kind or apiVersion (422), server-side apply (400), YAML alias
 * bombs (400). fieldValidation keeps working for unknown fields.
 */
import { EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import { startInProcess, type InProcess, ADMIN_TOKEN } from '../testing/in-process';

let h: InProcess;
let client: EventStoreDBClient;

beforeAll(async () => {
  h = await startInProcess({ apiOnly: true });
  client = EventStoreDBClient.connectionString(h.api.context.config.eventstoreUrl);
});

afterAll(async () => {
  await client?.dispose();
  await h?.stop();
});

/** Events in $all that are not the store's own. */
/** Events in the cluster's streams: a refused request is audited in audit-* streams, and must add nothing else. */
async function eventCount(): Promise<number> {
  let n = 0;
  for await (const e of client.readAll({ direction: FORWARDS, fromPosition: START })) if (e.event && !e.event.type.startsWith('$') && !e.event.streamId.startsWith('audit-')) n++;
  return n;
}

const POD = (spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): Record<string, unknown> => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ...metadata }, spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec },
});

it('refuses wrongly-typed creates and updates with kube-apiserver\'s 400, appending nothing', async () => {
  const before = await eventCount();
  const cases: [string, unknown, string][] = [
    ['/api/v1/namespaces/default/pods', POD({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: 'x' } } } }),
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field NodeSelector.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms of type []v1.NodeSelectorTerm'],
    ['/api/v1/namespaces/default/pods', POD({ nodeSelector: 'a=b' }),
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field PodSpec.spec.nodeSelector of type map[string]string'],
    ['/api/v1/namespaces/default/pods', POD({}, { ownerReferences: 'x' }),
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ObjectMeta.metadata.ownerReferences of type []v1.OwnerReference'],
    ['/api/v1/namespaces/default/services', { metadata: { name: 's' }, spec: { selector: 'a=b', ports: [{ port: 80 }] } },
      'Service in version "v1" cannot be handled as a Service: json: cannot unmarshal string into Go struct field ServiceSpec.spec.selector of type map[string]string'],
    ['/apis/apps/v1/namespaces/default/deployments', { metadata: { name: 'd' }, spec: { replicas: '3' } },
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32'],
  ];
  for (const [path, body, message] of cases) {
    const r = await h.call('POST', path, body);
    expect({ path, status: r.status, reason: r.body.reason, message: r.body.message }).toEqual({ path, status: 400, reason: 'BadRequest', message });
  }
  expect((await h.call('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: 'cm' }, data: { a: '1' } })).status).toBe(201);
  const afterCreate = await eventCount();
  expect(afterCreate).toBe(before + 1);
  const put = await h.call('PUT', '/api/v1/namespaces/default/configmaps/cm', { metadata: { name: 'cm' }, data: ['x'] });
  expect(put.status).toBe(400);
  expect(put.body.message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal array into Go struct field ConfigMap.data of type map[string]string');
  expect(await eventCount()).toBe(afterCreate);
});

it('refuses patches that rewrite kind or apiVersion or leave a wrongly-typed object with 422', async () => {
  expect((await h.call('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: 'pcm' }, data: { a: '1' } })).status).toBe(201);
  const before = await eventCount();
  const url = '/api/v1/namespaces/default/configmaps/pcm';
  const patches: [string, unknown, RegExp][] = [
    ['application/json-patch+json', [{ op: 'replace', path: '/kind', value: 'Secret' }], /converting \(v1\.Secret\) to \(core\.ConfigMap\)/],
    ['application/json-patch+json', [{ op: 'replace', path: '/apiVersion', value: 'apps/v1' }], /no kind "ConfigMap" is registered for version "apps\/v1"/],
    ['application/json-patch+json', [{ op: 'replace', path: '/data', value: 'x' }], /cannot unmarshal string into Go struct field ConfigMap\.data of type map\[string\]string/],
    ['application/merge-patch+json', { kind: 'Secret' }, /converting/],
    ['application/merge-patch+json', { data: { a: 1 } }, /cannot unmarshal number into Go struct field ConfigMap\.data of type string/],
    ['application/strategic-merge-patch+json', { metadata: { labels: ['x'] } }, /cannot unmarshal array into Go struct field ObjectMeta\.metadata\.labels/],
  ];
  for (const [type, patch, message] of patches) {
    const r = await h.call('PATCH', url, patch, type);
    expect({ type, patch, status: r.status, reason: r.body.reason }).toEqual({ type, patch, status: 422, reason: 'Invalid' });
    expect(r.body.message).toMatch(/^ "" is invalid: patch: Invalid value: /);
    expect(r.body.message).toMatch(message);
    expect(r.body.details.causes[0].field).toBe('patch');
  }
  const got = await h.call('GET', url);
  expect(got.body.kind).toBe('ConfigMap');
  expect(got.body.data).toEqual({ a: '1' });
  expect(await eventCount()).toBe(before);
  // A well-typed patch still goes through.
  expect((await h.call('PATCH', url, { data: { a: '2' } }, 'application/merge-patch+json')).status).toBe(200);
});

it('refuses a wrongly-typed server-side apply with 400 and keeps fieldValidation for unknown fields', async () => {
  const before = await eventCount();
  const apply = await h.call('PATCH', '/api/v1/namespaces/default/services/applied?fieldManager=test',
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: applied\nspec:\n  selector: a=b\n  ports: [{port: 80}]\n', 'application/apply-patch+yaml');
  expect(apply.status).toBe(400);
  expect(apply.body.message).toBe('failed to create typed patch object (default/applied; /v1, Kind=Service): .spec.selector: expected map, got string');
  expect(await eventCount()).toBe(before);

  // A type error wins over unknown fields, as in kube's decoding.
  const both = await h.call('POST', '/api/v1/namespaces/default/configmaps?fieldValidation=Strict', { metadata: 'x', dataa: {} });
  expect(both.status).toBe(400);
  expect(both.body.message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal string into Go struct field ConfigMap.metadata of type v1.ObjectMeta');
  const strict = await h.call('POST', '/api/v1/namespaces/default/configmaps?fieldValidation=Strict', { metadata: { name: 'st' }, dataa: {} });
  expect(strict.status).toBe(400);
  expect(strict.body.message).toContain('strict decoding error: unknown field "dataa"');
  const warn = await fetch(`${h.api.url}/api/v1/namespaces/default/configmaps?fieldValidation=Warn`, {
    method: 'POST', headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ metadata: { name: 'wa' }, dataa: {} }),
  });
  expect(warn.status).toBe(201);
  expect(warn.headers.get('warning')).toContain('unknown field \\"dataa\\"');
  const ignore = await h.call('POST', '/api/v1/namespaces/default/configmaps?fieldValidation=Ignore', { metadata: { name: 'ig' }, dataa: {}, data: { a: 'b' } });
  expect(ignore.status).toBe(201);
});

it('refuses a YAML alias bomb with 400 and stays healthy', async () => {
  const levels = 'abcdefghi';
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: bomb}', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < levels.length; i++) lines.push(`${levels[i]}: &${levels[i]} [${Array(9).fill(`*${levels[i - 1]}`).join(',')}]`);
  const bomb = lines.join('\n') + '\n';
  const r = await h.call('POST', '/api/v1/namespaces/default/configmaps', bomb, 'application/yaml');
  expect(r.status).toBe(400);
  expect(r.body.message).toContain('excessive aliasing');
  expect((await fetch(`${h.api.url}/readyz`)).status).toBe(200);
  expect((await h.call('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: 'after-bomb' } })).status).toBe(201);
});
