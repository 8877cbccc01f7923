import type { KubeObject } from '../api/meta';
import { buildTimeline, objectTimeline, versionAt, type TimedEvent } from './timeline';

const T0 = Date.UTC(2026, 11, 5, 3, 0, 0);

function deploy(uid: string, replicas: number): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', uid }, spec: { replicas } };
}

let n = 0;
function e(type: string, data: unknown, position: number, actor = 'alice'): TimedEvent {
  return {
    streamId: 'deployment-default.web', revision: BigInt(n++), type, data, position, id: `id-${position}`, time: T0 + position * 1000,
    metadata: { actor, verb: 'update', correlationId: `c-${position}`, causationId: `r-${position}` },
  };
}

/** Given: created, scaled, a foreign event type, deleted, re-created with a new uid, updated. */
const STREAM: TimedEvent[] = [
  e('DeploymentCreated', { object: deploy('u1', 1) }, 10),
  e('DeploymentScaled', { replicas: 3, previousReplicas: 1, patch: [{ op: 'replace', path: '/spec/replicas', value: 3 }] }, 12),
  e('SomethingElse', {}, 13),
  e('DeploymentDeleted', {}, 15, 'bob'),
  e('DeploymentCreated', { object: deploy('u2', 2) }, 20),
  e('DeploymentUpdated', { patch: [{ op: 'add', path: '/metadata/labels', value: { app: 'web' } }] }, 21),
];

describe('buildTimeline', () => {
  const t = buildTimeline([...STREAM].reverse());

  it('when folded, then one entry per known event, oldest first, unknown types skipped', () => {
    expect(t.map((v) => `${v.resourceVersion} ${v.type}`)).toEqual([
      '10 DeploymentCreated', '12 DeploymentScaled', '15 DeploymentDeleted', '20 DeploymentCreated', '21 DeploymentUpdated',
    ]);
  });

  it("then a version carries its event's scheduling decision when the event has one", () => {
    const decision = { feasibleNodes: 2, evaluatedNodes: 2, topScores: [{ node: 'n1', total: 100, plugins: {} }] };
    const scaled = { ...STREAM[1], metadata: { ...STREAM[1].metadata, scheduler: decision } };
    const withDecision = buildTimeline([STREAM[0], scaled]);
    expect(withDecision[1].scheduler).toEqual(decision);
    expect(withDecision[0].scheduler).toBeUndefined();
  });

  it('then generations count lives across delete and re-create, with the uid of each life', () => {
    expect(t.map((v) => [v.generation, v.uid, v.deleted])).toEqual([
      [1, 'u1', false], [1, 'u1', false], [1, 'u1', true], [2, 'u2', false], [2, 'u2', false],
    ]);
  });

  it('then each entry holds the version after it, stamped with its resourceVersion, none once deleted', () => {
    expect(t[1].object).toMatchObject({ spec: { replicas: 3 }, metadata: { resourceVersion: '12' } });
    expect(t[2].object).toBeUndefined();
    expect(t[4].object?.metadata).toMatchObject({ uid: 'u2', resourceVersion: '21', labels: { app: 'web' } });
  });

  it('then each entry diffs against the version before; a creation lists every field as new', () => {
    expect(t[1].fields).toEqual([{ path: 'spec.replicas', old: 1, new: 3 }]);
    expect(t[1].patch).toEqual([{ op: 'replace', path: '/spec/replicas', value: 3 }]);
    expect(t[3].fields.map((f) => f.path)).toEqual(['apiVersion', 'kind', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.replicas']);
    expect(t[3].fields.every((f) => f.old === undefined)).toBe(true);
    expect(t[2].patch).toEqual([{ op: 'remove', path: '' }]);
    expect(t[2].fields).toContainEqual({ path: 'spec.replicas', old: 3 });
  });

  it('then each entry carries who, when and why', () => {
    expect(t[2]).toMatchObject({
      id: 'id-15', actor: 'bob', verb: 'update', time: '2026-12-05T03:00:15.000Z', correlationId: 'c-15', causationId: 'r-15', stream: 'deployment-default.web',
    });
    expect('data' in t[2]).toBe(false);
    expect(buildTimeline(STREAM, { data: true })[1].data).toMatchObject({ replicas: 3 });
  });
});

describe('objectTimeline', () => {
  it('given a stream, then the timeline names the latest life', () => {
    expect(objectTimeline(STREAM)).toMatchObject({
      kind: 'ObjectTimeline', object: { kind: 'Deployment', apiVersion: 'apps/v1', namespace: 'default', name: 'web', uid: 'u2' },
    });
  });

  it('given no events, then undefined (the 404)', () => {
    expect(objectTimeline([])).toBeUndefined();
  });
});

describe('versionAt', () => {
  const t = buildTimeline(STREAM);
  it('given a position, then the entry that produced the version there', () => {
    expect(versionAt(t, 9)).toBeUndefined();
    expect(versionAt(t, 10)?.resourceVersion).toBe('10');
    expect(versionAt(t, 14)?.resourceVersion).toBe('12');
    expect(versionAt(t, 1000)?.resourceVersion).toBe('21');
  });
});
