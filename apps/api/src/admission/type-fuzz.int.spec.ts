/**
 * Type fuzz: for every kind the API serves, every field of its published
 * schema gets a wrongly-typed value, by create, update, json / merge /
 * strategic patch and server-side apply. Every answer is a 4xx (or a 2xx where the value is acceptable),
 * nothing wrongly-typed is ever stored, and the server stays healthy,
 * including after a restart over the same log.
 */
import fc from 'fast-check';
import { RESOURCES, apiVersionOf, typeMismatch, type ResourceInfo } from '@chronokube/core';
import { startInProcess, type InProcess } from '../testing/in-process';
import { pathText, schemaPaths, withValueAt, type SchemaPath } from '../testing/schema-paths';

let h: InProcess;
let serial = 0;

beforeAll(async () => {
  h = await startInProcess();
});

afterAll(async () => {
  await h?.stop();
});

const SERVED = RESOURCES.filter((r) => schemaPaths(r.kind).length > 0);

function collectionPath(r: ResourceInfo, namespace = 'default'): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  return r.namespaced ? `${base}/namespaces/${namespace}/${r.plural}` : `${base}/${r.plural}`;
}

/** A valid object of each kind, with a fresh name. */
function baseObject(r: ResourceInfo): Record<string, unknown> {
  const name = `fz-${r.kind.toLowerCase()}-${++serial}`;
  const head = { apiVersion: apiVersionOf(r), kind: r.kind, metadata: { name, labels: { fuzz: 'yes' } } };
  const podSpec = { containers: [{ name: 'c', image: 'busybox' }], nodeSelector: { fuzz: 'nowhere' } };
  const template = { metadata: { labels: { app: name } }, spec: podSpec };
  switch (r.kind) {
    case 'Pod': return { ...head, spec: podSpec };
    case 'Service': return { ...head, spec: { selector: { app: name }, ports: [{ port: 80 }] } };
    case 'Deployment':
    case 'ReplicaSet': return { ...head, spec: { replicas: 0, selector: { matchLabels: { app: name } }, template } };
    case 'Event': return { ...head, involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' }, reason: 'Fuzz', message: 'fuzz', type: 'Normal' };
    case 'ConfigMap': return { ...head, data: { a: 'b' } };
    default: return head;
  }
}

/** A value of another JSON type than the schema wants (intOrString and quantity refuse bools and objects). */
function wrongFor(expected: SchemaPath['expected']): fc.Arbitrary<unknown> {
  const str = fc.string({ maxLength: 8 });
  const num = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
  const list = fc.array(fc.oneof(str, fc.integer()), { minLength: 1, maxLength: 2 });
  const obj = fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), str, { minKeys: 1, maxKeys: 2 });
  switch (expected) {
    case 'string': return fc.oneof(num, fc.boolean(), list, obj);
    case 'integer': return fc.oneof(str, fc.boolean(), list, obj, fc.double({ min: 0.1, max: 0.9, noNaN: true }), fc.constant(2 ** 40));
    case 'number': return fc.oneof(str, fc.boolean(), list, obj);
    case 'boolean': return fc.oneof(str, num, list, obj);
    case 'array': return fc.oneof(str, num, fc.boolean(), obj);
    case 'object': return fc.oneof(str, num, fc.boolean(), list);
    case 'intOrString':
    case 'quantity': return fc.oneof(fc.boolean(), list, obj);
    case 'opaque': return fc.oneof(str, num, fc.boolean(), list, obj);
  }
}

/** The one deterministic wrong value per expected type, for the pass over every field. */
const FIRST_WRONG: Record<SchemaPath['expected'], unknown> = {
  string: 12, integer: 'twelve', number: 'twelve', boolean: 'yes', array: 'a,b', object: 'a=b', intOrString: true, quantity: true, opaque: 'x',
};

async function send(method: string, path: string, body: unknown, contentType = 'application/json'): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return h.call(method, path, typeof body === 'string' ? body : JSON.stringify(body), contentType);
}

/** A write's answer is never a 5xx, and a 2xx never stores a wrongly-typed object. */
function judge(kind: string, where: string, r: { status: number; body: unknown }): void {
  const ok = (r.status >= 200 && r.status < 300) || (r.status >= 400 && r.status < 500);
  if (!ok) throw new Error(`${kind} ${where}: ${r.status} ${JSON.stringify(r.body).slice(0, 400)}`);
  if (r.status < 300) {
    const wrong = typeMismatch(kind, r.body);
    if (wrong) throw new Error(`${kind} ${where}: stored a wrongly-typed object: ${wrong.message}`);
  }
}

async function healthy(): Promise<void> {
  expect((await fetch(`${h.api.url}/readyz`)).status).toBe(200);
  expect((await send('POST', collectionPath(RESOURCES.find((r) => r.kind === 'ConfigMap')!), { metadata: { name: `healthy-${++serial}` } })).status).toBe(201);
}

/** Runs `jobs` a few at a time (the server is in this process; a little parallelism hides the round trips). */
async function inBatches<T>(items: T[], size: number, job: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(job));
}

it('refuses a wrongly-typed value in every field of every kind on create', async () => {
  for (const r of SERVED) {
    const paths = schemaPaths(r.kind).filter((p) => !(p.steps.length === 1 && 'field' in p.steps[0] && ['apiVersion', 'kind'].includes(p.steps[0].field)));
    await inBatches(paths, 8, async (p) => {
      const body = withValueAt(baseObject(r), p.steps, FIRST_WRONG[p.expected]);
      const res = await send('POST', collectionPath(r), body);
      judge(r.kind, `create ${pathText(p.steps)}`, res);
      // Every field here has the wrong type; only opaque fields may take anything.
      if (p.expected !== 'opaque') expect({ kind: r.kind, path: pathText(p.steps), status: res.status }).toEqual({ kind: r.kind, path: pathText(p.steps), status: 400 });
    });
  }
  await healthy();
});

it('answers random wrongly-typed values by create, update, patches and apply with 4xx or an acceptable 2xx, also after a restart', async () => {
  const targets = SERVED.flatMap((r) => schemaPaths(r.kind).map((p) => ({ r, p })));
  const existing = new Map<ResourceInfo, string>();
  for (const r of SERVED) {
    const base = baseObject(r);
    const created = await send('POST', collectionPath(r), base);
    expect(created.status).toBe(201);
    existing.set(r, (base.metadata as { name: string }).name);
  }
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: targets.length - 1 }).chain((i) => fc.tuple(fc.constant(targets[i]), wrongFor(targets[i].p.expected), fc.constantFrom('create', 'update', 'merge', 'strategic', 'json', 'apply'))),
      async ([{ r, p }, value, how]) => {
        const where = `${how} ${pathText(p.steps)} = ${JSON.stringify(value)}`;
        if (how === 'create') return judge(r.kind, where, await send('POST', collectionPath(r), withValueAt(baseObject(r), p.steps, value)));
        const name = existing.get(r)!;
        const url = `${collectionPath(r)}/${name}`;
        if (how === 'update') {
          const current = await send('GET', url, undefined);
          return judge(r.kind, where, await send('PUT', url, withValueAt(current.body, p.steps, value)));
        }
        if (how === 'merge') return judge(r.kind, where, await send('PATCH', url, withValueAt({}, p.steps, value), 'application/merge-patch+json'));
        if (how === 'strategic') return judge(r.kind, where, await send('PATCH', url, withValueAt({}, p.steps, value), 'application/strategic-merge-patch+json'));
        if (how === 'json') {
          // Replace the top-level field with a version of it carrying the wrong value deeper down.
          const top = (p.steps[0] as { field: string }).field;
          const whole = withValueAt({}, p.steps, value)[top];
          return judge(r.kind, where, await send('PATCH', url, [{ op: 'add', path: `/${top}`, value: whole }], 'application/json-patch+json'));
        }
        const config = withValueAt({ apiVersion: apiVersionOf(r), kind: r.kind, metadata: { name } }, p.steps, value);
        judge(r.kind, where, await send('PATCH', `${url}?fieldManager=fuzz&force=true`, config, 'application/apply-patch+yaml'));
      },
    ),
    { numRuns: 400, seed: 11 },
  );
  await healthy();
  await h.restartApi();
  await healthy();
  // Nothing wrongly-typed made it into the log: every object still decodes, as kube's storage would.
  for (const r of SERVED) {
    const list = await send('GET', collectionPath(r).replace('/namespaces/default', ''), undefined);
    expect(list.status).toBe(200);
    for (const item of list.body.items) expect({ kind: r.kind, name: item.metadata.name, wrong: typeMismatch(r.kind, item)?.message }).toEqual({ kind: r.kind, name: item.metadata.name, wrong: undefined });
  }
});
