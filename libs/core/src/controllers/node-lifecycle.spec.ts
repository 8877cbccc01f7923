import type { Lease, Node, Pod, Taint } from '../api/types';
import type { ControllerAction } from './actions';
import { FakeCluster, makeNode, makePod } from './fake-cluster.test-helper';
import { reconcileNodeLifecycle } from './node-lifecycle';

const t0 = new Date('2024-01-01T00:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const iso = (s: number) => at(s).toISOString().replace('.000Z', 'Z');

const defaultTolerations = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists' as const, effect: 'NoExecute' as const, tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists' as const, effect: 'NoExecute' as const, tolerationSeconds: 300 },
];

function readyNode(heartbeat: number): Node {
  const cond = (type: string, status: 'True' | 'False') => ({ type, status, reason: 'Kubelet', lastHeartbeatTime: iso(heartbeat), lastTransitionTime: iso(0) });
  return makeNode('node-1', { status: { conditions: [cond('MemoryPressure', 'False'), cond('DiskPressure', 'False'), cond('PIDPressure', 'False'), cond('Ready', 'True')] } });
}

function lease(renew: number): Lease {
  return { metadata: { name: 'node-1', namespace: 'kube-node-lease' }, spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: at(renew).toISOString() } };
}

function podOn(name: string, tolerations?: Pod['spec']['tolerations']): Pod {
  const p = makePod(name, { app: 'x' });
  p.spec = { ...p.spec, nodeName: 'node-1', tolerations };
  p.status = { phase: 'Running', podIP: '10.0.0.1', conditions: [{ type: 'Ready', status: 'True' }] };
  return p;
}

const ofType = <T extends ControllerAction['type']>(actions: ControllerAction[], type: T) => actions.filter((a): a is Extract<ControllerAction, { type: T }> => a.type === type);

describe('reconcileNodeLifecycle', () => {
  it('leaves a node with a fresh lease alone and asks to look again when the grace period would expire', () => {
    const result = reconcileNodeLifecycle(readyNode(0), lease(30), [podOn('a')], at(35));
    expect(result.actions).toEqual([]);
    expect(result.requeueAfterMs).toBe(35_001); // renewed at 30s, grace 40s → stale after 70s
  });

  it('marks a silent node Unknown, taints it unreachable, evicts intolerant pods at once and schedules the rest', () => {
    const node = readyNode(0);
    const pods = [podOn('tolerates-300', defaultTolerations), podOn('intolerant', []), podOn('forever', [{ operator: 'Exists' }])];
    const { actions, requeueAfterMs } = reconcileNodeLifecycle(node, lease(0), pods, at(41));

    const [status] = ofType(actions, 'updateStatus').filter((a) => a.kind === 'Node');
    const conditions = (status.object as Node).status?.conditions ?? [];
    expect(conditions.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['MemoryPressure', 'Unknown', 'NodeStatusUnknown'],
      ['DiskPressure', 'Unknown', 'NodeStatusUnknown'],
      ['PIDPressure', 'Unknown', 'NodeStatusUnknown'],
      ['Ready', 'Unknown', 'NodeStatusUnknown'],
    ]);
    expect(conditions[3]).toMatchObject({ message: 'Kubelet stopped posting node status.', lastTransitionTime: iso(41), lastHeartbeatTime: iso(0) });
    expect(status.object.metadata.resourceVersion).toBe('1');

    const [taintUpdate] = ofType(actions, 'update');
    expect((taintUpdate.object as Node).spec?.taints).toEqual([
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: iso(41) },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: iso(41) },
    ]);
    // Second write to the same node: unconditional.
    expect(taintUpdate.object.metadata.resourceVersion).toBeUndefined();

    const deletes = ofType(actions, 'delete');
    expect(deletes).toEqual([expect.objectContaining({ kind: 'Pod', name: 'intolerant', uid: 'uid-intolerant', gracePeriodSeconds: 0 })]);
    expect(deletes[0].reason).toContain('not tolerated');
    const podStatuses = ofType(actions, 'updateStatus').filter((a) => a.kind === 'Pod');
    const podStatus = podStatuses.find((a) => a.object.metadata.name === 'intolerant')!;
    expect((podStatus.object as Pod).status?.conditions).toContainEqual(expect.objectContaining({ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager' }));
    // The pods that stay are marked not Ready (kube's MarkPodsNotReady), so Endpoints stop sending them traffic.
    const notReady = podStatuses.filter((a) => a.object.metadata.name !== 'intolerant');
    expect(notReady.map((a) => a.object.metadata.name).sort()).toEqual(['forever', 'tolerates-300']);
    for (const a of notReady) {
      expect((a.object as Pod).status?.conditions).toEqual([{ type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: iso(41) }]);
      expect(a.reason).toBe(`pod default/${a.object.metadata.name}: node node-1 is not ready`);
    }
    expect(requeueAfterMs).toBe(300_000);
  });

  it('leaves pods alone while the node is Ready, and does not mark them again once they are not Ready', () => {
    const fresh = reconcileNodeLifecycle(readyNode(0), lease(30), [podOn('a')], at(35));
    expect(ofType(fresh.actions, 'updateStatus')).toEqual([]);
    const marked = podOn('a', defaultTolerations);
    marked.status!.conditions = [{ type: 'Ready', status: 'False' }];
    const again = reconcileNodeLifecycle(readyNode(0), lease(0), [marked], at(41));
    expect(ofType(again.actions, 'updateStatus').filter((a) => a.kind === 'Pod')).toEqual([]);
  });

  it('evicts pods with the default 300s toleration only once timeAdded + 300s is reached', () => {
    const cluster = new FakeCluster();
    cluster.add('Node', readyNode(0));
    cluster.add('Pod', podOn('web', defaultTolerations));
    const pass = (s: number) => {
      const result = reconcileNodeLifecycle(cluster.get<Node>('Node', undefined, 'node-1')!, lease(0), cluster.list('Pod'), at(s));
      cluster.apply(result.actions, at(s));
      return result;
    };
    expect(pass(41).actions.filter((a) => a.type === 'delete')).toEqual([]);
    expect(pass(200)).toEqual({ actions: [], requeueAfterMs: 141_000 });
    expect(pass(340).actions.filter((a) => a.type === 'delete')).toEqual([]); // timeAdded 41 + 300 = 341
    const evicted = pass(341);
    expect(evicted.actions.map((a) => a.type)).toEqual(['updateStatus', 'delete']);
    expect(evicted.actions[1]).toMatchObject({ name: 'web', gracePeriodSeconds: 0 });
    expect(evicted.actions[1].reason).toContain('tolerated for 300s only');
    expect(cluster.list('Pod')).toEqual([]);
    expect(pass(400)).toEqual({ actions: [] });
  });

  it('is idempotent: after applying its actions a second pass at the same time does nothing', () => {
    const cluster = new FakeCluster();
    cluster.add('Node', readyNode(0));
    const node = () => cluster.get<Node>('Node', undefined, 'node-1')!;
    cluster.apply(reconcileNodeLifecycle(node(), undefined, [], at(100)).actions, at(100));
    expect(reconcileNodeLifecycle(node(), undefined, [], at(100)).actions).toEqual([]);
  });

  it('removes the unreachable taints once the kubelet reports Ready again, keeping taints it does not own', () => {
    const userTaint: Taint = { key: 'dedicated', value: 'db', effect: 'NoSchedule' };
    const node = readyNode(500);
    node.spec = { taints: [userTaint, { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: iso(41) }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: iso(41) }] };
    const { actions } = reconcileNodeLifecycle(node, lease(500), [podOn('a', [])], at(505));
    expect(actions).toHaveLength(1);
    expect(actions[0].type === 'update' && (actions[0].object as Node).spec?.taints).toEqual([userTaint]);
  });

  it('taints a node whose kubelet reports Ready=False as not-ready, evicting without forcing', () => {
    const node = readyNode(100);
    node.status!.conditions![3] = { type: 'Ready', status: 'False', reason: 'KubeletNotReady', lastHeartbeatTime: iso(100) };
    const { actions } = reconcileNodeLifecycle(node, lease(100), [podOn('a', [])], at(101));
    expect(ofType(actions, 'updateStatus').filter((a) => a.kind === 'Node')).toEqual([]);
    expect((ofType(actions, 'update')[0].object as Node).spec?.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/not-ready:NoSchedule', 'node.kubernetes.io/not-ready:NoExecute']);
    const del = ofType(actions, 'delete')[0];
    expect(del.name).toBe('a');
    expect(del.gracePeriodSeconds).toBeUndefined();
  });

  it('gives a node that never posted status the startup grace period, then marks it NodeStatusNeverUpdated', () => {
    const fresh = makeNode('node-1', { metadata: { name: 'node-1', creationTimestamp: iso(0), resourceVersion: '1' } });
    expect(reconcileNodeLifecycle(fresh, undefined, [], at(59))).toEqual({ actions: [], requeueAfterMs: 1_001 });
    const { actions } = reconcileNodeLifecycle(fresh, undefined, [], at(61));
    const conditions = (ofType(actions, 'updateStatus')[0].object as Node).status?.conditions;
    expect(conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: iso(0) });
  });

  it('treats a pod without any tolerations as admission would (defaultTolerationSeconds)', () => {
    const node = readyNode(0);
    const { actions, requeueAfterMs } = reconcileNodeLifecycle(node, lease(0), [podOn('bare')], at(41), { defaultTolerationSeconds: 60 });
    expect(ofType(actions, 'delete')).toEqual([]);
    expect(requeueAfterMs).toBe(60_000);
  });
});
