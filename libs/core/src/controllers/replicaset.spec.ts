import type { Pod, ReplicaSet } from '../api/types';
import { slowStartBatches, type ControllerAction } from './actions';
import { FakeCluster, makePod, makeReplicaSet, runningPod } from './fake-cluster.test-helper';
import { rankPodsForDeletion } from './pod-ranking';
import { reconcileReplicaSet, replicaSetRequeueAfterMs } from './replicaset';

const now = new Date('2024-01-01T01:00:00Z');
const labels = { app: 'web' };

function givenRS(replicas: number, extra: Partial<ReplicaSet['spec']> = {}): ReplicaSet {
  const rs = makeReplicaSet('web', replicas, labels);
  rs.metadata.uid = 'rs-uid';
  rs.metadata.resourceVersion = '7';
  rs.spec = { ...rs.spec, ...extra };
  return rs;
}

function owned(rs: ReplicaSet, pod: Pod): Pod {
  pod.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name!, uid: rs.metadata.uid!, controller: true, blockOwnerDeletion: true }];
  return pod;
}

const ofType = <T extends ControllerAction['type']>(actions: ControllerAction[], type: T) => actions.filter((a): a is Extract<ControllerAction, { type: T }> => a.type === type);

describe('reconcileReplicaSet', () => {
  it('given 3 replicas and 1 owned pod, creates 2 pods from the template with a controller ownerReference', () => {
    const rs = givenRS(3);
    const pods = [owned(rs, runningPod(makePod('web-a', labels), now))];
    const actions = reconcileReplicaSet(rs, pods, now);
    const creates = ofType(actions, 'create');
    expect(creates).toHaveLength(2);
    for (const c of creates) {
      expect(c.kind).toBe('Pod');
      expect(c.namespace).toBe('default');
      expect(c.object.metadata.generateName).toBe('web-');
      expect(c.object.metadata.name).toBeUndefined();
      expect(c.object.metadata.labels).toEqual(labels);
      expect(c.object.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }]);
      expect((c.object as Pod).spec.containers[0].image).toBe('nginx:1');
    }
    expect(creates.map((c) => c.reason)).toEqual(['scale up: 1 -> 3 replicas', 'scale up: 1 -> 3 replicas']);
    const [status] = ofType(actions, 'updateStatus');
    expect((status.object as ReplicaSet).status).toMatchObject({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 });
  });

  it('is idempotent: applying the actions and reconciling again yields []', () => {
    const cluster = new FakeCluster();
    const rs = cluster.add('ReplicaSet', givenRS(4));
    cluster.apply(reconcileReplicaSet(rs, cluster.list('Pod'), now), now);
    expect(cluster.list('Pod')).toHaveLength(4);
    expect(reconcileReplicaSet(cluster.get('ReplicaSet', 'default', 'web')!, cluster.list('Pod'), now)).toEqual([]);
    // Pods becoming ready changes status only.
    cluster.runPods(now);
    const again = reconcileReplicaSet(cluster.get('ReplicaSet', 'default', 'web')!, cluster.list('Pod'), now);
    expect(again.map((a) => a.type)).toEqual(['updateStatus']);
    cluster.apply(again, now);
    expect(reconcileReplicaSet(cluster.get('ReplicaSet', 'default', 'web')!, cluster.list('Pod'), now)).toEqual([]);
  });

  it('deletes surplus pods in kube ranking order: unassigned, pending, not ready, then most recently ready', () => {
    const rs = givenRS(2);
    const t = (s: string) => new Date(s);
    const unassigned = owned(rs, makePod('unassigned', labels));
    const pending = owned(rs, { ...makePod('pending', labels), spec: { containers: [], nodeName: 'n1' } });
    const notReady = owned(rs, runningPod(makePod('not-ready', labels), t('2024-01-01T00:00:00Z'), 'n1', false));
    const readyRecent = owned(rs, runningPod(makePod('ready-recent', labels), t('2024-01-01T00:59:00Z'), 'n1'));
    const readyOld = owned(rs, runningPod(makePod('ready-old', labels), t('2023-12-01T00:00:00Z'), 'n1'));
    const readyOlder = owned(rs, runningPod(makePod('ready-older', labels), t('2023-01-01T00:00:00Z'), 'n2'));
    const actions = reconcileReplicaSet(rs, [readyOlder, readyRecent, unassigned, readyOld, notReady, pending], now);
    const deleted = ofType(actions, 'delete').map((a) => a.name);
    expect(deleted).toEqual(['unassigned', 'pending', 'not-ready', 'ready-recent']);
    expect(ofType(actions, 'delete')[0]).toMatchObject({ kind: 'Pod', uid: 'uid-unassigned', reason: 'scale down: 6 -> 2 replicas' });
    expect((ofType(actions, 'updateStatus')[0].object as ReplicaSet).status).toMatchObject({ replicas: 2, readyReplicas: 2 });
  });

  it('adopts matching orphans, releases owned pods that stopped matching, ignores pods of other controllers', () => {
    const rs = givenRS(2);
    const orphan = runningPod(makePod('orphan', labels), now);
    const relabelled = owned(rs, makePod('relabelled', { app: 'other' }));
    const foreign = makePod('foreign', labels, { metadata: { name: 'foreign', namespace: 'default', labels, uid: 'uid-f', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'x', uid: 'x', controller: true }] } });
    const kept = owned(rs, makePod('kept', labels));
    const actions = reconcileReplicaSet(rs, [orphan, relabelled, foreign, kept], now);
    const updates = ofType(actions, 'update');
    expect(updates.map((u) => u.object.metadata.name)).toEqual(['orphan', 'relabelled']);
    expect(updates[0].object.metadata.ownerReferences).toEqual([expect.objectContaining({ uid: 'rs-uid', controller: true })]);
    expect(updates[1].object.metadata.ownerReferences).toBeUndefined();
    // orphan + kept fill the 2 replicas: nothing to create or delete.
    expect(ofType(actions, 'create')).toHaveLength(0);
    expect(ofType(actions, 'delete')).toHaveLength(0);
  });

  it('does not count terminal or terminating pods, and does not adopt them', () => {
    const rs = givenRS(2);
    const failed = owned(rs, { ...makePod('failed', labels), status: { phase: 'Failed' } });
    const terminating = owned(rs, makePod('terminating', labels));
    terminating.metadata.deletionTimestamp = '2024-01-01T00:59:00Z';
    const orphanDone = { ...makePod('orphan-done', labels), status: { phase: 'Succeeded' as const } };
    const actions = reconcileReplicaSet(rs, [failed, terminating, orphanDone], now);
    expect(ofType(actions, 'create')).toHaveLength(2);
    expect(ofType(actions, 'update')).toHaveLength(0);
  });

  it('creates at most burstReplicas pods per reconcile', () => {
    expect(ofType(reconcileReplicaSet(givenRS(600), [], now), 'create')).toHaveLength(500);
    expect(ofType(reconcileReplicaSet(givenRS(600), [], now, { burstReplicas: 10 }), 'create')).toHaveLength(10);
  });

  it('neither creates nor deletes while the ReplicaSet is being deleted', () => {
    const rs = givenRS(3);
    rs.metadata.deletionTimestamp = '2024-01-01T00:00:00Z';
    const actions = reconcileReplicaSet(rs, [], now);
    expect(actions.filter((a) => a.type !== 'updateStatus')).toEqual([]);
  });

  it('counts a pod available only after minReadySeconds, and says when to look again', () => {
    const rs = givenRS(1, { minReadySeconds: 30 });
    const pod = owned(rs, runningPod(makePod('p', labels), new Date(now.getTime() - 10_000)));
    const [status] = ofType(reconcileReplicaSet(rs, [pod], now), 'updateStatus');
    expect((status.object as ReplicaSet).status).toEqual({ replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, observedGeneration: 1 });
    expect(replicaSetRequeueAfterMs(rs, [pod], now)).toBe(21_000);
    const later = new Date(now.getTime() + 21_000);
    expect((ofType(reconcileReplicaSet(rs, [pod], later), 'updateStatus')[0].object as ReplicaSet).status?.availableReplicas).toBe(1);
    expect(replicaSetRequeueAfterMs(rs, [pod], later)).toBeUndefined();
  });

  it('writes no status when nothing differs', () => {
    const rs = givenRS(1);
    const pod = owned(rs, runningPod(makePod('p', labels), now));
    rs.status = { replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 };
    expect(reconcileReplicaSet(rs, [pod], now)).toEqual([]);
    rs.metadata.generation = 2;
    expect(reconcileReplicaSet(rs, [pod], now).map((a) => a.type)).toEqual(['updateStatus']);
  });
});

describe('rankPodsForDeletion', () => {
  const base = (name: string, node: string) => runningPod(makePod(name, labels), new Date('2024-01-01T00:00:00Z'), node);
  it('prefers a lower pod-deletion-cost, then doubled-up nodes, then more restarts', () => {
    const cheap = base('cheap', 'n1');
    cheap.metadata.annotations = { 'controller.kubernetes.io/pod-deletion-cost': '-10' };
    const lonely = base('lonely', 'n3');
    const crowded1 = base('crowded1', 'n2');
    const crowded2 = base('crowded2', 'n2');
    const restarts = base('restarts', 'n4');
    restarts.status!.containerStatuses = [{ name: 'app', ready: true, restartCount: 5, image: 'x' }];
    const order = rankPodsForDeletion([lonely, restarts, crowded1, cheap, crowded2], [lonely, restarts, crowded1, cheap, crowded2], now).map((p) => p.metadata.name);
    expect(order[0]).toBe('cheap');
    expect(order.slice(1, 3).sort()).toEqual(['crowded1', 'crowded2']);
    expect(order[3]).toBe('restarts');
    expect(order[4]).toBe('lonely');
  });
});

describe('slowStartBatches', () => {
  it('doubles from the initial size and caps the last batch', () => {
    expect(slowStartBatches(10)).toEqual([1, 2, 4, 3]);
    expect(slowStartBatches(0)).toEqual([]);
  });
});
