/**
 * The working state of one Deployment reconcile. kube's deployment
 * controller writes as it goes (an RS update here, a status update there)
 * and relies on the next sync to see the result; a pure reconciler instead
 * applies every step to copies and, at the end, diffs the copies against
 * what it read: one create or update per ReplicaSet, one status update for
 * the Deployment, whatever number of steps touched them.
 */
import type { Deployment, DeploymentStatus, ReplicaSet } from '../api/types';
import { deepEqual } from '../patch/json-value';
import type { ControllerAction } from './actions';
import { desiredReplicas, maxSurge } from './int-or-percent';
import { clone } from './object-util';
import { setReplicasAnnotations, specReplicas } from './deployment-util';

interface Entry {
  /** As read; undefined for a ReplicaSet this reconcile creates. */
  original?: ReplicaSet;
  reasons: string[];
}

export class RolloutPlan {
  /** Working copy of the Deployment's status. */
  status: DeploymentStatus;
  /** Working copy of the Deployment's annotations (the revision annotation lives here). */
  annotations: Record<string, string>;
  /** Set when a hash collision was found: only the status (collisionCount) is written this time. */
  collided = false;
  private readonly entries = new Map<ReplicaSet, Entry>();
  private readonly order: ReplicaSet[] = [];
  private readonly early: ControllerAction[] = [];
  private readonly late: ControllerAction[] = [];
  private readonly deleted = new Set<ReplicaSet>();

  constructor(readonly d: Deployment, readonly now: Date) {
    this.status = clone(d.status ?? {});
    this.annotations = { ...(d.metadata.annotations ?? {}) };
  }

  /** Track a ReplicaSet read from the cluster; returns its working copy. `working` may already differ (adoption). */
  track(original: ReplicaSet, working: ReplicaSet = clone(original), reason?: string): ReplicaSet {
    this.entries.set(working, { original, reasons: reason ? [reason] : [] });
    this.order.push(working);
    return working;
  }

  /** Track a ReplicaSet this reconcile creates. */
  add(created: ReplicaSet, reason: string): ReplicaSet {
    this.entries.set(created, { reasons: [reason] });
    this.order.push(created);
    return created;
  }

  /** The working copies, in tracking order. */
  get replicaSets(): ReplicaSet[] {
    return this.order.filter((rs) => !this.deleted.has(rs));
  }

  /** True when this reconcile changed `rs` (or creates it). */
  touched(rs: ReplicaSet): boolean {
    const entry = this.entries.get(rs);
    return !!entry && (!entry.original || !deepEqual(entry.original, rs));
  }

  /** Note why `rs` changes (for the action's reason). */
  note(rs: ReplicaSet, reason: string): void {
    this.entries.get(rs)?.reasons.push(reason);
  }

  /**
   * kube's scaleReplicaSet: set spec.replicas and refresh the
   * desired/max-replicas annotations. True when the size changed.
   */
  scale(rs: ReplicaSet, replicas: number, why: string): boolean {
    const before = specReplicas(rs);
    const d = this.d;
    const annotated = setReplicasAnnotations(rs, desiredReplicas(d), desiredReplicas(d) + maxSurge(d));
    if (before === replicas) {
      if (annotated) this.note(rs, 'replicas annotations');
      return false;
    }
    rs.spec.replicas = replicas;
    this.note(rs, `${why}: scaled ${replicas > before ? 'up' : 'down'} ${rs.metadata.name} from ${before} to ${replicas}`);
    return true;
  }

  /** kube's scaleReplicaSetAndRecordEvent: scale only when the size differs. */
  scaleTo(rs: ReplicaSet, replicas: number, why: string): boolean {
    return specReplicas(rs) === replicas ? false : this.scale(rs, replicas, why);
  }

  /** Queue a write that is not a tracked ReplicaSet change (releases come first, deletions after the RS writes). */
  push(action: ControllerAction, first = false): void {
    (first ? this.early : this.late).push(action);
  }

  /** Delete a tracked ReplicaSet. */
  remove(rs: ReplicaSet, reason: string): void {
    this.deleted.add(rs);
    this.late.push({ type: 'delete', kind: 'ReplicaSet', namespace: rs.metadata.namespace, name: rs.metadata.name ?? '', uid: rs.metadata.uid, reason });
  }

  /** Every write, in order: releases, RS creates/updates, deletions, then the Deployment status. */
  actions(): ControllerAction[] {
    const out: ControllerAction[] = [...this.early];
    if (!this.collided) {
      for (const rs of this.order) {
        const entry = this.entries.get(rs)!;
        const reason = entry.reasons.join('; ');
        if (!entry.original) out.push({ type: 'create', kind: 'ReplicaSet', namespace: rs.metadata.namespace ?? 'default', object: rs, reason });
        else if (!this.deleted.has(rs) && !deepEqual(entry.original, rs)) out.push({ type: 'update', kind: 'ReplicaSet', namespace: rs.metadata.namespace, object: rs, reason: reason || 'sync ReplicaSet' });
      }
      out.push(...this.late);
    }
    const d = this.d;
    if (!deepEqual(d.status ?? {}, this.status) || !deepEqual(d.metadata.annotations ?? {}, this.annotations)) {
      const metadata = { ...d.metadata };
      if (Object.keys(this.annotations).length) metadata.annotations = this.annotations;
      else delete metadata.annotations;
      out.push({ type: 'updateStatus', kind: 'Deployment', namespace: d.metadata.namespace, object: { ...d, metadata, status: this.status }, reason: statusReason(this.status) });
    }
    return out;
  }
}

function statusReason(s: DeploymentStatus): string {
  const progressing = s.conditions?.find((c) => c.type === 'Progressing');
  const tail = progressing?.reason ? ` (${progressing.reason})` : '';
  return `status: ${s.updatedReplicas ?? 0} updated, ${s.availableReplicas ?? 0} available of ${s.replicas ?? 0}${tail}`;
}
