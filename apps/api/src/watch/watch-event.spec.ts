import { findResource, type Change, type KubeObject } from '@chronokube/core';
import { objectFilter, type ObjectFilter } from '../http/list-selection';
import { watchEventFor } from './watch-event';

const PODS = findResource('', 'pods')!;

function pod(rv: number, labels: Record<string, string>, namespace = 'default'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace, uid: 'u-1', resourceVersion: String(rv), labels },
    spec: { containers: [{ name: 'c', image: 'busybox' }] },
  };
}

function change(position: number, before: KubeObject | undefined, after: KubeObject | undefined, eventType = 'PodUpdated'): Change {
  return { resource: PODS, key: 'default/web', stream: 'pod-default.web', position, eventType, before, after };
}

const everything: ObjectFilter = () => true;
const webPods = objectFilter(PODS, 'default', { labelSelector: 'app=web' });

describe('watchEventFor', () => {
  it('sends ADDED with the new object when an object is created within the filter', () => {
    const created = pod(10, { app: 'web' });
    const ev = watchEventFor(change(10, undefined, created, 'PodCreated'), everything);
    expect(ev?.type).toBe('ADDED');
    expect(ev?.object).toBe(created);
  });

  it('sends MODIFIED with the new object when an object changes within the filter', () => {
    const before = pod(10, { app: 'web' });
    const after = pod(20, { app: 'web', tier: 'front' });
    const ev = watchEventFor(change(20, before, after), webPods);
    expect(ev).toEqual({ type: 'MODIFIED', object: after });
    expect(ev?.object).toBe(after);
  });

  it('sends nothing when neither version passes the filter', () => {
    expect(watchEventFor(change(20, pod(10, { app: 'db' }), pod(20, { app: 'db', x: 'y' })), webPods)).toBeUndefined();
    expect(watchEventFor(change(20, undefined, pod(20, { app: 'db' })), webPods)).toBeUndefined();
    expect(watchEventFor(change(20, pod(10, { app: 'db' }), undefined), webPods)).toBeUndefined();
    // The namespace is part of the filter too.
    expect(watchEventFor(change(20, undefined, pod(20, { app: 'web' }, 'other')), webPods)).toBeUndefined();
  });

  it('sends ADDED when an update brings the object into the filter', () => {
    const after = pod(20, { app: 'web' });
    const ev = watchEventFor(change(20, pod(10, { app: 'db' }), after), webPods);
    expect(ev?.type).toBe('ADDED');
    expect(ev?.object).toBe(after);
  });

  it('sends DELETED, versioned at the change, when an update takes the object out of the filter', () => {
    const before = pod(10, { app: 'web' });
    const after = pod(20, { app: 'db' });
    const ev = watchEventFor(change(25, before, after), webPods);
    expect(ev?.type).toBe('DELETED');
    expect(ev?.object.metadata.resourceVersion).toBe('25');
    expect(ev?.object.metadata.name).toBe('web');
    // The stored versions are not touched.
    expect(before.metadata.resourceVersion).toBe('10');
    expect(after.metadata.resourceVersion).toBe('20');
  });

  // kube's cacheWatcher.convertToWatchEvent, case !curObjPasses && oldObjPasses:
  // "return a delete event with the previous object content, but with the
  // event's resource version" (updateResourceVersion(PrevObject, event RV)).
  // Here the object sent is change.after, whose labels no longer match the
  // watcher's selector.
  it('sends the previous content of an object leaving the filter, as kube does', () => {
    const before = pod(10, { app: 'web' });
    const after = pod(20, { app: 'db' });
    const ev = watchEventFor(change(25, before, after), webPods);
    expect(ev?.object.metadata.labels).toEqual({ app: 'web' });
  });

  it('sends DELETED with the last state, versioned at the deletion, when the object is deleted', () => {
    const last = pod(30, { app: 'web' });
    const ev = watchEventFor(change(40, last, undefined, 'PodDeleted'), webPods);
    expect(ev?.type).toBe('DELETED');
    expect(ev?.object).toEqual({ ...last, metadata: { ...last.metadata, resourceVersion: '40' } });
    expect(last.metadata.resourceVersion).toBe('30');
  });

  it('hands every watcher the same object for one deletion', () => {
    const c = change(40, pod(30, { app: 'web' }), undefined, 'PodDeleted');
    const a = watchEventFor(c, everything);
    const b = watchEventFor(c, webPods);
    expect(a?.object).toBe(b?.object);
    // ... but a different object for another deletion of an equal state.
    const other = watchEventFor(change(40, pod(30, { app: 'web' }), undefined, 'PodDeleted'), everything);
    expect(other?.object).not.toBe(a?.object);
    expect(other?.object).toEqual(a?.object);
  });

  it('hands every watcher the same object for one departure from the filter', () => {
    const c = change(25, pod(10, { app: 'web' }), pod(20, { app: 'db' }));
    const a = watchEventFor(c, webPods);
    const b = watchEventFor(c, objectFilter(PODS, undefined, { labelSelector: 'app in (web)' }));
    expect(a?.type).toBe('DELETED');
    expect(b?.object).toBe(a?.object);
  });
});
