/**
 * Rollouts simulated end to end: the Deployment and ReplicaSet reconcilers
 * run over an in-memory cluster, pods become ready between steps, and the
 * strategy's invariants are checked after every applied batch.
 */
import type { Deployment, Pod, ReplicaSet } from '../api/types';
import { reconcileDeployment } from './deployment';
import { FakeCluster, makeDeployment } from './fake-cluster.test-helper';
import { availablePods, rolloutStatus, runUntilStable, settle } from './rollout-sim.test-helper';
import { REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION } from './deployment-util';

const t0 = new Date('2024-01-01T00:00:00Z');

function deployed(spec: Partial<Deployment['spec']>, replicas: number): { cluster: FakeCluster; now: Date } {
  const cluster = new FakeCluster();
  cluster.add('Deployment', makeDeployment('web', replicas, spec), t0);
  const now = runUntilStable(cluster, t0);
  return { cluster, now };
}

function web(cluster: FakeCluster): Deployment {
  return cluster.get<Deployment>('Deployment', 'default', 'web')!;
}

function withImage(d: Deployment, image: string): Deployment {
  const next = structuredClone(d);
  next.spec.template.spec.containers[0].image = image;
  return next;
}

function sets(cluster: FakeCluster): ReplicaSet[] {
  return cluster.list<ReplicaSet>('ReplicaSet').sort((a, b) => Number(a.metadata.annotations?.[REVISION_ANNOTATION]) - Number(b.metadata.annotations?.[REVISION_ANNOTATION]));
}

describe('RollingUpdate', () => {
  it('with maxSurge 1 / maxUnavailable 0 over 4 replicas replaces one pod at a time, never above 5 or below 4 available', () => {
    const { cluster, now } = deployed({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } }, 4);
    expect(rolloutStatus(web(cluster)).done).toBe(true);
    expect(availablePods(cluster)).toHaveLength(4);

    cluster.put(withImage(web(cluster), 'nginx:2'));
    const steps: string[] = [];
    const messages = new Set<string>();
    const check = () => {
      const rs = sets(cluster);
      const specSum = rs.reduce((n, r) => n + (r.spec.replicas ?? 0), 0);
      expect(specSum).toBeLessThanOrEqual(5);
      expect(availablePods(cluster).length).toBeGreaterThanOrEqual(4);
      const step = rs.map((r) => r.spec.replicas).join('/');
      if (steps[steps.length - 1] !== step) steps.push(step);
      messages.add(rolloutStatus(web(cluster)).message);
    };
    const end = runUntilStable(cluster, now, check, 10_000, () => {
      expect(cluster.list<Pod>('Pod').filter((p) => !p.metadata.deletionTimestamp).length).toBeLessThanOrEqual(5);
    });

    // old/new spec.replicas, one pod at a time.
    expect(steps).toEqual(['4/1', '3/2', '2/3', '1/4', '0/4']);
    expect(messages).toContain('Waiting for deployment "web" rollout to finish: 1 out of 4 new replicas have been updated...');
    const [old, current] = sets(cluster);
    expect(old.metadata.annotations?.[REVISION_ANNOTATION]).toBe('1');
    expect(current.metadata.annotations?.[REVISION_ANNOTATION]).toBe('2');
    expect(current.spec.template?.spec.containers[0].image).toBe('nginx:2');
    const d = web(cluster);
    expect(d.metadata.annotations?.[REVISION_ANNOTATION]).toBe('2');
    expect(d.status).toMatchObject({ observedGeneration: 2, replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4 });
    expect(d.status?.unavailableReplicas).toBeUndefined();
    expect(d.status?.conditions).toEqual([
      expect.objectContaining({ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }),
      expect.objectContaining({ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${current.metadata.name}" has successfully progressed.` }),
    ]);
    expect(rolloutStatus(d)).toEqual({ done: true, message: 'deployment "web" successfully rolled out' });
    expect(reconcileDeployment(d, cluster.list('ReplicaSet'), cluster.list('Pod'), end)).toEqual([]);
  });

  it('with the default 25%/25% over 10 replicas keeps total <= 13 and available >= 8 at every step', () => {
    const { cluster, now } = deployed({}, 10);
    cluster.put(withImage(web(cluster), 'nginx:2'));
    let maxSpec = 0;
    let minAvailable = Infinity;
    runUntilStable(cluster, now, () => {
      maxSpec = Math.max(maxSpec, sets(cluster).reduce((n, r) => n + (r.spec.replicas ?? 0), 0));
      minAvailable = Math.min(minAvailable, availablePods(cluster).length);
    });
    expect(maxSpec).toBe(13);
    expect(minAvailable).toBe(8);
    expect(sets(cluster).map((r) => r.spec.replicas)).toEqual([0, 10]);
    expect(rolloutStatus(web(cluster)).done).toBe(true);
  });

  it('kubectl rollout restart (a restartedAt template annotation) rolls out a new ReplicaSet', () => {
    const { cluster, now } = deployed({}, 2);
    const d = web(cluster);
    const before = sets(cluster)[0].metadata.name;
    d.spec.template.metadata = { ...d.spec.template.metadata, annotations: { 'kubectl.kubernetes.io/restartedAt': '2024-01-01T00:05:00Z' } };
    cluster.put(d);
    runUntilStable(cluster, now);
    const [old, current] = sets(cluster);
    expect(old.metadata.name).toBe(before);
    expect(current.metadata.name).not.toBe(before);
    expect(current.spec.template?.metadata?.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': '2024-01-01T00:05:00Z' });
    expect([old.spec.replicas, current.spec.replicas]).toEqual([0, 2]);
  });

  it('rollout undo (template patched back) reuses the old ReplicaSet with the next revision', () => {
    const { cluster, now } = deployed({}, 3);
    const v1 = web(cluster);
    const rsV1 = sets(cluster)[0];
    cluster.put(withImage(v1, 'nginx:2'));
    const later = runUntilStable(cluster, now);
    expect(sets(cluster).map((r) => r.spec.replicas)).toEqual([0, 3]);

    cluster.put({ ...web(cluster), spec: { ...web(cluster).spec, template: v1.spec.template } });
    const undo = reconcileDeployment(web(cluster), cluster.list('ReplicaSet'), cluster.list('Pod'), later);
    expect(undo.filter((a) => a.type === 'create')).toEqual([]);
    const reused = undo.find((a) => a.type === 'update' && a.object.metadata.name === rsV1.metadata.name);
    expect(reused?.type === 'update' && reused.object.metadata.annotations).toMatchObject({ [REVISION_ANNOTATION]: '3', [REVISION_HISTORY_ANNOTATION]: '1' });
    runUntilStable(cluster, later);
    const byName = new Map(cluster.list<ReplicaSet>('ReplicaSet').map((r) => [r.metadata.name, r]));
    expect(byName.size).toBe(2);
    expect(byName.get(rsV1.metadata.name)?.spec.replicas).toBe(3);
    expect(web(cluster).metadata.annotations?.[REVISION_ANNOTATION]).toBe('3');
    expect(rolloutStatus(web(cluster)).done).toBe(true);
  });

  it('keeps only revisionHistoryLimit old ReplicaSets, deleting the lowest revisions', () => {
    let { cluster, now } = deployed({ revisionHistoryLimit: 2 }, 1);
    for (const image of ['nginx:2', 'nginx:3', 'nginx:4', 'nginx:5']) {
      cluster.put(withImage(web(cluster), image));
      now = runUntilStable(cluster, now);
    }
    expect(sets(cluster).map((r) => r.metadata.annotations?.[REVISION_ANNOTATION])).toEqual(['3', '4', '5']);
    expect(sets(cluster).map((r) => r.spec.replicas)).toEqual([0, 0, 1]);
  });

  it('scales proportionally when spec.replicas changes mid-rollout', () => {
    const { cluster, now } = deployed({}, 10);
    cluster.put(withImage(web(cluster), 'nginx:2'));
    settle(cluster, now); // new pods stay unready: the rollout is stuck mid-way
    const mid = sets(cluster).map((r) => r.spec.replicas ?? 0);
    expect(mid).toEqual([8, 5]);
    cluster.put({ ...web(cluster), spec: { ...web(cluster).spec, replicas: 20 } });
    const actions = reconcileDeployment(web(cluster), cluster.list('ReplicaSet'), cluster.list('Pod'), now);
    cluster.apply(actions, now);
    const scaled = sets(cluster);
    // 20 + 25% surge = 25, spread 8:5 → 15:10 (rounded), each annotated with the new sizes.
    expect(scaled.map((r) => r.spec.replicas)).toEqual([15, 10]);
    for (const r of scaled) expect(r.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/desired-replicas': '20', 'deployment.kubernetes.io/max-replicas': '25' });
    runUntilStable(cluster, now);
    expect(sets(cluster).map((r) => r.spec.replicas)).toEqual([0, 20]);
  });
});

describe('Recreate', () => {
  it('scales the old ReplicaSet to 0 and waits for its pods to be gone before creating the new one', () => {
    const { cluster, now } = deployed({ strategy: { type: 'Recreate' } }, 3);
    cluster.gracefulPods = true;
    cluster.put(withImage(web(cluster), 'nginx:2'));
    const check = () => {
      const images = new Set(cluster.list<Pod>('Pod').map((p) => p.spec.containers[0].image));
      expect(images.size).toBeLessThanOrEqual(1); // never old and new pods at once
    };
    settle(cluster, now, check);
    expect(sets(cluster).map((r) => r.spec.replicas)).toEqual([0]);
    expect(cluster.list<Pod>('Pod').every((p) => p.metadata.deletionTimestamp)).toBe(true);
    // Terminating old pods hold the new ReplicaSet back.
    expect(reconcileDeployment(web(cluster), cluster.list('ReplicaSet'), cluster.list('Pod'), now).filter((a) => a.type === 'create')).toEqual([]);

    cluster.finishTerminating();
    const create = reconcileDeployment(web(cluster), cluster.list('ReplicaSet'), cluster.list('Pod'), now).find((a) => a.type === 'create');
    expect((create?.object as ReplicaSet).spec.replicas).toBe(3);
    runUntilStable(cluster, now, check);
    expect(sets(cluster).map((r) => r.spec.replicas)).toEqual([0, 3]);
    expect(rolloutStatus(web(cluster)).done).toBe(true);
  });
});
