import { ApiError } from '../api/errors';
import type { RecordedEvent } from '../domain/cluster-state';
import { histogram, isNoise, matchEvent, toHistoryEvent } from './events';
import type { HistoryEvent } from './types';

const T0 = Date.UTC(2026, 11, 5, 3, 0, 0);

function recorded(over: Partial<RecordedEvent> = {}): RecordedEvent {
  return {
    streamId: 'pod-default.web-1', revision: 0n, type: 'PodCreated', position: 42, id: 'e1',
    data: { object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'default', uid: 'pod-uid' } } },
    metadata: { actor: 'alice', verb: 'create', userAgent: 'kubectl/v1.32', sourceIP: '10.0.0.7', correlationId: 'c1', causationId: 'r1', extra: 5 },
    ...over,
  };
}

function ev(over: Partial<HistoryEvent> = {}): HistoryEvent {
  return { ...toHistoryEvent(recorded(), T0)!, ...over };
}

describe('toHistoryEvent', () => {
  it('given a recorded creation, then the contract shape with the object ref and uid from the stream and data', () => {
    expect(toHistoryEvent(recorded(), T0)).toEqual({
      id: 'e1', resourceVersion: '42', time: '2026-12-05T03:00:00.000Z', type: 'PodCreated', stream: 'pod-default.web-1',
      object: { kind: 'Pod', apiVersion: 'v1', namespace: 'default', name: 'web-1', uid: 'pod-uid' },
      actor: 'alice', verb: 'create', userAgent: 'kubectl/v1.32', sourceIP: '10.0.0.7', correlationId: 'c1', causationId: 'r1',
    });
  });

  it('given data asked for and a cluster-scoped kind, then data is included and no namespace', () => {
    const e = toHistoryEvent(recorded({ streamId: 'deployment-prod.api', type: 'DeploymentScaled', data: { replicas: 3 } }), '2026-12-05T03:00:00.000Z', { data: true, uid: 'd1' })!;
    expect(e.object).toEqual({ kind: 'Deployment', apiVersion: 'apps/v1', namespace: 'prod', name: 'api', uid: 'd1' });
    expect(e.data).toEqual({ replicas: 3 });
    expect(toHistoryEvent(recorded({ streamId: 'node-n1', type: 'NodeCreated', data: {} }), T0)!.object).toEqual({ kind: 'Node', apiVersion: 'v1', name: 'n1' });
  });

  it('given a component observation, then it is shown', () => {
    const e = toHistoryEvent(recorded({ metadata: { actor: 'system:controller:replicaset', verb: 'update', correlationId: 'c', observation: 'resync' } }), T0)!;
    expect(e.observation).toBe('resync');
    expect(e.causationId).toBeUndefined();
  });

  it("given a binding with the scheduler's decision in its metadata, then the decision is shown; a malformed one is left out", () => {
    const decision = { feasibleNodes: 3, evaluatedNodes: 4, topScores: [{ node: 'n2', total: 180, plugins: { NodeResourcesFit: 90 } }, { node: 'n1', total: 170, plugins: {} }] };
    const bound = toHistoryEvent(recorded({ type: 'PodBound', metadata: { actor: 'system:kube-scheduler', verb: 'create', correlationId: 'c', causationId: 'e0', scheduler: decision } }), T0)!;
    expect(bound.scheduler).toEqual(decision);
    expect(toHistoryEvent(recorded({ metadata: { actor: 'x', verb: 'create', correlationId: 'c', scheduler: { feasibleNodes: 'many' } } }), T0)!.scheduler).toBeUndefined();
    expect(toHistoryEvent(recorded(), T0)!.scheduler).toBeUndefined();
  });

  it('given an audit or foreign stream, then it is not cluster history', () => {
    expect(toHistoryEvent(recorded({ streamId: 'audit-2026-12-05', type: 'RequestRefused' }), T0)).toBeUndefined();
    expect(toHistoryEvent(recorded({ streamId: 'incident-abc' }), T0)).toBeUndefined();
  });
});

describe('matchEvent', () => {
  it('given no filter, then everything matches', () => {
    expect(matchEvent({}, ev())).toBe(true);
  });

  it.each([
    [{ kind: 'pods' }, true], [{ kind: 'Pod' }, true], [{ kind: 'po' }, true], [{ kind: 'Deployment' }, false],
    [{ namespace: 'default' }, true], [{ namespace: 'prod' }, false],
    [{ name: 'web-1' }, true], [{ name: 'web' }, false],
    [{ actor: 'alice' }, true], [{ actor: 'ali' }, false], [{ actor: 'ali*' }, true], [{ actor: 'system:node:*' }, false],
    [{ verb: 'create' }, true], [{ verb: 'delete' }, false],
    [{ type: ['PodBound', 'PodCreated'] }, true], [{ type: ['PodBound'] }, false],
    [{ correlationId: 'c1' }, true], [{ correlationId: 'c2' }, false],
    [{ kind: 'Pod', namespace: 'default', actor: 'alice', verb: 'delete' }, false],
  ])('given filter %j, then %s', (filter, expected) => {
    expect(matchEvent(filter, ev())).toBe(expected);
  });

  it('given a node prefix, then node actors match', () => {
    expect(matchEvent({ actor: 'system:node:*' }, ev({ actor: 'system:node:n1' }))).toBe(true);
  });

  it('given excludeNoise, then lease renewals drop and real changes stay', () => {
    expect(matchEvent({ excludeNoise: true }, ev({ type: 'LeaseUpdated' }))).toBe(false);
    expect(matchEvent({ excludeNoise: true }, ev())).toBe(true);
  });
});

describe('isNoise', () => {
  const heartbeat = { patch: [
    { op: 'replace', path: '/status/conditions/0/lastHeartbeatTime', value: '2026-12-05T03:00:10Z' },
    { op: 'replace', path: '/status/conditions/1/lastHeartbeatTime', value: '2026-12-05T03:00:10Z' },
    { op: 'replace', path: '/metadata/managedFields/0/time', value: '2026-12-05T03:00:10Z' },
  ] };

  it('given Lease events, then noise', () => {
    expect(isNoise({ type: 'LeaseUpdated' })).toBe(true);
    expect(isNoise({ type: 'LeaseCreated' })).toBe(true);
  });

  it('given a node status change of heartbeat times only, then noise', () => {
    expect(isNoise({ type: 'NodeStatusChanged', data: heartbeat })).toBe(true);
  });

  it('given a node status change that also flips readiness, then not noise', () => {
    const flip = { patch: [...heartbeat.patch, { op: 'replace', path: '/status/conditions/0/status', value: 'False' }] };
    expect(isNoise({ type: 'NodeStatusChanged', data: flip })).toBe(false);
  });

  it('given a node status change without data, only managedFields, or a pod heartbeat-like patch, then not noise', () => {
    expect(isNoise({ type: 'NodeStatusChanged' })).toBe(false);
    expect(isNoise({ type: 'NodeStatusChanged', data: { patch: [{ op: 'replace', path: '/metadata/managedFields/0/time', value: 'x' }] } })).toBe(false);
    expect(isNoise({ type: 'PodStatusChanged', data: heartbeat })).toBe(false);
  });
});

describe('histogram', () => {
  it('given times in a range, then counts per bucket from the start, the end inclusive', () => {
    const times = [T0, T0 + 59_999, T0 + 60_000, T0 + 150_000, T0 + 180_000, T0 - 1, T0 + 180_001];
    expect(histogram(times, T0, T0 + 180_000, 60_000)).toEqual({
      bucketSeconds: 60,
      buckets: [
        { start: '2026-12-05T03:00:00.000Z', count: 2 },
        { start: '2026-12-05T03:01:00.000Z', count: 1 },
        { start: '2026-12-05T03:02:00.000Z', count: 2 },
      ],
    });
  });

  it('given a range shorter than a bucket, then one bucket', () => {
    expect(histogram([T0 + 5], T0, T0 + 10, 60_000).buckets).toEqual([{ start: '2026-12-05T03:00:00.000Z', count: 1 }]);
  });

  it.each([
    [0, 'invalid bucket: must be a positive duration'],
    [1, 'invalid bucket: 86400000 buckets, at most 10000; choose a larger bucket or a shorter range'],
  ])('given bucket %d ms over a day, then 400 %s', (bucket, message) => {
    let err: unknown;
    try {
      histogram([], T0, T0 + 86_400_000, bucket);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe(400);
    expect((err as ApiError).message).toBe(message);
  });
});
