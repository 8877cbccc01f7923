import fc from 'fast-check';
import type { KubeObject } from '../api/meta';
import { resourceForKind } from '../api/resources';
import { ClusterState, type RecordedEvent } from '../domain/cluster-state';
import { applyJsonPatch } from '../patch/json-patch';
import { diffStates, sliceObjects } from './diff';
import { comparable, objectPatch } from './field-changes';

const CM = resourceForKind('ConfigMap')!;

/** A random log over a few ConfigMaps: creations, data and label edits, deletions and re-creations. */
const step = fc.record({
  name: fc.constantFrom('a', 'b', 'c', 'd'),
  ns: fc.constantFrom('x', 'y'),
  action: fc.constantFrom('write', 'write', 'delete'),
  data: fc.dictionary(fc.constantFrom('k1', 'k2', 'k.3'), fc.string({ maxLength: 3 }), { maxKeys: 3 }),
  label: fc.constantFrom(undefined, 'web', 'db'),
});

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function build(steps: Step[]): RecordedEvent[] {
  const state = new ClusterState();
  const log: RecordedEvent[] = [];
  let uid = 0;
  steps.forEach((s, i) => {
    const stream = `configmap-${s.ns}.${s.name}`;
    const current = state.get(CM, s.ns, s.name)?.object;
    const revision = (state.streamRevision(stream) ?? -1n) + 1n;
    const next: KubeObject = {
      apiVersion: 'v1', kind: 'ConfigMap', data: s.data,
      metadata: { name: s.name, namespace: s.ns, uid: current?.metadata.uid ?? `u${++uid}`, ...(s.label ? { labels: { app: s.label } } : {}) },
    };
    let e: RecordedEvent | undefined;
    if (s.action === 'delete') e = current && { streamId: stream, revision, type: 'ConfigMapDeleted', data: {}, position: i + 1 };
    else if (!current) e = { streamId: stream, revision, type: 'ConfigMapCreated', data: { object: next }, position: i + 1 };
    else e = { streamId: stream, revision, type: 'ConfigMapUpdated', data: { patch: objectPatch(current, next) }, position: i + 1 };
    if (e) {
      state.apply(e);
      log.push(e);
    }
  });
  return log;
}

function foldTo(log: RecordedEvent[], position: number): ClusterState {
  const s = new ClusterState();
  for (const e of log) if (e.position <= position) s.apply(e);
  return s;
}

const key = (o: KubeObject) => `${o.metadata.namespace}/${o.metadata.name}/${o.metadata.uid}`;

describe('diffStates properties', () => {
  it('given any two points of a random log, then from-state minus removed plus added, with changes patched in, is the to-state', () => {
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), fc.nat(), fc.nat(), fc.constantFrom(undefined, 'app=web', 'app!=db'), (steps, i, j, labelSelector) => {
      const log = build(steps);
      const positions = [0, ...log.map((e) => e.position)];
      const a = foldTo(log, positions[i % positions.length]);
      const b = foldTo(log, positions[j % positions.length]);
      const slice = { labelSelector };
      const d = diffStates(a, b, slice);
      const objects = new Map(sliceObjects(a, slice).map((o) => [key(o), comparable(o)]));
      for (const o of d.removed) expect(objects.delete(key(o))).toBe(true);
      for (const c of d.changed) {
        const k = `${c.object.namespace}/${c.object.name}/${c.object.uid}`;
        expect(objects.has(k)).toBe(true);
        objects.set(k, applyJsonPatch(objects.get(k), c.patch));
        expect(c.fields.length).toBeGreaterThan(0);
      }
      for (const o of d.added) {
        expect(objects.has(key(o))).toBe(false);
        objects.set(key(o), comparable(o));
      }
      const expected = new Map(sliceObjects(b, slice).map((o) => [key(o), comparable(o)]));
      expect(Object.fromEntries(objects)).toEqual(Object.fromEntries(expected));
    }), { numRuns: 200 });
  });
});
