import type { Node, Pod } from '../api/types';
import type { ControllerAction } from './actions';
import { FakeCluster, makeNode, makePod } from './fake-cluster.test-helper';
import { podsToCollect } from './pod-gc';

const now = new Date('2024-01-01T01:00:00Z');

function podAt(name: string, phase: NonNullable<Pod['status']>['phase'], created: string, nodeName = 'node-1'): Pod {
  const p = makePod(name, { app: 'x' });
  p.metadata.creationTimestamp = created;
  p.spec = { ...p.spec, nodeName };
  p.status = { phase };
  return p;
}

function node(name: string, ready: 'True' | 'False' | 'Unknown' = 'True', taints?: Node['spec']): Node {
  return makeNode(name, { spec: taints ?? {}, status: { conditions: [{ type: 'Ready', status: ready }] } });
}

const deletedNames = (actions: ControllerAction[]) => actions.filter((a) => a.type === 'delete').map((a) => (a.type === 'delete' ? a.name : ''));

describe('podsToCollect', () => {
  it('deletes terminated pods beyond the threshold, evicted first, then oldest first', () => {
    const pods = [
      podAt('new-done', 'Succeeded', '2024-01-01T00:30:00Z'),
      podAt('old-done', 'Succeeded', '2024-01-01T00:10:00Z'),
      podAt('running', 'Running', '2023-01-01T00:00:00Z'),
      { ...podAt('evicted', 'Failed', '2024-01-01T00:50:00Z'), status: { phase: 'Failed' as const, reason: 'Evicted' } },
      podAt('mid-failed', 'Failed', '2024-01-01T00:20:00Z'),
    ];
    const actions = podsToCollect(pods, [node('node-1')], { terminatedPodThreshold: 2 });
    expect(deletedNames(actions)).toEqual(['evicted', 'old-done']);
    expect(actions.every((a) => a.type === 'delete' && a.gracePeriodSeconds === 0)).toBe(true);
    expect(podsToCollect(pods, [node('node-1')], { terminatedPodThreshold: 4 })).toEqual([]);
  });

  it('force-deletes pods bound to a node that no longer exists, marking running ones Failed first', () => {
    const orphan = podAt('orphan', 'Running', '2024-01-01T00:00:00Z', 'gone-node');
    const actions = podsToCollect([orphan, podAt('fine', 'Running', '2024-01-01T00:00:00Z')], [node('node-1')], { now });
    expect(actions.map((a) => a.type)).toEqual(['updateStatus', 'delete']);
    const status = actions[0].type === 'updateStatus' ? (actions[0].object as Pod).status : undefined;
    expect(status?.phase).toBe('Failed');
    expect(status?.conditions).toEqual([{ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists', lastTransitionTime: '2024-01-01T01:00:00Z' }]);
    expect(actions[1]).toMatchObject({ name: 'orphan', uid: 'uid-orphan', gracePeriodSeconds: 0 });
  });

  it('force-deletes terminating pods on unreachable nodes and unscheduled terminating pods, not those on healthy nodes', () => {
    const terminating = (name: string, nodeName: string) => {
      const p = podAt(name, 'Running', '2024-01-01T00:00:00Z', nodeName);
      p.metadata.deletionTimestamp = '2024-01-01T00:59:00Z';
      return p;
    };
    const unscheduled = terminating('unscheduled', '');
    unscheduled.status = { phase: 'Pending' };
    const pods = [terminating('on-unreachable', 'lost'), terminating('on-tainted', 'tainted'), terminating('on-healthy', 'node-1'), unscheduled];
    const nodes = [node('node-1'), node('lost', 'Unknown'), node('tainted', 'False', { taints: [{ key: 'node.kubernetes.io/out-of-service', effect: 'NoExecute' }] })];
    expect(deletedNames(podsToCollect(pods, nodes))).toEqual(['on-unreachable', 'on-tainted', 'unscheduled']);
  });

  it('collects each pod once and is idempotent once its actions are applied', () => {
    const cluster = new FakeCluster();
    cluster.add('Pod', podAt('orphan-done', 'Succeeded', '2024-01-01T00:00:00Z', 'gone'));
    cluster.add('Pod', podAt('orphan-running', 'Running', '2024-01-01T00:00:00Z', 'gone'));
    const first = podsToCollect(cluster.list('Pod'), [], { terminatedPodThreshold: 0, now });
    expect(deletedNames(first)).toEqual(['orphan-done', 'orphan-running']);
    cluster.apply(first, now);
    expect(podsToCollect(cluster.list('Pod'), [], { now })).toEqual([]);
  });
});
