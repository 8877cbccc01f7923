/**
 * metadata.generation, as kube-apiserver 1.32 keeps it. Only Deployments and
 * ReplicaSets track it here: 1 on create, +1 when the spec changes (for
 * Deployments also when annotations change, since they are copied to
 * ReplicaSets). Pods only start tracking it in 1.33 (KEP-5067); Services,
 * Namespaces, Nodes, ConfigMaps, Endpoints, Events and Leases never do.
 * Status writes never change it.
 */
import type { KubeObject } from '../api/meta';
import { asRecord, semanticEqual } from './util';

/** Kinds whose registry strategy sets and bumps metadata.generation. */
export const GENERATION_TRACKED: readonly string[] = ['Deployment', 'ReplicaSet'];

/** Which write is happening: the main resource, or a subresource. */
export type Subresource = 'status' | 'scale' | undefined;

/**
 * The generation `after` should be stored with. `before` is the stored
 * object (undefined on create). Untracked kinds keep whatever the stored
 * object had, as the generic registry copies it on update; a scale write
 * changes spec.replicas and so bumps a tracked kind like any spec change.
 */
export function nextGeneration(kind: string, before: KubeObject | undefined, after: KubeObject, subresource?: Subresource): number | undefined {
  const tracked = GENERATION_TRACKED.includes(kind);
  if (!before) return tracked ? 1 : after.metadata?.generation;
  const prev = before.metadata?.generation;
  if (!tracked || subresource === 'status') return prev;
  const specChanged = !semanticEqual(asRecord(before.spec), asRecord(after.spec));
  const annotationsChanged = kind === 'Deployment' && !semanticEqual(before.metadata?.annotations, after.metadata?.annotations);
  return specChanged || annotationsChanged ? (prev ?? 0) + 1 : prev;
}
