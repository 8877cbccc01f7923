/**
 * No single event stops the control plane. Wrongly-typed objects, a Created
 * event without an object and a patch that does not apply are appended
 * straight to the store (as a buggy or hostile writer could); the
 * projection, the scheduler and the controllers skip them with one log line
 * and one Warning Event, keep serving everything else, and a restart over
 * the same log comes up the same way.
 */
import { EventSigner } from '../store/event-signer';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { ANY, EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { streamName } from '@chronokube/core';
import { startInProcess, type InProcess } from '../testing/in-process';
import { startApiServer } from '../server';
import { until } from '../testing/until';

let h: InProcess;
let client: EventStoreDBClient;

beforeAll(async () => {
  h = await startInProcess();
  client = EventStoreDBClient.connectionString(h.api.context.config.eventstoreUrl);
});

afterAll(async () => {
  await client?.dispose();
  await h?.stop();
});

/**
 * The one place malformed events enter the log: appended with the official
 * client, metadata shaped like the server's own. When the server starts
 * signing its metadata, this is where a test signs (or deliberately does not).
 */
async function injectEvent(kind: string, namespace: string | undefined, name: string, suffix: string, data: unknown): Promise<void> {
  // Signed with the install's key, as if the control plane had written it: the survival code is the last line of defence.
  const stream = streamName(kind, namespace, name);
  const metadata = new EventSigner(h.historyKey).sign(stream, `${kind}${suffix}`, data, {
    actor: 'malformed-log-test', verb: 'create', correlationId: randomUUID(), causationId: randomUUID(), reason: 'test injection',
  });
  await client.appendToStream(stream, [jsonEvent({ type: `${kind}${suffix}`, data: data as never, metadata })], { expectedRevision: ANY });
}

function podObject(name: string, spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'default', uid: randomUUID(), creationTimestamp: '2026-01-01T00:00:00Z', labels: { app: 'web' }, ...metadata },
    spec: { containers: [{ name: 'c', image: 'busybox', imagePullPolicy: 'IfNotPresent' }], schedulerName: 'default-scheduler', restartPolicy: 'Always', ...spec },
    status: { phase: 'Pending' },
  };
}

/** Waits until `check` holds (polling, never a bare sleep). */
async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  await until(async () => ((await check()) ? true : undefined), what, 400);
}

async function readyz(): Promise<number> {
  return (await fetch(`${h.api.url}/readyz`)).status;
}

/** Warning Events the control plane recorded about one object because it could not process it. */
async function failedToProcess(name: string): Promise<{ message: string }[]> {
  const list = await h.call('GET', '/api/v1/namespaces/default/events');
  return list.body.items.filter((e: { reason: string; involvedObject: { name: string } }) => e.reason === 'FailedToProcess' && e.involvedObject.name === name);
}

/** Proof that the scheduler still works: a fresh pod nobody can place gets PodScheduled=False. */
async function schedulerAnswers(name: string): Promise<void> {
  expect((await h.call('POST', '/api/v1/namespaces/default/pods', podObject(name, { nodeSelector: { nowhere: 'true' } }, { uid: undefined, creationTimestamp: undefined }))).status).toBe(201);
  await waitFor(async () => {
    const pod = await h.call('GET', `/api/v1/namespaces/default/pods/${name}`);
    return !!pod.body.status?.conditions?.some((c: { type: string; status: string }) => c.type === 'PodScheduled' && c.status === 'False');
  }, `PodScheduled=False on ${name}`);
}

/** Proof that the control plane still takes writes and the endpoints controller still reconciles. */
async function controlPlaneAnswers(suffix: string): Promise<void> {
  expect(await readyz()).toBe(200);
  expect((await h.call('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: `alive-${suffix}` }, data: { a: 'b' } })).status).toBe(201);
  const svc = `svc-${suffix}`;
  expect((await h.call('POST', '/api/v1/namespaces/default/services', { metadata: { name: svc }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } })).status).toBe(201);
  await waitFor(async () => (await h.call('GET', `/api/v1/namespaces/default/endpoints/${svc}`)).status === 200, `endpoints ${svc}`);
  await schedulerAnswers(`probe-${suffix}`);
}

it('skips malformed events with one Warning each, keeps the control plane running, and restarts over them', async () => {
  expect((await h.call('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: 'cm1' }, data: { a: '1' } })).status).toBe(201);
  // One node, so the scheduler really evaluates the pods' affinity.
  const node = {
    metadata: { name: 'n1', labels: { 'kubernetes.io/hostname': 'n1' } },
    status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' }, allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] },
  };
  expect((await h.call('POST', '/api/v1/nodes', node)).status).toBe(201);

  await injectEvent('Pod', 'default', 'bad-affinity', 'Created', {
    object: podObject('bad-affinity', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: 'x' } } } }),
  });
  await injectEvent('Pod', 'default', 'bad-selector', 'Created', { object: podObject('bad-selector', { nodeSelector: 'a=b' }) });
  await injectEvent('Pod', 'default', 'bad-owner', 'Created', { object: podObject('bad-owner', {}, { ownerReferences: 'x' }) });
  await injectEvent('Pod', 'default', 'bad-owner-number', 'Created', { object: podObject('bad-owner-number', {}, { ownerReferences: 5 }) });
  await injectEvent('Pod', 'default', 'bad-labels', 'Created', { object: podObject('bad-labels', {}, { labels: 'app=web' }) });
  await injectEvent('Service', 'default', 'bad-svc', 'Created', {
    object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'bad-svc', namespace: 'default', uid: randomUUID() }, spec: { selector: 'a=b', ports: [{ port: 80 }] } },
  });
  await injectEvent('ConfigMap', 'default', 'null-object', 'Created', { object: null });
  await injectEvent('ConfigMap', 'default', 'cm1', 'Updated', { patch: [{ op: 'replace', path: '/data/missing/deeper', value: 'x' }] });
  await injectEvent('ConfigMap', 'default', 'cm1', 'Updated', null);

  // Each component that could not process an object says so once, on the object.
  await waitFor(async () => (await failedToProcess('bad-affinity')).length > 0, 'a Warning on bad-affinity');
  await waitFor(async () => (await failedToProcess('cm1')).length > 0, 'a Warning on cm1');
  expect((await failedToProcess('bad-affinity'))[0].message).toContain('default-scheduler');
  expect((await failedToProcess('cm1'))[0].message).toContain('was skipped: the patch does not apply');

  await controlPlaneAnswers('before');
  // The projection kept cm1 as it was and never made up an object for the null one.
  expect((await h.call('GET', '/api/v1/namespaces/default/configmaps/cm1')).body.data).toEqual({ a: '1' });
  expect((await h.call('GET', '/api/v1/namespaces/default/configmaps/null-object')).status).toBe(404);
  const warnedBefore = (await failedToProcess('bad-affinity')).length;
  expect(warnedBefore).toBe(1);

  // Restart with no projection snapshot, so the new server folds every malformed event again from the log.
  const config = h.api.context.config;
  await h.api.close();
  fs.rmSync(config.snapshotDir!, { recursive: true, force: true });
  h.api = await startApiServer(config);
  expect(h.api.context.projection.restoredFrom).toBe(0);
  await controlPlaneAnswers('after');
  expect((await h.call('GET', '/api/v1/namespaces/default/configmaps/cm1')).body.data).toEqual({ a: '1' });
  // The scheduler met the same pod again after the restart, and did not warn again.
  expect(await failedToProcess('bad-affinity')).toHaveLength(1);
  expect(await failedToProcess('cm1')).toHaveLength(1);
});
