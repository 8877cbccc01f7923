import type { KubeObject } from '../api/meta';
import { reconcileGarbage } from './garbage-collection';

const owner = (finalizers?: string[], deleting = false) => ({
  kind: 'ReplicaSet',
  object: { metadata: { name: 'rs', namespace: 'ns', uid: 'rs-uid', resourceVersion: '5', ...(finalizers ? { finalizers } : {}), ...(deleting ? { deletionTimestamp: '2026-11-25T00:00:00Z' } : {}) } } as KubeObject,
});
const pod = (name: string, owners: string[], terminating = false) => ({
  kind: 'Pod',
  object: {
    metadata: {
      name, namespace: 'ns', uid: `${name}-uid`, resourceVersion: '7',
      ownerReferences: owners.map((uid) => ({ apiVersion: 'v1', kind: 'X', name: uid, uid, controller: uid === 'rs-uid' })),
      ...(terminating ? { deletionTimestamp: '2026-11-25T00:00:00Z' } : {}),
    },
  } as KubeObject,
});

describe('reconcileGarbage', () => {
  it('deletes dependents whose owners are all gone, in the background', () => {
    const actions = reconcileGarbage(undefined, [pod('a', ['rs-uid']), pod('b', ['rs-uid', 'other']), pod('c', ['rs-uid'], true)], (uid) => uid === 'other');
    expect(actions).toEqual([{ type: 'delete', kind: 'Pod', namespace: 'ns', name: 'a', uid: 'a-uid', propagationPolicy: 'Background', reason: 'all owners are gone' }]);
  });

  it('leaves a live owner without a deletion alone, and deletes an object whose owners vanished', () => {
    expect(reconcileGarbage(owner(), [pod('a', ['rs-uid'])], () => true)).toEqual([]);
    expect(reconcileGarbage(pod('a', ['rs-uid']), [], () => false)).toMatchObject([{ type: 'delete', name: 'a' }]);
  });

  it('orphans: releases every dependent, then drops the finalizer', () => {
    const actions = reconcileGarbage(owner(['orphan'], true), [pod('a', ['rs-uid', 'other'])], () => true);
    expect(actions.map((a) => a.type)).toEqual(['update', 'update']);
    const released = (actions[0] as { object: KubeObject }).object;
    expect(released.metadata.ownerReferences?.map((r) => r.uid)).toEqual(['other']);
    expect(released.metadata.resourceVersion).toBe('7');
    expect((actions[1] as { object: KubeObject }).object.metadata.finalizers).toBeUndefined();
  });

  it('foreground: deletes live dependents first, and drops the finalizer only when none is left', () => {
    const actions = reconcileGarbage(owner(['foregroundDeletion'], true), [pod('a', ['rs-uid']), pod('b', ['rs-uid'], true)], () => true);
    expect(actions).toEqual([{ type: 'delete', kind: 'Pod', namespace: 'ns', name: 'a', uid: 'a-uid', propagationPolicy: 'Foreground', reason: 'owner deleted in the foreground' }]);
    const done = reconcileGarbage(owner(['foregroundDeletion'], true), [], () => true);
    expect(done).toMatchObject([{ type: 'update', reason: 'foregroundDeletion done' }]);
  });
});
