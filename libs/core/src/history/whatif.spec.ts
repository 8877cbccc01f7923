import { ApiError } from '../api/errors';
import type { KubeObject } from '../api/meta';
import { ClusterState } from '../domain/cluster-state';
import { defaultProfile, type SchedulerProfile } from '../scheduler/profile';
import { makeNode, makePod, type PodOpts } from '../scheduler/testing.spec-helper';
import { boundPositions, whatIf } from './whatif';

/** Given objects, a state as the projection folds them (one Created event each). */
function stateOf(objects: KubeObject[]): ClusterState {
  const s = new ClusterState();
  objects.forEach((o, i) => {
    const stream = o.kind === 'Node' ? `node-${o.metadata.name}` : `pod-${o.metadata.namespace}.${o.metadata.name}`;
    s.apply({ streamId: stream, revision: 0n, type: `${o.kind}Created`, data: { object: o }, position: i + 1 });
  });
  return s;
}

function pod(name: string, second: number, o: PodOpts = {}): KubeObject {
  const p = makePod(name, { cpu: '1', memory: '2Gi', ...o });
  p.metadata.creationTimestamp = `2026-12-05T03:00:${String(second).padStart(2, '0')}Z`;
  return p as KubeObject;
}

const n1 = makeNode('n1') as KubeObject;
const n2 = makeNode('n2') as KubeObject;
// What the default (LeastAllocated) scheduler did: spread, ties to the first name.
const SPREAD = [n1, n2, pod('a', 1, { nodeName: 'n1' }), pod('b', 2, { nodeName: 'n2' }), pod('c', 3, { nodeName: 'n1' })];
const mostAllocated: SchedulerProfile = { ...defaultProfile(), scoringStrategy: 'MostAllocated' };

function moves(r: ReturnType<typeof whatIf>): string[] {
  return r.placements.map((p) => `${p.pod.name}:${p.actual ?? '-'}>${p.proposed ?? '-'}${p.changed ? '*' : ''}`);
}

describe('whatIf', () => {
  it('given the profile the cluster ran with, then every placement is reproduced', () => {
    const r = whatIf(stateOf(SPREAD));
    expect(moves(r)).toEqual(['a:n1>n1', 'b:n2>n2', 'c:n1>n1']);
    expect(r.changed).toBe(0);
    expect(r.placements[1].pod).toEqual({ kind: 'Pod', apiVersion: 'v1', namespace: 'default', name: 'b', uid: 'uid-b' });
    expect(Object.keys(r.placements[1].scores!)).toContain('NodeResourcesFit');
  });

  it('given MostAllocated instead of LeastAllocated, then pods pack onto one node', () => {
    const r = whatIf(stateOf(SPREAD), { profile: mostAllocated });
    expect(moves(r)).toEqual(['a:n1>n1', 'b:n2>n1*', 'c:n1>n1']);
    expect(r.changed).toBe(1);
    expect(r.at).toEqual({ resourceVersion: '5' });
  });

  it('given the same input twice, then the same answer (no clock, no randomness)', () => {
    const s = stateOf(SPREAD);
    expect(whatIf(s, { profile: mostAllocated })).toEqual(whatIf(s, { profile: mostAllocated }));
    expect(whatIf(s, { profile: mostAllocated })).toEqual(whatIf(stateOf(SPREAD), { profile: mostAllocated }));
  });

  it('given the PodBound order, then pods are re-placed in that order', () => {
    const boundAt = new Map([['default/c', 10], ['default/a', 11], ['default/b', 12]]);
    expect(moves(whatIf(stateOf(SPREAD), {}, { boundAt }))).toEqual(['c:n1>n1', 'a:n1>n2*', 'b:n2>n1*']);
  });

  it('given the log, then boundPositions gives each pod its latest PodBound position', () => {
    const boundAt = boundPositions([
      { streamId: 'pod-default.c', type: 'PodBound', position: 10 },
      { streamId: 'pod-default.a', type: 'PodCreated', position: 3 },
      { streamId: 'pod-default.a', type: 'PodBound', position: 11 },
      { streamId: 'pod-default.b', type: 'PodBound', position: 4 },
      { streamId: 'pod-default.b', type: 'PodBound', position: 12 },
      { streamId: 'node-n1', type: 'NodeBound', position: 13 },
    ]);
    expect([...boundAt]).toEqual([['default/c', 10], ['default/a', 11], ['default/b', 12]]);
    expect(moves(whatIf(stateOf(SPREAD), {}, { boundAt }))).toEqual(['c:n1>n1', 'a:n1>n2*', 'b:n2>n1*']);
  });

  it('given a pending pod that fits nowhere, then its reason; with an extra node, then it would run there', () => {
    const s = stateOf([...SPREAD, pod('big', 4, { cpu: '6' })]);
    const before = whatIf(s);
    expect(before.placements[3]).toMatchObject({ pod: { name: 'big' }, changed: false });
    expect(before.placements[3].proposed).toBeUndefined();
    expect(before.placements[3].reason).toMatch(/^0\/2 nodes are available: .*Insufficient cpu/);
    const big = makeNode('big-node', { cpu: '16', memory: '64Gi' }) as KubeObject;
    const after = whatIf(s, { addNodes: [big] });
    expect(moves(after)).toEqual(['a:n1>big-node*', 'b:n2>big-node*', 'c:n1>big-node*', 'big:->big-node*']);
  });

  it('given a removed node, then its pods move and the rest stay', () => {
    expect(moves(whatIf(stateOf(SPREAD), { removeNodes: ['n2'] }))).toEqual(['a:n1>n1', 'b:n2>n1*', 'c:n1>n1']);
  });

  it('given finished pods, then they are left out', () => {
    const done = pod('done', 0, { nodeName: 'n2', phase: 'Succeeded' });
    expect(whatIf(stateOf([...SPREAD, done])).placements.map((p) => p.pod.name)).toEqual(['a', 'b', 'c']);
  });

  it.each<[string, Parameters<typeof whatIf>[1], string]>([
    ['an unknown plugin', { profile: { ...defaultProfile(), scores: [{ name: 'Magic', weight: 1 }] } },
      'invalid profile: scores[0]: unknown score plugin "Magic"'],
    ['a node that is not there', { removeNodes: ['n9'] }, 'invalid removeNodes: node "n9" does not exist at this point'],
    ['a nameless node', { addNodes: [{ kind: 'Node', metadata: {} }] }, 'invalid addNodes[0]: a Node needs metadata.name'],
  ])('given %s, then a 400', (_what, request, message) => {
    let err: unknown;
    try {
      whatIf(stateOf(SPREAD), request);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe(400);
    expect((err as ApiError).message.startsWith(message)).toBe(true);
  });
});
