/**
 * The node lifecycle controller: a node whose Lease stops being renewed
 * past the grace period goes Ready=Unknown with the unreachable taints, and
 * its pods are evicted once their tolerations run out; a node that comes
 * back loses the taints. Time-driven, so each node says when to look again.
 */
import { NODE_LEASE_NAMESPACE, reconcileNodeLifecycle, type Change, type Lease, type Node, type NodeLifecycleOptions, type Pod, type ReconcileResult } from '@chronokube/core';
import type { CommandBus } from '@nestjs/cqrs';
import type { ProjectionService } from '../projection/projection.service';
import { ReconcilingController } from './reconciling-controller';
import { LEASES, NODES, PODS, splitKey } from './workload-index';


export class NodeLifecycleController extends ReconcilingController {
  /** Pods by node name, kept from the projection's changes, so a node's pods cost no scan. */
  private readonly podsByNode = new Map<string, Set<string>>();

  protected override readonly primary = NODES;

  constructor(projection: ProjectionService, commands: CommandBus, private readonly options: NodeLifecycleOptions) {
    super('node-lifecycle-controller', projection, commands, 2);
  }

  private index(pod: Pod | undefined, add: boolean): void {
    const node = pod?.spec?.nodeName;
    if (!node) return;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    let set = this.podsByNode.get(node);
    if (!set) this.podsByNode.set(node, (set = new Set()));
    if (add) set.add(key);
    else set.delete(key);
  }

  protected *initialKeys(): Iterable<string> {
    for (const stored of this.projection.state.list(PODS)) this.index(stored.object as Pod, true);
    for (const stored of this.projection.state.list(NODES)) yield stored.object.metadata.name!;
  }

  protected *keysFor(change: Change): Iterable<string> {
    if (change.resource === NODES) yield change.key;
    else if (change.resource === LEASES && change.key.startsWith(`${NODE_LEASE_NAMESPACE}/`)) yield change.key.slice(NODE_LEASE_NAMESPACE.length + 1);
    else if (change.resource === PODS) {
      this.index(change.before as Pod | undefined, false);
      this.index(change.after as Pod | undefined, true);
      const node = (change.after as Pod | undefined)?.spec?.nodeName;
      // A pod arriving on a tainted node may need evicting.
      const nodeObject = node ? this.projection.state.get(NODES, undefined, node)?.object as Node | undefined : undefined;
      if (node && nodeObject?.spec?.taints?.length) yield node;
    }
  }

  protected reconcile(name: string, now: Date): ReconcileResult {
    const node = this.projection.state.get(NODES, undefined, name)?.object as Node | undefined;
    if (!node) return { actions: [] };
    const lease = this.projection.state.get(LEASES, NODE_LEASE_NAMESPACE, name)?.object as Lease | undefined;
    const pods: Pod[] = [];
    for (const key of this.podsByNode.get(name) ?? []) {
      const [ns, podName] = splitKey(key);
      const pod = this.projection.state.get(PODS, ns, podName)?.object as Pod | undefined;
      if (pod) pods.push(pod);
    }
    return reconcileNodeLifecycle(node, lease, pods, now, this.options);
  }
}
