import fc from 'fast-check';
import { RESOURCES } from '../api/resources';
import { ClusterState, type RecordedEvent } from './cluster-state';
import type { PackedState } from './packed-state';

const STREAMS = ['configmap-a.x', 'configmap-a.y', 'configmap-b.x', 'node-n1', 'node-n2', 'orders-1'];

type Step = { stream: number; action: 'create' | 'update' | 'delete' | 'broken' | 'foreign'; value: number };

const step = fc.record({
  stream: fc.integer({ min: 0, max: STREAMS.length - 1 }),
  action: fc.constantFrom<Step['action']>('create', 'update', 'update', 'delete', 'broken', 'foreign'),
  value: fc.integer({ min: 0, max: 9 }),
});

/** Turns steps into a log with per-stream revisions, as the store would number them. */
function logOf(steps: Step[]): RecordedEvent[] {
  const revisions = new Map<string, bigint>();
  return steps.map((s, i) => {
    const streamId = STREAMS[s.stream];
    const revision = (revisions.get(streamId) ?? -1n) + 1n;
    revisions.set(streamId, revision);
    const kind = streamId.startsWith('node') ? 'Node' : 'ConfigMap';
    const [ns, name] = streamId.includes('.') ? streamId.slice(streamId.indexOf('-') + 1).split('.') : [undefined, streamId.slice(5)];
    const position = i + 1;
    const base = { streamId, revision, position };
    switch (s.action) {
      case 'create':
        return { ...base, type: `${kind}Created`, data: { object: { apiVersion: 'v1', kind, metadata: { name, namespace: ns, labels: { v: String(s.value) } }, data: { v: String(s.value) } } } };
      case 'update':
        return { ...base, type: `${kind}Updated`, data: { patch: [{ op: 'add', path: '/data/v', value: String(s.value) }, { op: 'add', path: '/metadata/labels', value: { v: String(s.value) } }] } };
      case 'delete':
        return { ...base, type: `${kind}Deleted`, data: {} };
      case 'broken':
        // A patch that does not apply: skipped, yet the stream's revision moves on.
        return { ...base, type: `${kind}Updated`, data: { patch: [{ op: 'remove', path: '/nothing/here' }] } };
      default:
        return { ...base, streamId: 'orders-1', type: 'OrderPlaced', data: {} };
    }
  });
}

/** Everything a state answers: objects (with revision and position), stream revisions, position. */
function view(state: ClusterState): unknown {
  const objects = RESOURCES.flatMap((r) => [...state.list(r)].map((s) => [r.kind, s.object, String(s.revision), s.position]));
  return { objects, streams: STREAMS.map((s) => String(state.streamRevision(s))), position: state.position };
}

describe('PackedState', () => {
  it('unpacked and folded on, equals the log folded from scratch at any point, and stays as packed', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), (steps, cuts) => {
        const log = logOf(steps);
        const live = new ClusterState();
        const packs: PackedState[] = [];
        const points = new Set(cuts.map((c) => c % (log.length + 1)));
        for (const e of log) {
          if (points.has(live.position)) packs.push(live.pack());
          live.apply(e, () => undefined);
        }
        for (const packed of packs) {
          const before = view(ClusterState.unpack(packed));
          for (let target = packed.position; target <= log.length; target += 1 + (target % 3)) {
            const expected = new ClusterState();
            for (const e of log.slice(0, target)) expected.apply(e, () => undefined);
            const built = ClusterState.unpack(packed);
            for (const e of log.slice(packed.position, target)) built.apply(e, () => undefined);
            expect(view(built)).toEqual(view(expected));
            expect(new Set(built.toSnapshot().streams.map(String))).toEqual(new Set(expected.toSnapshot().streams.map(String)));
          }
          // Folding onto unpacked states never changed the packed one.
          expect(view(ClusterState.unpack(packed))).toEqual(before);
        }
        // Packing never changed the live state either.
        const scratch = new ClusterState();
        for (const e of log) scratch.apply(e, () => undefined);
        expect(view(live)).toEqual(view(scratch));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the revision of deleted and skipped streams through a JSON snapshot (what an incident bundle carries)', () => {
    const log = logOf([
      { stream: 0, action: 'create', value: 1 },
      { stream: 0, action: 'delete', value: 0 },
      { stream: 1, action: 'create', value: 1 },
      { stream: 1, action: 'broken', value: 0 },
      { stream: 3, action: 'create', value: 2 },
      { stream: 3, action: 'update', value: 3 },
    ]);
    const state = new ClusterState();
    for (const e of log) state.apply(e, () => undefined);
    const restored = ClusterState.fromSnapshot(JSON.parse(JSON.stringify(ClusterState.unpack(state.pack()).toSnapshot())));
    expect(STREAMS.map((s) => restored.streamRevision(s))).toEqual([1n, 1n, undefined, 1n, undefined, undefined]);
    expect(restored.toSnapshot().streams.sort()).toEqual([['configmap-a.x', '1'], ['configmap-a.y', '1'], ['node-n1', '1']]);
  });
});
