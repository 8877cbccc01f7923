/**
 * The reproduction, through `chronokube server` and the real
 * kubectl: a NamespaceCreated by a made-up actor, appended with the
 * official client and the store's own credentials, never shows in
 * `kubectl get ns`, and the server says so once on stderr.
 */
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent, NO_STREAM } from '@eventstore/db-client';
import { kubectlOk, useTestCluster } from '../testing/test-cluster';

const cluster = useTestCluster();

it('ignores a NamespaceCreated the API did not sign', async () => {
  const c = cluster();
  const client = EventStoreDBClient.connectionString(c.eventstoreUrl);
  try {
    const object = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'forged', uid: randomUUID(), creationTimestamp: '2026-12-05T03:12:00Z' }, spec: {}, status: { phase: 'Active' } };
    const r = await client.appendToStream(
      'namespace-forged',
      jsonEvent({ type: 'NamespaceCreated', data: { object }, metadata: { actor: 'mallory', verb: 'create', correlationId: randomUUID() } }),
      { expectedRevision: NO_STREAM },
    );
    const position = Number(r.position!.commit);
    // Written after the forgery: once kubectl sees it, the projection is past the forged event.
    await kubectlOk(c, ['create', 'namespace', 'after-forgery']);
    const names = (await kubectlOk(c, ['get', 'namespaces', '-o', 'name'])).trim().split('\n');
    expect(names).toContain('namespace/after-forgery');
    expect(names).not.toContain('namespace/forged');
    const get = await c.kubectl(['get', 'namespace', 'forged']);
    expect(get.code).not.toBe(0);
    expect(get.stderr).toContain('not found');
    expect(c.process.stderr()).toContain(`ignoring event at position ${position} in stream namespace-forged (NamespaceCreated)`);
  } finally {
    await client.dispose();
  }
});
