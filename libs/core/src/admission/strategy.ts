/**
 * The registry strategies' Prepare steps, which run between defaulting and
 * validation: what the server sets or resets on create, what a client may
 * not change through the main resource (status) or through the status
 * subresource (spec), and generation bookkeeping. Time, ids and randomness
 * come in as inputs; every function returns a new object.
 */
import type { KubeObject, ObjectMeta } from '../api/meta';
import type { Condition, Service } from '../api/types';
import type { Random } from './allocators';
import { generateName } from './generate-name';
import { nextGeneration } from './generation';
import { carryOverSystemFields } from './object-meta';
import { computeQOSClass } from './qos';
import { normalizeClusterIPs, prepareServiceUpdate } from './service-prepare';
import { asArray, asRecord, clone } from './util';

/** What the server supplies for a new object. */
export interface CreateContext {
  /** The new object's metadata.uid. */
  uid: string;
  /** RFC 3339 creation time, e.g. `2025-01-02T03:04:05Z`. */
  now: string;
  /** Used for generateName; defaults to Math.random. */
  random?: Random;
}

const STATUS_KINDS = ['Pod', 'Service', 'Deployment', 'ReplicaSet', 'Namespace', 'Node'];

function setGeneration(meta: ObjectMeta, generation: number | undefined): void {
  if (generation === undefined) delete meta.generation;
  else meta.generation = generation;
}

/**
 * PrepareForCreate plus the generic registry's create-time metadata: uid,
 * creationTimestamp, a generated name, no deletion fields, generation, and
 * the kind's initial status (a Pod is Pending with its QoS class, a
 * Namespace Active with the `kubernetes` finalizer, workloads and Services
 * start with an empty status).
 */
export function prepareForCreate<T extends KubeObject>(kind: string, obj: T, ctx: CreateContext): T & KubeObject {
  let out = clone(obj);
  const meta: ObjectMeta = (out.metadata = out.metadata ?? {});
  meta.uid = ctx.uid;
  meta.creationTimestamp = ctx.now;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  if (!meta.name && meta.generateName) meta.name = generateName(meta.generateName, ctx.random);
  setGeneration(meta, nextGeneration(kind, undefined, out));
  const o = out as KubeObject;
  switch (kind) {
    case 'Pod': {
      const status: Record<string, unknown> = { phase: 'Pending', qosClass: computeQOSClass(asRecord(o.spec) as never) };
      if (asArray(asRecord(o.spec)?.schedulingGates).length) {
        const gated: Condition = { type: 'PodScheduled', status: 'False', reason: 'SchedulingGated',
          message: 'Scheduling is blocked due to non-empty scheduling gates', lastProbeTime: null };
        status.conditions = [gated];
      }
      o.status = status;
      break;
    }
    // ReplicaSetStatus.replicas is not omitempty, so an empty status still shows it.
    case 'Deployment':
      o.status = {};
      break;
    case 'ReplicaSet':
      o.status = { replicas: 0 };
      break;
    case 'Service':
      out = normalizeClusterIPs(undefined, out as unknown as Service) as unknown as T;
      (out as KubeObject).status = { loadBalancer: {} };
      break;
    case 'Namespace':
      o.spec = { ...(asRecord(o.spec) ?? {}), finalizers: ['kubernetes'] };
      o.status = { phase: 'Active' };
      break;
  }
  return out;
}

/**
 * PrepareForUpdate of the main resource: system metadata and status come
 * from the stored object, a Namespace keeps its spec.finalizers, a Service
 * gets the registry's clusterIP/nodePort fix-ups, and generation advances
 * when the spec changed.
 */
export function prepareForUpdate<T extends KubeObject>(kind: string, before: KubeObject, after: T): T & KubeObject {
  let out = carryOverSystemFields(before, after);
  const o = out as KubeObject;
  if (STATUS_KINDS.includes(kind)) {
    if (before.status === undefined) delete o.status;
    else o.status = clone(before.status);
  }
  if (kind === 'Namespace') {
    o.spec = { ...(asRecord(o.spec) ?? {}), finalizers: clone(asRecord(before.spec)?.finalizers) };
  }
  if (kind === 'Service') out = prepareServiceUpdate(before as Service, out as unknown as Service) as unknown as T;
  setGeneration((out as KubeObject).metadata, nextGeneration(kind, before, out));
  return out;
}

/**
 * PrepareForUpdate of the status subresource: only status (and ordinary
 * metadata) may change, so spec comes from the stored object; workloads
 * also keep their labels and Pods their owner references, as kube's status
 * strategies do. Generation never moves.
 */
export function prepareForStatusUpdate<T extends KubeObject>(kind: string, before: KubeObject, after: T): T & KubeObject {
  const out = carryOverSystemFields(before, after);
  const o = out as KubeObject;
  if (before.spec === undefined) delete o.spec;
  else o.spec = clone(before.spec);
  if (kind === 'Deployment' || kind === 'ReplicaSet') {
    if (before.metadata?.labels) o.metadata.labels = clone(before.metadata.labels);
    else delete o.metadata.labels;
  }
  if (kind === 'Pod') {
    if (before.metadata?.ownerReferences) o.metadata.ownerReferences = clone(before.metadata.ownerReferences);
    else delete o.metadata.ownerReferences;
  }
  setGeneration(o.metadata, nextGeneration(kind, before, out, 'status'));
  return out;
}
