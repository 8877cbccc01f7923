import { ApiError } from '../api/errors';
import type { KubeObject } from '../api/meta';
import { ClusterState, type RecordedEvent } from '../domain/cluster-state';
import { compileSlice, diffStates, sliceObjects } from './diff';

function cm(ns: string, name: string, data: Record<string, string>, labels: Record<string, string> = {}, uid = `${ns}-${name}`): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns, uid, labels }, data };
}

/** A tiny log: each entry becomes one event at the next position. */
function fold(events: Omit<RecordedEvent, 'position' | 'revision'>[], upTo = events.length): ClusterState {
  const s = new ClusterState();
  const revisions = new Map<string, bigint>();
  events.slice(0, upTo).forEach((e, i) => {
    const revision = (revisions.get(e.streamId) ?? -1n) + 1n;
    revisions.set(e.streamId, revision);
    s.apply({ ...e, revision, position: i + 1 });
  });
  return s;
}

const LOG: Omit<RecordedEvent, 'position' | 'revision'>[] = [
  { streamId: 'configmap-a.keep', type: 'ConfigMapCreated', data: { object: cm('a', 'keep', { k: '1' }, { app: 'web' }) } },
  { streamId: 'configmap-a.gone', type: 'ConfigMapCreated', data: { object: cm('a', 'gone', { k: '1' }, { app: 'web' }) } },
  { streamId: 'configmap-b.other', type: 'ConfigMapCreated', data: { object: cm('b', 'other', {}, { app: 'db' }) } },
  { streamId: 'node-n1', type: 'NodeCreated', data: { object: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', uid: 'n1' } } } },
  // ---- point A = 4
  { streamId: 'configmap-a.keep', type: 'ConfigMapUpdated', data: { patch: [{ op: 'replace', path: '/data/k', value: '2' }] } },
  { streamId: 'configmap-a.gone', type: 'ConfigMapDeleted', data: {} },
  { streamId: 'configmap-a.new', type: 'ConfigMapCreated', data: { object: cm('a', 'new', {}, { app: 'web' }) } },
  { streamId: 'configmap-b.other', type: 'ConfigMapDeleted', data: {} },
  { streamId: 'configmap-b.other', type: 'ConfigMapCreated', data: { object: cm('b', 'other', {}, { app: 'db' }, 'second-life') } },
  { streamId: 'node-n1', type: 'NodeUpdated', data: { patch: [{ op: 'add', path: '/metadata/managedFields', value: [{ manager: 'x' }] }] } },
];

describe('diffStates', () => {
  const a = fold(LOG, 4);
  const b = fold(LOG);

  it('given two points, then added, removed and changed objects with patches and fields', () => {
    const d = diffStates(a, b);
    expect(d.kind).toBe('ClusterDiff');
    expect(d.from).toEqual({ resourceVersion: '4' });
    expect(d.to).toEqual({ resourceVersion: '10' });
    expect(d.added.map((o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name} ${o.metadata.uid}`)).toEqual([
      'ConfigMap a/new a-new', 'ConfigMap b/other second-life',
    ]);
    expect(d.removed.map((o) => `${o.metadata.namespace}/${o.metadata.name} ${o.metadata.uid}`)).toEqual(['a/gone a-gone', 'b/other b-other']);
    expect(d.changed).toEqual([{
      object: { kind: 'ConfigMap', apiVersion: 'v1', namespace: 'a', name: 'keep', uid: 'a-keep' },
      from: '1', to: '5',
      patch: [{ op: 'replace', path: '/data/k', value: '2' }],
      fields: [{ path: 'data.k', old: '1', new: '2' }],
    }]);
  });

  it('given the reverse direction, then added and removed swap', () => {
    const d = diffStates(b, a);
    expect(d.added.map((o) => o.metadata.name)).toEqual(['gone', 'other']);
    expect(d.removed.map((o) => o.metadata.name)).toEqual(['new', 'other']);
    expect(d.changed[0].fields).toEqual([{ path: 'data.k', old: '2', new: '1' }]);
  });

  it('given a slice, then only its kinds, namespace and labels count', () => {
    expect(diffStates(a, b, { namespace: 'a', labelSelector: 'app=web' }).added.map((o) => o.metadata.name)).toEqual(['new']);
    expect(diffStates(a, b, { kinds: ['nodes'] })).toMatchObject({ added: [], removed: [], changed: [] });
    expect(diffStates(a, b, { kinds: ['ConfigMap'], labelSelector: 'app=db' }).removed.map((o) => o.metadata.uid)).toEqual(['b-other']);
  });

  it('given equal states, then an empty diff', () => {
    expect(diffStates(b, b.clone())).toMatchObject({ added: [], removed: [], changed: [] });
  });

  it('given points, then they are echoed', () => {
    const from = { resourceVersion: '4', time: '2026-12-05T03:00:00.000Z' };
    const to = { resourceVersion: '10', time: '2026-12-05T03:01:00.000Z' };
    expect(diffStates(a, b, {}, { from, to })).toMatchObject({ from, to });
  });
});

describe('sliceObjects', () => {
  it('given a state, then objects sorted by kind, namespace, name with kind and apiVersion set', () => {
    const s = fold(LOG, 4);
    expect(sliceObjects(s).map((o) => `${o.kind}:${o.metadata.namespace ?? ''}/${o.metadata.name}`)).toEqual([
      'ConfigMap:a/gone', 'ConfigMap:a/keep', 'ConfigMap:b/other', 'Node:/n1',
    ]);
    expect(sliceObjects(s, { kinds: ['no'] })[0]).toMatchObject({ kind: 'Node', apiVersion: 'v1' });
    expect(sliceObjects(s, { namespace: 'b' }).map((o) => o.metadata.name)).toEqual(['other']);
  });
});

describe('compileSlice', () => {
  it.each([
    [{ kinds: ['Widget'] }, 'invalid kinds: unknown kind "Widget"'],
    [{ labelSelector: 'app in (' }, 'invalid labelSelector:'],
  ])('given %j, then a 400 naming the parameter', (slice, message) => {
    let err: unknown;
    try {
      compileSlice(slice);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe(400);
    expect((err as ApiError).message.startsWith(message)).toBe(true);
  });
});
