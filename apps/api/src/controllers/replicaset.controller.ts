/** The ReplicaSet controller: pods to match replicas, adoption, status. */
import { reconcileReplicaSet, replicaSetRequeueAfterMs, selectorFromLabelSelector, type Change, type ControllerAction, type Pod, type ReconcileResult, type ReplicaSet } from '@chronokube/core';
import type { WriteOutcome } from '../commands/object-writer';
import type { EventRecord } from '../kube-events';
import type { CommandBus } from '@nestjs/cqrs';
import type { ProjectionService } from '../projection/projection.service';
import { ReconcilingController } from './reconciling-controller';
import { PODS, REPLICASETS, controllerOwner, inNamespace, keyOf, splitKey, versions } from './workload-index';

export class ReplicaSetController extends ReconcilingController {
  protected override readonly primary = REPLICASETS;

  constructor(projection: ProjectionService, commands: CommandBus) {
    super('replicaset-controller', projection, commands);
  }

  protected *initialKeys(): Iterable<string> {
    for (const stored of this.projection.state.list(REPLICASETS)) yield keyOf(stored.object);
  }

  protected *keysFor(change: Change): Iterable<string> {
    if (change.resource === REPLICASETS) {
      yield change.key;
      return;
    }
    if (change.resource !== PODS) return;
    const seen = new Set<string>();
    for (const pod of versions(change)) {
      const owner = controllerOwner(pod);
      if (owner?.kind === 'ReplicaSet') seen.add(`${pod.metadata.namespace}/${owner.name}`);
      else if (!owner && change.after) {
        // An orphan may be adopted by any ReplicaSet whose selector matches it.
        for (const rs of inNamespace<ReplicaSet>(this.projection, REPLICASETS, pod.metadata.namespace!)) {
          if (selectorFromLabelSelector(rs.spec.selector).matches(pod.metadata.labels)) seen.add(keyOf(rs));
        }
      }
    }
    yield* seen;
  }

  /** kube's SuccessfulCreate / SuccessfulDelete: "Created pod: web-5d9c-x2k4q" on the ReplicaSet. */
  protected eventFor(action: ControllerAction, write: WriteOutcome | undefined): EventRecord | undefined {
    if (action.kind !== 'Pod' || (action.type !== 'create' && action.type !== 'delete')) return undefined;
    const pod = (action.type === 'create' ? write?.object : write?.before) as Pod | undefined;
    const owner = pod && controllerOwner(pod);
    if (!pod || owner?.kind !== 'ReplicaSet') return undefined;
    const rs = this.projection.state.get(REPLICASETS, pod.metadata.namespace, owner.name)?.object;
    if (!rs) return undefined;
    return action.type === 'create'
      ? { regarding: rs, type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod.metadata.name}`, component: 'replicaset-controller' }
      : { regarding: rs, type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${pod.metadata.name}`, component: 'replicaset-controller' };
  }

  protected reconcile(key: string, now: Date): ReconcileResult {
    const [namespace, name] = splitKey(key);
    const rs = this.projection.state.get(REPLICASETS, namespace, name)?.object as ReplicaSet | undefined;
    if (!rs || rs.metadata.deletionTimestamp) return { actions: [] };
    const uid = rs.metadata.uid;
    const pods = inNamespace<Pod>(this.projection, PODS, namespace!).filter((p) => {
      const owner = controllerOwner(p);
      return owner ? owner.uid === uid : true;
    });
    return { actions: reconcileReplicaSet(rs, pods, now), requeueAfterMs: replicaSetRequeueAfterMs(rs, pods, now) };
  }
}
