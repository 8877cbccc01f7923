/** The Deployment controller: ReplicaSets by template hash, rollouts, status. */
import { deploymentRequeueAfterMs, reconcileDeployment, type Change, type ControllerAction, type Deployment, type Pod, type ReconcileResult, type ReplicaSet } from '@chronokube/core';
import type { EventRecord } from '../kube-events';
import type { WriteOutcome } from '../commands/object-writer';
import type { CommandBus } from '@nestjs/cqrs';
import type { ProjectionService } from '../projection/projection.service';
import { ReconcilingController } from './reconciling-controller';
import { DEPLOYMENTS, PODS, REPLICASETS, controllerOwner, inNamespace, keyOf, splitKey, versions } from './workload-index';

export class DeploymentController extends ReconcilingController {
  protected override readonly primary = DEPLOYMENTS;

  constructor(projection: ProjectionService, commands: CommandBus) {
    super('deployment-controller', projection, commands);
  }

  protected *initialKeys(): Iterable<string> {
    for (const stored of this.projection.state.list(DEPLOYMENTS)) yield keyOf(stored.object);
  }

  protected *keysFor(change: Change): Iterable<string> {
    if (change.resource === DEPLOYMENTS) {
      yield change.key;
      return;
    }
    const seen = new Set<string>();
    for (const o of versions(change)) {
      const ns = o.metadata.namespace!;
      if (change.resource === REPLICASETS) {
        const owner = controllerOwner(o);
        if (owner?.kind === 'Deployment') seen.add(`${ns}/${owner.name}`);
      } else if (change.resource === PODS) {
        // Availability of a pod moves its Deployment's status.
        const rsOwner = controllerOwner(o);
        if (rsOwner?.kind !== 'ReplicaSet') continue;
        const rs = this.projection.state.get(REPLICASETS, ns, rsOwner.name)?.object;
        const owner = controllerOwner(rs);
        if (owner?.kind === 'Deployment') seen.add(`${ns}/${owner.name}`);
      }
    }
    yield* seen;
  }

  /** kube's ScalingReplicaSet events: "Scaled up replica set web-5d9c from 0 to 3". */
  protected eventFor(action: ControllerAction, write: WriteOutcome | undefined): EventRecord | undefined {
    if (action.kind !== 'ReplicaSet' || (action.type !== 'create' && action.type !== 'update')) return undefined;
    const rs = (write?.object ?? action.object) as ReplicaSet;
    const next = rs.spec?.replicas ?? 0;
    const previous = action.type === 'create' ? 0 : ((write?.before as ReplicaSet | undefined)?.spec.replicas ?? 0);
    if (next === previous || !rs.metadata.name) return undefined;
    const owner = controllerOwner(rs);
    const deployment = owner ? this.projection.state.get(DEPLOYMENTS, rs.metadata.namespace, owner.name)?.object : undefined;
    if (!deployment) return undefined;
    return {
      regarding: deployment, type: 'Normal', reason: 'ScalingReplicaSet', component: 'deployment-controller',
      message: `Scaled ${next > previous ? 'up' : 'down'} replica set ${rs.metadata.name} from ${previous} to ${next}`,
    };
  }

  protected reconcile(key: string, now: Date): ReconcileResult {
    const [namespace, name] = splitKey(key);
    const d = this.projection.state.get(DEPLOYMENTS, namespace, name)?.object as Deployment | undefined;
    if (!d || d.metadata.deletionTimestamp) return { actions: [] };
    const replicaSets = inNamespace<ReplicaSet>(this.projection, REPLICASETS, namespace!);
    const owned = new Set(replicaSets.filter((rs) => controllerOwner(rs)?.uid === d.metadata.uid).map((rs) => rs.metadata.uid));
    const pods = inNamespace<Pod>(this.projection, PODS, namespace!).filter((p) => {
      const owner = controllerOwner(p);
      return owner?.kind === 'ReplicaSet' && owned.has(owner.uid);
    });
    return { actions: reconcileDeployment(d, replicaSets, pods, now), requeueAfterMs: deploymentRequeueAfterMs(d, now) };
  }
}
