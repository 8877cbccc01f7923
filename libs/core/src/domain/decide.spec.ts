/** Deciders: given(current).when(command).then(events | error). */
import { ApiError } from '../api/errors';
import type { KubeObject } from '../api/meta';
import { findResource } from '../api/resources';
import { decide, type ObjectCommand } from './decide';
import { evolve } from './evolve';

const PODS = findResource('', 'pods')!;
const CONFIGMAPS = findResource('', 'configmaps')!;
const DEPLOYMENTS = findResource('apps', 'deployments')!;
const NODES = findResource('', 'nodes')!;
const NAMESPACES = findResource('', 'namespaces')!;
const now = new Date('2026-11-25T10:00:00.123Z');

function given(cmd: ObjectCommand, current?: KubeObject, name = 'x') {
  return decide(cmd, current, name);
}

function created(object: KubeObject, resource = CONFIGMAPS): KubeObject {
  const d = decide({ type: 'Create', resource, object, now, uid: 'uid-1' }, undefined, object.metadata.name!);
  return evolve(undefined, d.events[0], '10')!;
}

const cm = (data: Record<string, string> = { a: '1' }): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' }, data });

describe('decide Create', () => {
  it('stamps uid and creationTimestamp and records the whole object', () => {
    const d = given({ type: 'Create', resource: CONFIGMAPS, object: cm(), now, uid: 'uid-1' });
    expect(d.events).toHaveLength(1);
    expect(d.events[0]).toMatchObject({ kind: 'ConfigMap', suffix: 'Created' });
    const object = (d.events[0].data as { object: KubeObject }).object;
    expect(object.metadata.uid).toBe('uid-1');
    expect(object.metadata.creationTimestamp).toBe('2026-11-25T10:00:00Z');
    expect(object.metadata.resourceVersion).toBeUndefined();
  });

  it('refuses an existing name with 409 AlreadyExists', () => {
    expect(() => given({ type: 'Create', resource: CONFIGMAPS, object: cm(), now, uid: 'u' }, created(cm()))).toThrow(
      expect.objectContaining({ code: 409, reason: 'AlreadyExists', message: 'configmaps "x" already exists' }),
    );
  });

  it('refuses an invalid object with 422 and appends nothing', () => {
    const bad: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'Bad_Name', namespace: 'default' }, spec: { containers: [] } };
    let error: ApiError | undefined;
    try {
      given({ type: 'Create', resource: PODS, object: bad, now, uid: 'u' });
    } catch (err) {
      error = err as ApiError;
    }
    expect(error?.code).toBe(422);
    expect(error?.message).toMatch(/^Pod "Bad_Name" is invalid: /);
    expect(error?.details?.causes?.map((c) => c.field)).toEqual(expect.arrayContaining(['metadata.name', 'spec.containers']));
  });

  it('starts a pod Pending with defaults applied', () => {
    const pod: KubeObject = { metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } };
    const d = given({ type: 'Create', resource: PODS, object: pod, now, uid: 'u' });
    const object = (d.events[0].data as { object: KubeObject }).object as KubeObject & { spec: Record<string, unknown>; status: Record<string, unknown> };
    expect(object.status.phase).toBe('Pending');
    expect(object.spec.restartPolicy).toBe('Always');
    expect((object.spec.containers as { imagePullPolicy: string }[])[0].imagePullPolicy).toBe('Always');
  });
});

describe('decide Update', () => {
  it('records a change as a patch that evolve replays exactly', () => {
    const current = created(cm());
    const next = { ...current, data: { a: '2', b: '3' } };
    const d = given({ type: 'Update', resource: CONFIGMAPS, object: next, now }, current);
    expect(d.events.map((e) => e.suffix)).toEqual(['Updated']);
    const replayed = evolve(current, d.events[0], '11')!;
    expect(replayed.data).toEqual({ a: '2', b: '3' });
    expect(replayed.metadata.resourceVersion).toBe('11');
  });

  it('decides nothing when nothing changes', () => {
    const current = created(cm());
    expect(given({ type: 'Update', resource: CONFIGMAPS, object: { ...current }, now }, current).events).toEqual([]);
  });

  it('is 409 Conflict for a stale resourceVersion', () => {
    const current = created(cm());
    const stale = { ...current, metadata: { ...current.metadata, resourceVersion: '3' }, data: { a: '9' } };
    expect(() => given({ type: 'Update', resource: CONFIGMAPS, object: stale, now }, current)).toThrow(
      expect.objectContaining({ code: 409, reason: 'Conflict' }),
    );
  });

  it('is 404 for a missing object', () => {
    expect(() => given({ type: 'Update', resource: CONFIGMAPS, object: cm(), now }, undefined)).toThrow(expect.objectContaining({ code: 404 }));
  });

  it('refuses a changed uid as immutable (422)', () => {
    const current = created(cm());
    const forged = { ...current, metadata: { ...current.metadata, uid: 'other' }, data: { a: '5' } };
    expect(() => given({ type: 'Update', resource: CONFIGMAPS, object: forged, now }, current)).toThrow(
      expect.objectContaining({ code: 422, message: 'ConfigMap "x" is invalid: metadata.uid: Invalid value: "other": field is immutable' }),
    );
  });

  it('names a replicas-only change of a deployment DeploymentScaled and bumps generation', () => {
    const dep: KubeObject = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'default' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'i:1' }] } } },
    };
    const current = created(dep, DEPLOYMENTS);
    const d = given({ type: 'Scale', resource: DEPLOYMENTS, replicas: 4, now }, current, 'd');
    expect(d.events[0]).toMatchObject({ kind: 'Deployment', suffix: 'Scaled', data: { replicas: 4, previousReplicas: 1 } });
    expect(d.object?.metadata.generation).toBe(2);
  });

  it('on the status subresource changes status, never spec', () => {
    const pod = created({ metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } as KubeObject, PODS);
    const proposed = { ...pod, spec: { containers: [{ name: 'c', image: 'other' }] }, status: { ...(pod.status as object), phase: 'Running' } };
    const d = given({ type: 'Update', resource: PODS, object: proposed, now, subresource: 'status' }, pod, 'p');
    expect(d.events[0].suffix).toBe('StatusChanged');
    expect((d.object?.spec as { containers: { image: string }[] }).containers[0].image).toBe('busybox');
    expect((d.object?.status as { phase: string }).phase).toBe('Running');
  });

  it('names a node Ready flip NodeReadinessChanged', () => {
    const node = created({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { conditions: [{ type: 'Ready', status: 'False' }] } } as KubeObject, NODES);
    const d = given({ type: 'Update', resource: NODES, object: { ...node, status: { conditions: [{ type: 'Ready', status: 'True' }] } }, now, subresource: 'status' }, node, 'n1');
    expect(d.events[0]).toMatchObject({ suffix: 'ReadinessChanged', data: { ready: 'True' } });
  });
});

describe('decide Bind', () => {
  const pod = () => created({ metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } as KubeObject, PODS);

  it('sets nodeName and PodScheduled', () => {
    const d = given({ type: 'Bind', resource: PODS, nodeName: 'n1', now }, pod(), 'p');
    expect(d.events[0]).toMatchObject({ kind: 'Pod', suffix: 'Bound', data: { nodeName: 'n1' } });
    expect((d.object?.spec as { nodeName: string }).nodeName).toBe('n1');
  });

  it('refuses a pod already bound', () => {
    const bound = evolve(pod(), given({ type: 'Bind', resource: PODS, nodeName: 'n1', now }, pod(), 'p').events[0], '12')!;
    expect(() => given({ type: 'Bind', resource: PODS, nodeName: 'n2', now }, bound, 'p')).toThrow(expect.objectContaining({ code: 409 }));
  });
});

describe('decide Delete', () => {
  it('deletes at once without finalizers', () => {
    expect(given({ type: 'Delete', resource: CONFIGMAPS, now }, created(cm())).events.map((e) => e.suffix)).toEqual(['Deleted']);
  });

  it('waits for finalizers, and an update removing the last one completes the deletion', () => {
    const withFinalizer = created({ ...cm(), metadata: { ...cm().metadata, finalizers: ['example.com/hold'] } });
    const d = given({ type: 'Delete', resource: CONFIGMAPS, now }, withFinalizer);
    expect(d.events.map((e) => e.suffix)).toEqual(['DeletionRequested']);
    const terminating = evolve(withFinalizer, d.events[0], '11')!;
    expect(terminating.metadata.deletionTimestamp).toBe('2026-11-25T10:00:00Z');
    const release = { ...terminating, metadata: { ...terminating.metadata, finalizers: [] } };
    const u = given({ type: 'Update', resource: CONFIGMAPS, object: release, now }, terminating);
    expect(u.events.map((e) => e.suffix)).toEqual(['Updated', 'Deleted']);
  });

  it('adds the finalizer of a Foreground or Orphan policy', () => {
    const d = given({ type: 'Delete', resource: CONFIGMAPS, now, propagationPolicy: 'Orphan' }, created(cm()));
    expect(d.object?.metadata.finalizers).toEqual(['orphan']);
    const f = given({ type: 'Delete', resource: CONFIGMAPS, now, propagationPolicy: 'Foreground' }, created(cm()));
    expect(f.object?.metadata.finalizers).toEqual(['foregroundDeletion']);
  });

  it('gives a bound pod its grace period, and deletes an unbound one at once', () => {
    const pod = created({ metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } as KubeObject, PODS);
    expect(given({ type: 'Delete', resource: PODS, now }, pod, 'p').events.map((e) => e.suffix)).toEqual(['Deleted']);
    const bound = evolve(pod, given({ type: 'Bind', resource: PODS, nodeName: 'n1', now }, pod, 'p').events[0], '12')!;
    const d = given({ type: 'Delete', resource: PODS, now }, bound, 'p');
    expect(d.events[0]).toMatchObject({ suffix: 'DeletionRequested', data: { gracePeriodSeconds: 30, deletionTimestamp: '2026-11-25T10:00:30Z' } });
    const terminating = evolve(bound, d.events[0], '13')!;
    expect(given({ type: 'Delete', resource: PODS, now, gracePeriodSeconds: 0 }, terminating, 'p').events.map((e) => e.suffix)).toEqual(['Deleted']);
  });

  it('checks preconditions', () => {
    expect(() => given({ type: 'Delete', resource: CONFIGMAPS, now, preconditions: { uid: 'nope' } }, created(cm()))).toThrow(
      expect.objectContaining({ code: 409, message: expect.stringContaining('Precondition failed: UID in precondition: nope') }),
    );
  });

  it('keeps a namespace Terminating until its spec finalizer is gone', () => {
    const ns = created({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } } as KubeObject, NAMESPACES);
    const d = given({ type: 'Delete', resource: NAMESPACES, now }, ns, 'demo');
    expect(d.events.map((e) => e.suffix)).toEqual(['DeletionRequested']);
    expect((d.object?.status as { phase: string }).phase).toBe('Terminating');
  });
});
