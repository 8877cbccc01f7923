/**
 * Pod validation on create, update, status update and binding
 * (ValidatePodCreate, ValidatePodUpdate, ValidatePodStatusUpdate,
 * ValidatePodBinding). A running pod's spec is immutable except images,
 * activeDeadlineSeconds (shortened), added tolerations, removed scheduling
 * gates and, while gated, added node selectors; spec.nodeName is only ever
 * set through the binding subresource.
 */
import { fieldError, type FieldError } from '../api/errors';
import type { KubeObject } from '../api/meta';
import type { Pod } from '../api/types';
import { validateImmutable } from './field-errors';
import { child, index } from './field-path';
import { goStringMap, withGoValue } from './go-format';
import { inclusiveRangeError, nameIsDNSSubdomain } from './names';
import { metaRulesFor, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import type { PodValidationOptions } from './validate-containers';
import { validatePodSpec, validateTolerations } from './validate-pod-spec';
import { asArray, asRecord, clone, semanticEqual, str } from './util';

type Obj = Record<string, unknown>;

const MAX_INT32 = 2147483647;

/** The fields a pod update may change, as kube lists them in its error. */
export const UPDATABLE_POD_SPEC_FIELDS: readonly string[] = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

function specOf(pod: KubeObject | undefined): Obj {
  return asRecord(pod?.spec) ?? {};
}

// Images must not carry stray whitespace in a pod (templates are exempt).
function imageWhitespace(containers: unknown, path: string): FieldError[] {
  return asArray<Obj>(containers).flatMap((c, i) => {
    const image = str(asRecord(c)?.image);
    return image !== image.trim() ? [fieldError.invalid(child(index(path, i), 'image'), image, 'must not have leading or trailing whitespace')] : [];
  });
}

function validatePodMetadataAndSpec(pod: KubeObject, opts: PodValidationOptions): FieldError[] {
  const spec = specOf(pod);
  return [
    ...validateObjectMeta(pod.metadata, metaRulesFor('Pod')),
    ...validatePodSpec(pod.spec as Pod['spec'], 'spec', opts, true),
    ...imageWhitespace(spec.containers, 'spec.containers'),
    ...imageWhitespace(spec.initContainers, 'spec.initContainers'),
  ];
}

/** ValidatePodCreate. */
export function validatePodCreate(pod: KubeObject, opts: PodValidationOptions = {}): FieldError[] {
  const spec = specOf(pod);
  const errs = validatePodMetadataAndSpec(pod, opts);
  if (asArray(spec.ephemeralContainers).length) errs.push(fieldError.forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (str(spec.nodeName) && asArray(spec.schedulingGates).length) {
    errs.push(fieldError.forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

// A readable account of what changed, standing in for the cmp.Diff kube appends.
function describeDiff(before: unknown, after: unknown, path: string, out: string[]): void {
  if (semanticEqual(before, after)) return;
  const b = asRecord(before);
  const a = asRecord(after);
  if (b && a) {
    for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) describeDiff(b[k], a[k], child(path, k), out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    before.forEach((x, i) => describeDiff(x, after[i], index(path, i), out));
    return;
  }
  if (before !== undefined) out.push(`- \t${path}: ${JSON.stringify(before)}`);
  if (after !== undefined) out.push(`+ \t${path}: ${JSON.stringify(after)}`);
}

/** The spec diff kube appends to its "pod updates may not change" error. */
export function podSpecDiff(before: unknown, after: unknown): string {
  const lines: string[] = [];
  describeDiff(before, after, 'spec', lines);
  return ['  core.PodSpec{', ...lines, '  }'].join('\n');
}

function validateContainerUpdates(next: unknown, prev: unknown, path: string): { errs: FieldError[]; stop: boolean } {
  const n = asArray<Obj>(next);
  if (n.length !== asArray(prev).length) return { errs: [fieldError.forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  n.forEach((c, i) => {
    const image = str(asRecord(c)?.image);
    if (!image) errs.push(fieldError.required(child(index(path, i), 'image')));
    if (image !== image.trim()) errs.push(fieldError.invalid(child(index(path, i), 'image'), image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function onlyAddedTolerations(next: unknown, prev: unknown, path: string): FieldError[] {
  const n = asArray<Obj>(next);
  for (const old of asArray<Obj>(prev)) {
    // tolerationSeconds may change; everything else about an existing toleration may not.
    const found = n.some((t) => semanticEqual({ ...old, tolerationSeconds: undefined }, { ...t, tolerationSeconds: undefined }));
    if (!found) return [fieldError.forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(n, path);
}

/** ValidatePodUpdate: the whole new pod must be valid, and only the allowed spec fields may differ. */
export function validatePodUpdate(next: KubeObject, prev: KubeObject, opts: PodValidationOptions = {}): FieldError[] {
  const errs = [...validateObjectMetaUpdate(next.metadata, prev.metadata), ...validatePodMetadataAndSpec(next, opts)];
  const ns = specOf(next);
  const os = specOf(prev);
  for (const list of ['containers', 'initContainers']) {
    const r = validateContainerUpdates(ns[list], os[list], child('spec', list));
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const nads = ns.activeDeadlineSeconds;
  const oads = os.activeDeadlineSeconds;
  if (typeof nads === 'number') {
    if (nads < 0 || nads > MAX_INT32) return [...errs, fieldError.invalid('spec.activeDeadlineSeconds', nads, inclusiveRangeError(0, MAX_INT32))];
    if (typeof oads === 'number' && oads < nads) {
      return [...errs, fieldError.invalid('spec.activeDeadlineSeconds', nads, 'must be less than or equal to previous value')];
    }
  } else if (typeof oads === 'number') {
    errs.push(fieldError.invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...onlyAddedTolerations(ns.tolerations, os.tolerations, 'spec.tolerations'));
  const oldGates = new Set(asArray<Obj>(os.schedulingGates).map((g) => str(asRecord(g)?.name)));
  asArray<Obj>(ns.schedulingGates).forEach((g, i) => {
    const name = str(asRecord(g)?.name);
    if (!oldGates.has(name)) {
      errs.push(fieldError.forbidden(child(index('spec.schedulingGates', i), 'name'), `only deletion is allowed, but found new scheduling gate '${name}'`));
    }
  });
  if (semanticEqual(ns, os)) return errs;

  const munged = clone(ns);
  asArray<Obj>(munged.containers).forEach((c, i) => { c.image = asRecord(asArray(os.containers)[i])?.image; });
  asArray<Obj>(munged.initContainers).forEach((c, i) => { c.image = asRecord(asArray(os.initContainers)[i])?.image; });
  munged.activeDeadlineSeconds = os.activeDeadlineSeconds;
  munged.schedulingGates = os.schedulingGates;
  munged.tolerations = os.tolerations;
  if (typeof os.terminationGracePeriodSeconds === 'number' && os.terminationGracePeriodSeconds < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = os.terminationGracePeriodSeconds;
  }
  if (asArray(os.schedulingGates).length && !semanticEqual(munged.nodeSelector, os.nodeSelector)) {
    const oldSel = asRecord(os.nodeSelector) ?? {};
    const newSel = (asRecord(munged.nodeSelector) ?? {}) as Record<string, string>;
    if (Object.entries(oldSel).some(([k, v]) => newSel[k] !== v)) {
      errs.push(withGoValue(fieldError.invalid('spec.nodeSelector', newSel, 'only additions to spec.nodeSelector are allowed (no mutations or deletions)'),
        goStringMap(newSel)));
    }
    munged.nodeSelector = os.nodeSelector;
  }
  if (!semanticEqual(munged, os)) {
    errs.push(fieldError.forbidden('spec',
      `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${podSpecDiff(os, munged)}`));
  }
  return errs;
}

function terminatedTransitions(next: unknown, prev: unknown, restartPolicy: string, path: string, restartable: Set<string>): FieldError[] {
  if (restartPolicy === 'Always') return [];
  const errs: FieldError[] = [];
  asArray<Obj>(prev).forEach((old, i) => {
    const term = asRecord(asRecord(old?.state)?.terminated);
    if (!term) return;
    if (term.exitCode !== 0 && restartPolicy === 'OnFailure') return;
    if (restartable.has(str(old.name))) return;
    for (const s of asArray<Obj>(next)) {
      if (str(s?.name) === str(old.name) && !asRecord(asRecord(s?.state)?.terminated)) {
        errs.push(fieldError.forbidden(child(index(path, i), 'state'), 'may not be transitioned to non-terminated state'));
      }
    }
  });
  return errs;
}

/** ValidatePodStatusUpdate: node binding, QoS class and finished containers cannot be rewritten. */
export function validatePodStatusUpdate(next: KubeObject, prev: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(next.metadata, prev.metadata);
  const ns = specOf(next);
  const os = specOf(prev);
  const nst = asRecord(next.status) ?? {};
  const ost = asRecord(prev.status) ?? {};
  if (str(ns.nodeName) !== str(os.nodeName)) errs.push(fieldError.forbidden('status.nodeName', 'may not be changed directly'));
  const nominated = str(nst.nominatedNodeName);
  if (nominated && nominated !== str(ost.nominatedNodeName)) {
    errs.push(...nameIsDNSSubdomain(nominated, false).map((m) => fieldError.invalid('status.nominatedNodeName', nominated, m)));
  }
  errs.push(...validateImmutable(nst.qosClass ?? '', ost.qosClass ?? '', 'status.qosClass'));
  const restartPolicy = str(os.restartPolicy);
  errs.push(...terminatedTransitions(nst.containerStatuses, ost.containerStatuses, restartPolicy, 'status.containerStatuses', new Set()));
  const sidecars = new Set(asArray<Obj>(os.initContainers).filter((c) => asRecord(c)?.restartPolicy === 'Always').map((c) => str(c.name)));
  errs.push(...terminatedTransitions(nst.initContainerStatuses, ost.initContainerStatuses, restartPolicy, 'status.initContainerStatuses', sidecars));
  return errs;
}

/** A v1 Binding, the body of pods/binding. */
export interface Binding extends KubeObject {
  target: { kind?: string; name?: string; apiVersion?: string; namespace?: string };
}

/** ValidatePodBinding: the target must be a Node, by name. */
export function validateBinding(binding: Binding): FieldError[] {
  const errs: FieldError[] = [];
  const kind = str(binding.target?.kind);
  if (kind && kind !== 'Node') errs.push(fieldError.notSupported('target.kind', kind, ['Node', '<empty>']));
  if (!str(binding.target?.name)) errs.push(fieldError.required('target.name'));
  return errs;
}

/**
 * Why a pod cannot be bound, worded as the registry does (kube answers 409
 * `Operation cannot be fulfilled on pods/binding "x": <why>`), or undefined.
 */
export function bindingConflict(pod: KubeObject): string | undefined {
  const name = str(pod.metadata?.name);
  if (pod.metadata?.deletionTimestamp) return `pod ${name} is being deleted, cannot be assigned to a host`;
  const node = str(specOf(pod).nodeName);
  if (node) return `pod ${name} is already assigned to node "${node}"`;
  return undefined;
}
