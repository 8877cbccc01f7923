import type { KubeObject } from '../api/meta';
import { findResource } from '../api/resources';
import { ClusterState } from './cluster-state';

const CONFIGMAPS = findResource('', 'configmaps')!;
const NODES = findResource('', 'nodes')!;

function cm(ns: string, name: string, data: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns, uid: `${ns}-${name}` }, data };
}

describe('ClusterState', () => {
  it('folds events into objects stamped with their position', () => {
    const s = new ClusterState();
    s.apply({ streamId: 'configmap-a.x', revision: 0n, type: 'ConfigMapCreated', data: { object: cm('a', 'x', { k: '1' }) }, position: 5 });
    s.apply({ streamId: 'configmap-a.x', revision: 1n, type: 'ConfigMapUpdated', data: { patch: [{ op: 'replace', path: '/data/k', value: '2' }] }, position: 7 });
    const stored = s.get(CONFIGMAPS, 'a', 'x')!;
    expect(stored.object.data).toEqual({ k: '2' });
    expect(stored.object.metadata.resourceVersion).toBe('7');
    expect(stored.revision).toBe(1n);
    expect(s.position).toBe(7);
  });

  it('forgets deleted objects but remembers their stream revision', () => {
    const s = new ClusterState();
    s.apply({ streamId: 'configmap-a.x', revision: 0n, type: 'ConfigMapCreated', data: { object: cm('a', 'x') }, position: 1 });
    const change = s.apply({ streamId: 'configmap-a.x', revision: 1n, type: 'ConfigMapDeleted', data: {}, position: 2 });
    expect(change?.before?.metadata.name).toBe('x');
    expect(change?.after).toBeUndefined();
    expect(s.get(CONFIGMAPS, 'a', 'x')).toBeUndefined();
    expect(s.streamRevision('configmap-a.x')).toBe(1n);
  });

  it('ignores foreign streams and replayed positions', () => {
    const s = new ClusterState();
    expect(s.apply({ streamId: 'orders-1', revision: 0n, type: 'OrderPlaced', data: {}, position: 1 })).toBeUndefined();
    s.apply({ streamId: 'configmap-a.x', revision: 0n, type: 'ConfigMapCreated', data: { object: cm('a', 'x') }, position: 2 });
    expect(s.apply({ streamId: 'configmap-a.y', revision: 0n, type: 'ConfigMapCreated', data: { object: cm('a', 'y') }, position: 2 })).toBeUndefined();
    expect(s.count(CONFIGMAPS)).toBe(1);
  });

  it('lists in key order, per namespace and after a key', () => {
    const s = new ClusterState();
    let pos = 0;
    for (const [ns, name] of [['b', 'z'], ['a', 'y'], ['ab', 'q'], ['a', 'x']]) {
      s.apply({ streamId: `configmap-${ns}.${name}`, revision: 0n, type: 'ConfigMapCreated', data: { object: cm(ns, name) }, position: ++pos });
    }
    const names = (it: Iterable<{ object: KubeObject }>) => [...it].map((o) => `${o.object.metadata.namespace}/${o.object.metadata.name}`);
    expect(names(s.list(CONFIGMAPS))).toEqual(['a/x', 'a/y', 'ab/q', 'b/z']);
    expect(names(s.list(CONFIGMAPS, 'a'))).toEqual(['a/x', 'a/y']);
    expect(names(s.list(CONFIGMAPS, undefined, 'a/y'))).toEqual(['ab/q', 'b/z']);
    expect(names(s.list(CONFIGMAPS, 'a', 'a/x'))).toEqual(['a/y']);
  });

  it('clones independently', () => {
    const s = new ClusterState();
    s.apply({ streamId: 'node-n1', revision: 0n, type: 'NodeCreated', data: { object: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } } }, position: 1 });
    const copy = s.clone();
    s.apply({ streamId: 'node-n1', revision: 1n, type: 'NodeDeleted', data: {}, position: 2 });
    expect(copy.get(NODES, undefined, 'n1')).toBeDefined();
    expect(s.get(NODES, undefined, 'n1')).toBeUndefined();
    expect(copy.position).toBe(1);
  });
});

describe('ClusterState snapshots', () => {
  it('round-trip through JSON and keep folding exactly like a replay', () => {
    const events = [
      { streamId: 'configmap-a.x', revision: 0n, type: 'ConfigMapCreated', data: { object: cm('a', 'x', { k: '1' }) }, position: 1 },
      { streamId: 'node-n1', revision: 0n, type: 'NodeCreated', data: { object: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', uid: 'n' } } }, position: 2 },
      { streamId: 'configmap-a.y', revision: 0n, type: 'ConfigMapCreated', data: { object: cm('a', 'y') }, position: 3 },
      { streamId: 'configmap-a.y', revision: 1n, type: 'ConfigMapDeleted', data: {}, position: 4 },
      { streamId: 'configmap-a.x', revision: 1n, type: 'ConfigMapUpdated', data: { patch: [{ op: 'replace', path: '/data/k', value: '2' }] }, position: 5 },
    ];
    const replayed = new ClusterState();
    for (const e of events) replayed.apply(e);
    const partial = new ClusterState();
    for (const e of events.slice(0, 4)) partial.apply(e);
    const restored = ClusterState.fromSnapshot(JSON.parse(JSON.stringify(partial.toSnapshot())));
    restored.apply(events[4]);
    expect(restored.toSnapshot()).toEqual(replayed.toSnapshot());
    expect(restored.streamRevision('configmap-a.y')).toBe(1n);
    expect(restored.get(CONFIGMAPS, 'a', 'x')?.object.data).toEqual({ k: '2' });
  });
});
