/**
 * decide: given one command and the current version of its object, the
 * domain events that carry it out, or an ApiError saying why not. Pure:
 * time, uid and the admission rules come in as inputs or imports.
 */
import type { KubeObject } from '../api/meta';
import type { ResourceInfo } from '../api/resources';
import { alreadyExists, conflict, invalid, notFound, staleConflict } from '../api/errors';
import { applyDefaults, prepareForCreate, prepareForStatusUpdate, prepareForUpdate, validateCreate, validateStatusUpdate, validateUpdate } from '../admission';
import { diffToJsonPatch } from '../patch/json-patch';
import type { DomainEvent } from './domain-event';
import { rfc3339 } from './timestamps';
import { changeEvent, sameButTimes, withoutVersion } from './changes';
import { deepEqual } from '../patch/json-value';

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export type ObjectCommand =
  | { type: 'Create'; resource: ResourceInfo; object: KubeObject; now: Date; uid: string }
  | { type: 'Update'; resource: ResourceInfo; object: KubeObject; now: Date; subresource?: 'status' | 'finalize' }
  | { type: 'Scale'; resource: ResourceInfo; replicas: number; now: Date; resourceVersion?: string }
  | { type: 'Bind'; resource: ResourceInfo; nodeName: string; now: Date; resourceVersion?: string; uid?: string }
  | {
      type: 'Delete';
      resource: ResourceInfo;
      now: Date;
      gracePeriodSeconds?: number;
      propagationPolicy?: PropagationPolicy;
      preconditions?: { uid?: string; resourceVersion?: string };
    };

/** The outcome: events to append (maybe none) and the object they produce (undefined once deleted). */
export interface Decision {
  events: DomainEvent[];
  object: KubeObject | undefined;
}

/** Decides any command; `current` is the object's current version or undefined. */
export function decide(cmd: ObjectCommand, current: KubeObject | undefined, name: string): Decision {
  switch (cmd.type) {
    case 'Create':
      return decideCreate(cmd, current);
    case 'Update':
      return decideUpdate(cmd, must(cmd.resource, current, name));
    case 'Scale':
      return decideScale(cmd, must(cmd.resource, current, name));
    case 'Bind':
      return decideBind(cmd, must(cmd.resource, current, name));
    case 'Delete':
      return decideDelete(cmd, must(cmd.resource, current, name));
    default: {
      const never: never = cmd;
      return never;
    }
  }
}

function must(resource: ResourceInfo, current: KubeObject | undefined, name: string): KubeObject {
  if (!current) throw notFound(resource.plural, name, resource.group);
  return current;
}

function decideCreate(cmd: Extract<ObjectCommand, { type: 'Create' }>, current: KubeObject | undefined): Decision {
  const { resource } = cmd;
  const name = cmd.object.metadata.name ?? '';
  if (current) throw alreadyExists(resource.plural, name, resource.group);
  const object = prepareForCreate(resource.kind, applyDefaults(resource.kind, cmd.object), { uid: cmd.uid, now: rfc3339(cmd.now) });
  delete object.metadata.resourceVersion;
  const errors = validateCreate(resource.kind, object);
  if (errors.length > 0) throw invalid(resource.kind, name, errors, resource.group);
  return { events: [{ kind: resource.kind, suffix: 'Created', data: { object } }], object };
}

function checkVersion(resource: ResourceInfo, current: KubeObject, resourceVersion: string | undefined): void {
  if (resourceVersion && resourceVersion !== current.metadata.resourceVersion) {
    throw staleConflict(resource.plural, current.metadata.name ?? '', resource.group);
  }
}

function decideUpdate(cmd: Extract<ObjectCommand, { type: 'Update' }>, current: KubeObject): Decision {
  const { resource } = cmd;
  const kind = resource.kind;
  checkVersion(resource, current, cmd.object.metadata.resourceVersion);
  let next: KubeObject;
  if (cmd.subresource === 'status') next = prepareForStatusUpdate(kind, current, cmd.object);
  else if (cmd.subresource === 'finalize') next = withSpecFinalizers(current, cmd.object);
  else next = applyDefaults(kind, prepareForUpdate(kind, current, cmd.object));
  next = { ...next, metadata: { ...next.metadata, resourceVersion: current.metadata.resourceVersion } };
  const errors = cmd.subresource === 'status' ? validateStatusUpdate(kind, current, next) : validateUpdate(kind, current, next);
  if (errors.length > 0) throw invalid(kind, current.metadata.name ?? '', errors, resource.group);
  return finishChange(resource, current, next, cmd.subresource === 'status' ? 'status' : 'update');
}

/** namespaces/finalize: only spec.finalizers changes (how the namespace controller lets go). */
function withSpecFinalizers(current: KubeObject, proposed: KubeObject): KubeObject {
  const finalizers = (proposed.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
  return { ...current, spec: { ...(current.spec as object), finalizers } };
}

function decideScale(cmd: Extract<ObjectCommand, { type: 'Scale' }>, current: KubeObject): Decision {
  const { resource } = cmd;
  checkVersion(resource, current, cmd.resourceVersion);
  const spec = { ...(current.spec as Record<string, unknown>), replicas: cmd.replicas };
  return decideUpdate({ type: 'Update', resource, now: cmd.now, object: { ...current, spec, metadata: { ...current.metadata } } }, current);
}

function decideBind(cmd: Extract<ObjectCommand, { type: 'Bind' }>, current: KubeObject): Decision {
  const { resource } = cmd;
  const name = current.metadata.name ?? '';
  checkVersion(resource, current, cmd.resourceVersion);
  if (cmd.uid && cmd.uid !== current.metadata.uid) throw conflict(resource.plural, name, 'the object has been modified; please apply your changes to the latest version and try again');
  const spec = current.spec as { nodeName?: string };
  if (current.metadata.deletionTimestamp) throw conflict(resource.plural, name, `pod ${name} is being deleted, cannot be assigned to a host`);
  if (spec.nodeName) throw conflict(resource.plural, name, `pod ${name} is already assigned to node "${spec.nodeName}"`);
  const next = { ...current, spec: { ...spec, nodeName: cmd.nodeName } } as KubeObject;
  const status = (current.status ?? {}) as { conditions?: { type: string }[] };
  const conditions = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
  conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(cmd.now) } as never);
  next.status = { ...status, conditions };
  const patch = diffToJsonPatch(withoutVersion(current), withoutVersion(next));
  return { events: [{ kind: resource.kind, suffix: 'Bound', data: { nodeName: cmd.nodeName, patch } }], object: next };
}

/** The deletion grace period kube would apply: pods wait for their kubelet unless never scheduled or finished. */
function gracePeriod(resource: ResourceInfo, current: KubeObject, requested: number | undefined): number {
  if (resource.kind !== 'Pod') return 0;
  const spec = current.spec as { nodeName?: string; terminationGracePeriodSeconds?: number };
  const phase = (current.status as { phase?: string } | undefined)?.phase;
  if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
  const grace = requested ?? spec.terminationGracePeriodSeconds ?? 30;
  return Math.max(0, grace);
}

function decideDelete(cmd: Extract<ObjectCommand, { type: 'Delete' }>, current: KubeObject): Decision {
  const { resource } = cmd;
  const name = current.metadata.name ?? '';
  const pre = cmd.preconditions;
  if (pre?.uid && pre.uid !== current.metadata.uid) {
    throw conflict(resource.plural, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`);
  }
  if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
    throw conflict(resource.plural, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`);
  }
  const grace = gracePeriod(resource, current, cmd.gracePeriodSeconds);
  const finalizers = [...(current.metadata.finalizers ?? [])];
  const specFinalizers = namespaceFinalizers(current);
  const policyFinalizer = cmd.propagationPolicy === 'Orphan' ? 'orphan' : cmd.propagationPolicy === 'Foreground' ? 'foregroundDeletion' : undefined;
  if (policyFinalizer && !finalizers.includes(policyFinalizer)) finalizers.push(policyFinalizer);
  const deleted: Decision = { events: [{ kind: resource.kind, suffix: 'Deleted', data: {} }], object: undefined };
  const existing = current.metadata.deletionTimestamp;
  if (existing) {
    const currentGrace = current.metadata.deletionGracePeriodSeconds ?? 0;
    if (finalizers.length === 0 && specFinalizers.length === 0 && grace === 0) return deleted;
    if (grace >= currentGrace && deepEqual(finalizers, current.metadata.finalizers ?? [])) return { events: [], object: current };
  } else if (finalizers.length === 0 && specFinalizers.length === 0 && grace === 0) {
    return deleted;
  }
  const deletionTimestamp = rfc3339(new Date(cmd.now.getTime() + grace * 1000));
  const metadata = { ...current.metadata, deletionTimestamp, deletionGracePeriodSeconds: grace };
  if (finalizers.length > 0) metadata.finalizers = finalizers;
  const next: KubeObject = { ...current, metadata };
  // A namespace shows it is being emptied.
  if (resource.kind === 'Namespace') next.status = { ...(current.status as object), phase: 'Terminating' };
  const patch = diffToJsonPatch(withoutVersion(current), withoutVersion(next));
  return { events: [{ kind: resource.kind, suffix: 'DeletionRequested', data: { deletionTimestamp, gracePeriodSeconds: grace, patch } }], object: next };
}

/** A namespace's spec.finalizers: the namespace controller's work still to do. */
function namespaceFinalizers(object: KubeObject): string[] {
  if (object.kind !== 'Namespace') return [];
  return (object.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
}

/**
 * The events for a proposed new version: none when nothing changed (so a
 * repeated apply appends nothing), a named event when the change has a
 * better name than Updated, and a final Deleted when an update removes the
 * last finalizer of an object whose deletion was requested.
 */
function finishChange(resource: ResourceInfo, current: KubeObject, next: KubeObject, verb: 'update' | 'status'): Decision {
  if (sameButTimes(current, next)) return { events: [], object: current };
  const events = [changeEvent(resource, current, next, verb)];
  const finalizers = next.metadata.finalizers ?? [];
  if (next.metadata.deletionTimestamp && finalizers.length === 0 && namespaceFinalizers(next).length === 0 && (next.metadata.deletionGracePeriodSeconds ?? 0) === 0) {
    events.push({ kind: resource.kind, suffix: 'Deleted', data: {} });
    return { events, object: undefined };
  }
  return { events, object: next };
}
