/**
 * Cluster-scoped kinds: Namespace (DNS-label name, finalizer names, phase
 * consistent with deletion) and Node (taints, pod CIDRs that are set once,
 * resource quantities, unique addresses).
 */
import { fieldError, type FieldError } from '../api/errors';
import type { KubeObject } from '../api/meta';
import { parseCidr } from './cidr';
import { child, index } from './field-path';
import { validateCIDR } from './formats';
import { goString, goStringSlice, withGoValue } from './go-format';
import { validateLabelName } from './labels';
import { isQualifiedName, isValidLabelValue } from './names';
import { metaRulesFor, STANDARD_FINALIZERS, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import { QUANTITY_FORMAT_ERROR, parseQuantity } from './quantity';
import { asArray, asRecord, semanticEqual, str } from './util';

/** ValidateNamespace: metadata plus spec.finalizers (reported without an index, as kube does). */
export function validateNamespace(ns: KubeObject): FieldError[] {
  const errs = validateObjectMeta(ns.metadata, metaRulesFor('Namespace'));
  for (const f of asArray(asRecord(ns.spec)?.finalizers).map(str)) {
    errs.push(...isQualifiedName(f).map((m) => fieldError.invalid('spec.finalizers', f, m)));
    if (!f.includes('/') && !STANDARD_FINALIZERS.includes(f)) {
      errs.push(fieldError.invalid('spec.finalizers', f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  }
  return errs;
}

/** ValidateNamespaceUpdate: only metadata rules; spec and status are carried over by the strategy. */
export function validateNamespaceUpdate(next: KubeObject, prev: KubeObject): FieldError[] {
  return validateObjectMetaUpdate(next.metadata, prev.metadata);
}

/** ValidateNamespaceStatusUpdate: Active until deletion starts, Terminating after. */
export function validateNamespaceStatusUpdate(next: KubeObject, prev: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(next.metadata, prev.metadata);
  const phase = str(asRecord(next.status)?.phase);
  if (!next.metadata?.deletionTimestamp) {
    if (phase !== 'Active') errs.push(fieldError.invalid('status.Phase', phase, "may only be 'Active' if `deletionTimestamp` is empty"));
  } else if (phase !== 'Terminating') {
    errs.push(fieldError.invalid('status.Phase', phase, "may only be 'Terminating' if `deletionTimestamp` is not empty"));
  }
  return errs;
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** validateNodeTaints; kube reports them under metadata.taints. */
export function validateTaints(taints: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  asArray(taints).forEach((raw, i) => {
    const t = asRecord(raw) ?? {};
    const p = index(path, i);
    const k = str(t.key);
    errs.push(...validateLabelName(k, child(p, 'key')));
    const msgs = isValidLabelValue(str(t.value));
    if (msgs.length) errs.push(fieldError.invalid(child(p, 'value'), str(t.value), msgs.join(';')));
    const effect = str(t.effect);
    if (!effect) errs.push(fieldError.required(child(p, 'effect')));
    else if (!TAINT_EFFECTS.includes(effect)) errs.push(fieldError.notSupported(child(p, 'effect'), effect, TAINT_EFFECTS));
    const id = `${effect}\u0000${k}`;
    if (seen.has(id)) {
      const goTaint = `core.Taint{Key:${goString(k)}, Value:${goString(str(t.value))}, Effect:${goString(effect)}, TimeAdded:(*v1.Time)(nil)}`;
      errs.push(withGoValue({ ...fieldError.duplicate(p, t), detail: 'taints must be unique by key and effect pair' }, goTaint));
    }
    else seen.add(id);
  });
  return errs;
}

function validateNodeResources(node: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const status = asRecord(node.status) ?? {};
  for (const list of ['capacity', 'allocatable']) {
    for (const [name, raw] of Object.entries(asRecord(status[list]) ?? {})) {
      const f = child('status', list, name);
      const v = parseQuantity(raw);
      if (v === undefined) errs.push(fieldError.invalid(f, raw, QUANTITY_FORMAT_ERROR));
      else if (v < 0n) errs.push(fieldError.invalid(f, String(raw), 'must be greater than or equal to 0'));
    }
  }
  return errs;
}

function validatePodCIDRs(spec: Record<string, unknown>): FieldError[] {
  const cidrs = asArray(spec.podCIDRs).map(str);
  const errs: FieldError[] = [];
  cidrs.forEach((c, i) => errs.push(...validateCIDR(index('spec.podCIDRs', i), c)));
  if (cidrs.length > 1 && errs.length === 0) {
    const families = new Set(cidrs.map((c) => parseCidr(c).family));
    if (families.size !== cidrs.length) {
      errs.push(withGoValue(fieldError.invalid('spec.podCIDRs', cidrs, 'may specify no more than one CIDR for each IP family'), goStringSlice(cidrs)));
    }
    const seen = new Set<string>();
    cidrs.forEach((c, i) => {
      if (seen.has(c)) errs.push(fieldError.duplicate(index('spec.podCIDRs', i), c));
      seen.add(c);
    });
  }
  return errs;
}

/** ValidateNode. */
export function validateNode(node: KubeObject): FieldError[] {
  const spec = asRecord(node.spec) ?? {};
  return [
    ...validateObjectMeta(node.metadata, metaRulesFor('Node')),
    ...validateTaints(spec.taints, 'metadata.taints'),
    ...validateNodeResources(node),
    ...validatePodCIDRs(spec),
  ];
}

/** ValidateNodeUpdate: pod CIDRs and providerID are set once; taints and unschedulable may change. */
export function validateNodeUpdate(next: KubeObject, prev: KubeObject): FieldError[] {
  const errs = [...validateObjectMetaUpdate(next.metadata, prev.metadata), ...validateNodeResources(next)];
  const seen: unknown[] = [];
  asArray(asRecord(next.status)?.addresses).forEach((a, i) => {
    if (seen.some((s) => semanticEqual(s, a))) errs.push(fieldError.duplicate(index('status.addresses', i), a));
    seen.push(a);
  });
  const ns = asRecord(next.spec) ?? {};
  const os = asRecord(prev.spec) ?? {};
  const oldCidrs = asArray(os.podCIDRs).map(str);
  const newCidrs = asArray(ns.podCIDRs).map(str);
  if (oldCidrs.length) {
    const msg = 'node updates may not change podCIDR except from "" to valid';
    if (oldCidrs.length !== newCidrs.length) errs.push(fieldError.forbidden('spec.podCIDRs', msg));
    else oldCidrs.forEach((c, i) => { if (c !== newCidrs[i]) errs.push(fieldError.forbidden('spec.podCIDRs', msg)); });
  }
  if (str(os.providerID) && str(os.providerID) !== str(ns.providerID)) {
    errs.push(fieldError.forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
  return [...errs, ...validateTaints(ns.taints, 'metadata.taints')];
}
