import type { Deployment, ReplicaSet } from '../api/types';
import type { ControllerAction } from './actions';
import { reconcileDeployment } from './deployment';
import { deploymentRequeueAfterMs } from './deployment-status';
import { FakeCluster, makeDeployment, makeReplicaSet } from './fake-cluster.test-helper';
import { runUntilStable, settle } from './rollout-sim.test-helper';
import { computeTemplateHash } from './template-hash';

const t0 = new Date('2024-01-01T00:00:00Z');
const after = (ms: number) => new Date(t0.getTime() + ms);

function givenDeployment(replicas = 3, spec: Partial<Deployment['spec']> = {}): Deployment {
  const d = makeDeployment('web', replicas, spec);
  d.metadata.uid = 'd-uid';
  d.metadata.resourceVersion = '5';
  return d;
}

const ofType = <T extends ControllerAction['type']>(actions: ControllerAction[], type: T) => actions.filter((a): a is Extract<ControllerAction, { type: T }> => a.type === type);

function web(cluster: FakeCluster): Deployment {
  return cluster.get<Deployment>('Deployment', 'default', 'web')!;
}

function reconcileIn(cluster: FakeCluster, now: Date): ControllerAction[] {
  return reconcileDeployment(web(cluster), cluster.list('ReplicaSet'), cluster.list('Pod'), now);
}

describe('reconcileDeployment: first rollout', () => {
  it('creates ReplicaSet <name>-<hash> at revision 1 with the hash label, owner reference and replicas annotations', () => {
    const d = givenDeployment(3);
    const actions = reconcileDeployment(d, [], [], t0);
    const [create] = ofType(actions, 'create');
    const hash = computeTemplateHash(d.spec.template);
    const rs = create.object as ReplicaSet;
    expect(create.kind).toBe('ReplicaSet');
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    expect(rs.spec.template?.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec.replicas).toBe(3);
    expect(rs.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-uid', controller: true, blockOwnerDeletion: true }]);
    expect(rs.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    const [status] = ofType(actions, 'updateStatus');
    const written = status.object as Deployment;
    expect(written.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    expect(written.status?.observedGeneration).toBe(1);
    expect(written.status?.unavailableReplicas).toBe(3);
    expect(written.status?.conditions).toEqual([
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetCreated', message: `Created new replica set "web-${hash}"`, lastUpdateTime: '2024-01-01T00:00:00Z', lastTransitionTime: '2024-01-01T00:00:00Z' },
      { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.', lastUpdateTime: '2024-01-01T00:00:00Z', lastTransitionTime: '2024-01-01T00:00:00Z' },
    ]);
  });

  it('is idempotent: applying the actions and reconciling again yields []', () => {
    const cluster = new FakeCluster();
    cluster.add('Deployment', givenDeployment(3), t0);
    cluster.apply(reconcileIn(cluster, t0), t0);
    expect(reconcileIn(cluster, t0)).toEqual([]);
    // Once pods are ready the status moves to complete, then stays put.
    const end = runUntilStable(cluster, t0);
    expect(web(cluster).status?.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
    expect(reconcileIn(cluster, new Date(end.getTime() + 3_600_000))).toEqual([]);
  });

  it('adopts an orphan ReplicaSet its selector matches and uses it when the template matches', () => {
    const d = givenDeployment(2);
    const hash = computeTemplateHash(d.spec.template);
    const orphan = makeReplicaSet(`web-${hash}`, 2, { app: 'web', 'pod-template-hash': hash });
    orphan.metadata.uid = 'rs-uid';
    orphan.spec.template = { ...d.spec.template, metadata: { labels: { app: 'web', 'pod-template-hash': hash } } };
    const actions = reconcileDeployment(d, [orphan], [], t0);
    expect(ofType(actions, 'create')).toEqual([]);
    const [update] = ofType(actions, 'update');
    expect(update.object.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'Deployment', uid: 'd-uid', controller: true })]);
    expect(update.object.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(update.reason).toContain('adopt orphan ReplicaSet');
  });

  it('on a pod-template-hash collision bumps status.collisionCount instead of creating, then creates under the new hash', () => {
    const cluster = new FakeCluster();
    const d = cluster.add('Deployment', givenDeployment(1), t0);
    const squatter = makeReplicaSet(`web-${computeTemplateHash(d.spec.template)}`, 0, { app: 'other' });
    cluster.add('ReplicaSet', squatter, t0);
    const first = reconcileIn(cluster, t0);
    expect(first.map((a) => a.type)).toEqual(['updateStatus']);
    expect((first[0].type === 'updateStatus' && (first[0].object as Deployment).status?.collisionCount)).toBe(1);
    cluster.apply(first, t0);
    const [create] = ofType(reconcileIn(cluster, t0), 'create');
    expect(create.object.metadata.name).toBe(`web-${computeTemplateHash(d.spec.template, 1)}`);
  });
});

describe('reconcileDeployment: paused', () => {
  it('does not roll out a template change but still applies scaling, and marks Progressing DeploymentPaused', () => {
    const cluster = new FakeCluster();
    cluster.add('Deployment', givenDeployment(2), t0);
    const now = runUntilStable(cluster, t0);
    const paused = web(cluster);
    paused.spec.paused = true;
    paused.spec.template.spec.containers[0].image = 'nginx:2';
    cluster.put(paused);
    const actions = reconcileIn(cluster, now);
    expect(ofType(actions, 'create')).toEqual([]);
    const status = (ofType(actions, 'updateStatus')[0].object as Deployment).status;
    expect(status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    cluster.apply(actions, now);

    cluster.put({ ...web(cluster), spec: { ...web(cluster).spec, replicas: 5 } });
    settle(cluster, now);
    const rsList = cluster.list<ReplicaSet>('ReplicaSet');
    expect(rsList.map((r) => [r.spec.replicas, r.spec.template?.spec.containers[0].image])).toEqual([[5, 'nginx:1']]);
    expect(deploymentRequeueAfterMs(web(cluster), now)).toBeUndefined();

    cluster.put({ ...web(cluster), spec: { ...web(cluster).spec, paused: false } });
    runUntilStable(cluster, now);
    const images = cluster.list<ReplicaSet>('ReplicaSet').filter((r) => r.spec.replicas).map((r) => r.spec.template?.spec.containers[0].image);
    expect(images).toEqual(['nginx:2']);
  });
});

describe('reconcileDeployment: progress deadline', () => {
  it('reports ProgressDeadlineExceeded once no progress was made for progressDeadlineSeconds', () => {
    const cluster = new FakeCluster();
    cluster.add('Deployment', givenDeployment(2, { progressDeadlineSeconds: 60 }), t0);
    settle(cluster, t0); // pods are created but never become ready
    const d = web(cluster);
    // Pods being created counts as progress (updatedReplicas grew): the deadline runs from then.
    expect(d.status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ reason: 'ReplicaSetUpdated', lastUpdateTime: '2024-01-01T00:00:00Z' });
    expect(deploymentRequeueAfterMs(d, after(10_000))).toBe(51_000);
    expect(reconcileIn(cluster, after(60_000))).toEqual([]); // not yet: the check is strict
    const late = reconcileIn(cluster, after(61_000));
    const rsName = cluster.list<ReplicaSet>('ReplicaSet')[0].metadata.name;
    const progressing = (ofType(late, 'updateStatus')[0].object as Deployment).status?.conditions?.find((c) => c.type === 'Progressing');
    expect(progressing).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rsName}" has timed out progressing.` });
    cluster.apply(late, after(61_000));
    expect(deploymentRequeueAfterMs(web(cluster), after(61_000))).toBeUndefined();
    expect(reconcileIn(cluster, after(120_000))).toEqual([]);
  });
});

describe('reconcileDeployment: history cleanup', () => {
  it('skips old ReplicaSets that still have pods or unobserved specs', () => {
    const cluster = new FakeCluster();
    const d = cluster.add('Deployment', givenDeployment(1, { revisionHistoryLimit: 0 }), t0);
    const now = runUntilStable(cluster, t0);
    const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid!, controller: true };
    const old = (name: string, revision: string, status: ReplicaSet['status'], generation = 1): ReplicaSet => {
      const rs = makeReplicaSet(name, 0, { app: 'web', 'pod-template-hash': name });
      rs.metadata = { ...rs.metadata, ownerReferences: [ref], annotations: { 'deployment.kubernetes.io/revision': revision }, generation };
      rs.spec.template!.spec.containers[0].image = `old-${name}`;
      rs.status = status;
      return rs;
    };
    cluster.add('ReplicaSet', old('a', '1', { replicas: 0, observedGeneration: 1 }), t0);
    cluster.add('ReplicaSet', old('b', '2', { replicas: 1, observedGeneration: 1 }), t0);
    cluster.add('ReplicaSet', old('c', '3', { replicas: 0, observedGeneration: 1 }, 2), t0);
    const deletes = ofType(reconcileIn(cluster, now), 'delete');
    expect(deletes.map((a) => a.name)).toEqual(['a']);
    expect(deletes[0].reason).toBe('revision history limit 0: delete revision 1');
  });
});
