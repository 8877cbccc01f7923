/**
 * metadata validation on create and update (apimachinery's ValidateObjectMeta
 * and ValidateObjectMetaUpdate plus core's finalizer-name rule), and the
 * system fields the registry carries over from the stored object on update.
 * Paths and messages follow kube-apiserver, quirks included (owner reference
 * errors name `metadata.ownerReferences.uid`, without an index).
 */
import { fieldError, type FieldError } from '../api/errors';
import type { KubeObject, ObjectMeta } from '../api/meta';
import { resourceForKind } from '../api/resources';
import { child, index } from './field-path';
import { validateImmutable, validateNonnegative } from './field-errors';
import { goStringSlice, withGoValue } from './go-format';
import { validateLabelsField as validateLabels } from './labels';
import { isQualifiedName, nameValidatorFor, type NameValidator } from './names';
import { asArray, asRecord, byteLength, clone, str } from './util';

/** apimachinery's TotalAnnotationSizeLimitB: keys plus values, in bytes. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** Finalizers that need no domain prefix (core helper.IsStandardFinalizerName). */
export const STANDARD_FINALIZERS: readonly string[] = ['kubernetes', 'orphan', 'foregroundDeletion'];

/** How a kind's metadata is checked. */
export interface ObjectMetaRules {
  namespaced: boolean;
  nameFn: NameValidator;
}

/** The metadata rules for a kind: its scope from RESOURCES and its name rule. */
export function metaRulesFor(kind: string): ObjectMetaRules {
  return { namespaced: resourceForKind(kind)?.namespaced ?? true, nameFn: nameValidatorFor(kind) };
}

/** ValidateAnnotations: keys are qualified names (case-insensitively); total size at most 256 KiB. */
export function validateAnnotations(annotations: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(asRecord(annotations) ?? {})) {
    errs.push(...isQualifiedName(k.toLowerCase()).map((m) => fieldError.invalid(field, k, m)));
    size += byteLength(k) + byteLength(str(v));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(fieldError.tooLong(field, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

/** ValidateOwnerReferences: required fields, no Event owners, at most one controller. */
export function validateOwnerReferences(refs: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const raw of asArray(refs)) {
    const ref = asRecord(raw) ?? {};
    const apiVersion = str(ref.apiVersion);
    const kind = str(ref.kind);
    const gv = apiVersion.split('/');
    const version = gv.length === 1 ? gv[0] : gv.length === 2 ? gv[1] : '';
    const group = gv.length === 2 ? gv[0] : '';
    if (!version) errs.push(fieldError.invalid(child(field, 'apiVersion'), apiVersion, 'version must not be empty'));
    if (!kind) errs.push(fieldError.invalid(child(field, 'kind'), kind, 'must not be empty'));
    if (!str(ref.name)) errs.push(fieldError.invalid(child(field, 'name'), str(ref.name), 'must not be empty'));
    if (!str(ref.uid)) errs.push(fieldError.invalid(child(field, 'uid'), str(ref.uid), 'must not be empty'));
    if (group === '' && version === 'v1' && kind === 'Event') {
      errs.push(fieldError.invalid(field, ref, '/v1, Kind=Event is disallowed from being an owner'));
    }
    if (ref.controller === true) {
      const name = `${kind}/${str(ref.name)}`;
      if (firstController) {
        errs.push(fieldError.invalid(field, refs,
          `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${name}`));
      } else {
        firstController = name;
      }
    }
  }
  return errs;
}

/**
 * ValidateFinalizers plus core's rule that a finalizer without a domain
 * prefix must be a standard one.
 */
export function validateFinalizers(finalizers: unknown, field: string): FieldError[] {
  const list = asArray(finalizers).map(str);
  const errs: FieldError[] = [];
  for (const f of list) errs.push(...isQualifiedName(f).map((m) => fieldError.invalid(field, f, m)));
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(withGoValue(fieldError.invalid(field, list, 'finalizer orphan and foregroundDeletion cannot be both set'), goStringSlice(list)));
  }
  list.forEach((f, i) => {
    if (!f.includes('/') && !STANDARD_FINALIZERS.includes(f)) {
      errs.push(fieldError.invalid(index(field, i), f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
  return errs;
}

// The checks shared by create and update.
function validateCommon(meta: ObjectMeta, path: string): FieldError[] {
  return [
    ...validateNonnegative(meta.generation, child(path, 'generation')),
    ...validateLabels(meta.labels, child(path, 'labels')),
    ...validateAnnotations(meta.annotations, child(path, 'annotations')),
    ...validateOwnerReferences(meta.ownerReferences, child(path, 'ownerReferences')),
    ...validateFinalizers(meta.finalizers, child(path, 'finalizers')),
  ];
}

/**
 * metadata on create. A missing name is accepted when generateName is set,
 * since the name is generated after admission (see generateName).
 */
export function validateObjectMeta(metaIn: ObjectMeta | undefined, rules: ObjectMetaRules, path = 'metadata'): FieldError[] {
  const meta = metaIn ?? {};
  const errs: FieldError[] = [];
  const name = str(meta.name);
  const generateName = str(meta.generateName);
  if (generateName) {
    errs.push(...rules.nameFn(generateName, true).map((m) => fieldError.invalid(child(path, 'generateName'), generateName, m)));
  }
  if (name) errs.push(...rules.nameFn(name, false).map((m) => fieldError.invalid(child(path, 'name'), name, m)));
  else if (!generateName) errs.push(fieldError.required(child(path, 'name'), 'name or generateName is required'));
  const ns = str(meta.namespace);
  if (rules.namespaced) {
    if (!ns) errs.push(fieldError.required(child(path, 'namespace')));
    else errs.push(...nameValidatorFor('Namespace')(ns, false).map((m) => fieldError.invalid(child(path, 'namespace'), ns, m)));
  } else if (ns) {
    errs.push(fieldError.forbidden(child(path, 'namespace'), 'not allowed on this type'));
  }
  return [...errs, ...validateCommon(meta, path)];
}

/** metadata on update: identity fields are immutable, generation never goes back. */
export function validateObjectMetaUpdate(newIn: ObjectMeta | undefined, oldIn: ObjectMeta | undefined, path = 'metadata'): FieldError[] {
  const n = newIn ?? {};
  const o = oldIn ?? {};
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) {
    const oldSet = new Set(asArray(o.finalizers).map(str));
    const extra = [...new Set(asArray(n.finalizers).map(str))].filter((f) => !oldSet.has(f)).sort();
    if (extra.length) {
      errs.push(fieldError.forbidden(child(path, 'finalizers'),
        `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(extra)}`));
    }
  }
  if ((n.generation ?? 0) < (o.generation ?? 0)) errs.push(fieldError.invalid(child(path, 'generation'), n.generation ?? 0, 'must not be decremented'));
  for (const f of ['name', 'namespace', 'uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds'] as const) {
    errs.push(...validateImmutable(n[f], o[f], child(path, f)));
  }
  return [...errs, ...validateCommon(n, path)];
}

/**
 * The fields a client cannot change on update, copied from the stored object
 * as the generic registry's BeforeUpdate does: uid when omitted,
 * creationTimestamp, a set deletionTimestamp and grace period, and
 * generation (which nextGeneration then advances). Returns a new object.
 */
export function carryOverSystemFields<T extends KubeObject>(before: KubeObject, after: T): T {
  const out = clone(after);
  const o = before.metadata ?? {};
  const m: ObjectMeta = (out.metadata = out.metadata ?? {});
  if (!m.uid && o.uid) m.uid = o.uid;
  if (o.creationTimestamp) m.creationTimestamp = o.creationTimestamp;
  if (o.deletionTimestamp) m.deletionTimestamp = o.deletionTimestamp;
  if (o.deletionGracePeriodSeconds !== undefined && m.deletionGracePeriodSeconds === undefined) {
    m.deletionGracePeriodSeconds = o.deletionGracePeriodSeconds;
  }
  if (o.generation === undefined) delete m.generation;
  else m.generation = o.generation;
  return out;
}

/**
 * The namespace an object gets from its request (EnsureObjectNamespaceMatchesRequestNamespace):
 * an omitted namespace takes the request's, cluster-scoped kinds drop theirs,
 * and a different one is the 400 message returned as `error`.
 */
export function resolveNamespace(meta: ObjectMeta | undefined, requestNamespace: string, namespaced: boolean):
  { namespace: string } | { error: string } {
  const want = namespaced ? requestNamespace : '';
  const have = str(meta?.namespace);
  if (have === want || have === '') return { namespace: want };
  if (want === '') return { namespace: '' };
  return { error: 'the namespace of the provided object does not match the namespace sent on the request' };
}
