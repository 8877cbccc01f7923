/**
 * Deployment bookkeeping shared by the rollout steps (kube's
 * deployment/util): revision and replicas annotations, ReplicaSet orders
 * and counts, template comparison.
 */
import type { Deployment, PodTemplateSpec, ReplicaSet } from '../api/types';
import { deepEqual } from '../patch/json-value';
import { clone, compareCreation } from './object-util';
import { POD_TEMPLATE_HASH_LABEL } from './template-hash';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
/** kube's cap on the revision-history annotation's length. */
export const MAX_REVISION_HISTORY_CHARS = 2000;

/** Deployment annotations never copied onto its ReplicaSets (they are the RS's own or client-side). */
const NOT_COPIED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  'deprecated.deployment.rollback.to',
]);

/** spec.replicas of a ReplicaSet (default 1, as admission defaults it). */
export function specReplicas(rs: ReplicaSet): number {
  return rs.spec.replicas ?? 1;
}

/** The revision annotation as a number (0 when absent or unparseable). */
export function revisionOf(rs: ReplicaSet): number {
  const n = Number.parseInt(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? '', 10);
  return Number.isFinite(n) ? n : 0;
}

/** The highest revision among `sets` (0 for none). */
export function maxRevision(sets: readonly ReplicaSet[]): number {
  return sets.reduce((max, rs) => Math.max(max, revisionOf(rs)), 0);
}

/** ReplicaSets with spec.replicas > 0. */
export function activeReplicaSets(sets: readonly (ReplicaSet | undefined)[]): ReplicaSet[] {
  return sets.filter((rs): rs is ReplicaSet => !!rs && specReplicas(rs) > 0);
}

/** Sum of spec.replicas. */
export function specReplicaCount(sets: readonly (ReplicaSet | undefined)[]): number {
  return sets.reduce((n, rs) => n + (rs ? specReplicas(rs) : 0), 0);
}

/** Sum of status.replicas (pods that exist and are not terminating). */
export function actualReplicaCount(sets: readonly (ReplicaSet | undefined)[]): number {
  return sets.reduce((n, rs) => n + (rs?.status?.replicas ?? 0), 0);
}

/** Sum of status.readyReplicas. */
export function readyReplicaCount(sets: readonly (ReplicaSet | undefined)[]): number {
  return sets.reduce((n, rs) => n + (rs?.status?.readyReplicas ?? 0), 0);
}

/**
 * Sum of status.availableReplicas, each capped by the set's spec.replicas:
 * after a scale-down this reconcile made, the status still counts pods the
 * ReplicaSet is about to delete (it deletes not-ready pods first, so at most
 * spec.replicas available ones stay). kube reads the raw status; the cap
 * keeps a reconcile that takes several rollout steps at once from scaling
 * down on availability that is already gone.
 */
export function availableReplicaCount(sets: readonly (ReplicaSet | undefined)[]): number {
  return sets.reduce((n, rs) => n + (rs ? Math.min(rs.status?.availableReplicas ?? 0, specReplicas(rs)) : 0), 0);
}

/** Oldest first (then by name). */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  return compareCreation(a, b);
}

/** Larger first; among equals the older first (scale down the old ones). */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  return specReplicas(b) - specReplicas(a) || compareCreation(a, b);
}

/** Larger first; among equals the newer first (scale up the new ones). */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  return specReplicas(b) - specReplicas(a) || compareCreation(b, a);
}

/** Lowest revision first, then oldest. */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  return revisionOf(a) - revisionOf(b) || compareCreation(a, b);
}

/** A template without the pod-template-hash label, for comparisons. */
function withoutHash(template: PodTemplateSpec | undefined): unknown {
  const copy = clone(template ?? ({} as PodTemplateSpec));
  const labels = copy.metadata?.labels;
  if (labels) {
    delete labels[POD_TEMPLATE_HASH_LABEL];
    if (Object.keys(labels).length === 0) delete copy.metadata!.labels;
  }
  if (copy.metadata && Object.keys(copy.metadata).length === 0) delete copy.metadata;
  return copy;
}

/** kube's EqualIgnoreHash: the templates are equal once the hash label is ignored. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return deepEqual(withoutHash(a), withoutHash(b));
}

/**
 * Copy the Deployment's annotations onto the ReplicaSet (all but the
 * RS-owned and client-side ones), so e.g. kubernetes.io/change-cause shows
 * in `kubectl rollout history`. Mutates `rs`; true when something changed.
 */
export function copyDeploymentAnnotations(d: Deployment, rs: ReplicaSet): boolean {
  let changed = false;
  const annotations = (rs.metadata.annotations = rs.metadata.annotations ?? {});
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (NOT_COPIED.has(k) || annotations[k] === v) continue;
    annotations[k] = v;
    changed = true;
  }
  return changed;
}

/** The desired/max-replicas annotations differ from `desired` / `max`. */
export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata.annotations ?? {};
  return a[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || a[MAX_REPLICAS_ANNOTATION] !== String(max);
}

/** Set the desired/max-replicas annotations (what proportional scaling reads back). Mutates `rs`. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  if (!replicasAnnotationsNeedUpdate(rs, desired, max)) return false;
  rs.metadata.annotations = { ...rs.metadata.annotations, [DESIRED_REPLICAS_ANNOTATION]: String(desired), [MAX_REPLICAS_ANNOTATION]: String(max) };
  return true;
}

/** An integer annotation of the ReplicaSet, if present and valid. */
export function intAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const n = Number.parseInt(rs.metadata.annotations?.[key] ?? '', 10);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * kube's SetNewReplicaSetAnnotations: copy the Deployment's annotations,
 * raise the revision to `newRevision` when it is higher (a reused
 * ReplicaSet, i.e. a rollback, records its previous revision in
 * revision-history, capped at 2000 characters), and on a ReplicaSet about
 * to be created set the replicas annotations. Mutates `rs`; true when changed.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean, desired: number, max: number): boolean {
  let changed = copyDeploymentAnnotations(d, rs);
  const annotations = (rs.metadata.annotations = rs.metadata.annotations ?? {});
  const oldText = annotations[REVISION_ANNOTATION];
  const old = revisionOf(rs);
  if (old < newRevision) {
    annotations[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (oldText !== undefined && oldText !== '') {
      const history = annotations[REVISION_HISTORY_ANNOTATION];
      if (!history) annotations[REVISION_HISTORY_ANNOTATION] = oldText;
      else {
        const previous = history.split(',');
        let total = history.length + oldText.length + 1;
        let start = 0;
        while (total > MAX_REVISION_HISTORY_CHARS && start < previous.length) total -= previous[start++].length + 1;
        if (total <= MAX_REVISION_HISTORY_CHARS) annotations[REVISION_HISTORY_ANNOTATION] = [...previous.slice(start), oldText].join(',');
      }
    }
  }
  if (!exists && setReplicasAnnotations(rs, desired, max)) changed = true;
  return changed;
}

