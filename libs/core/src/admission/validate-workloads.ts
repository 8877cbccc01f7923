/**
 * apps/v1 Deployment and ReplicaSet validation: a non-empty selector that
 * matches the template's labels, a valid pod template that always restarts,
 * sane counts and rollout strategy; on update the selector is immutable
 * (apps/v1 rule, enforced in the registry strategy).
 */
import { fieldError, type FieldError } from '../api/errors';
import type { KubeObject, LabelSelector } from '../api/meta';
import type { DeploymentSpec, PodTemplateSpec, ReplicaSetSpec } from '../api/types';
import { validateImmutable, validateNonnegative } from './field-errors';
import { child } from './field-path';
import { isValidPercent } from './formats';
import { goLabelSelector, goStringMap, withGoValue } from './go-format';
import { selectorFromLabelSelector, validateLabelSelector, type LabelMatcher } from '../selectors/label-selector';
import { metaRulesFor, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import type { PodValidationOptions } from './validate-containers';
import { validatePodTemplateSpec } from './validate-pod-spec';
import { asRecord, str } from './util';

/** The error kube gives when a selector does not select its own template. */
export const SELECTOR_MISMATCH = '`selector` does not match template `labels`';

/** ValidatePodTemplateSpecForReplicaSet: selector match, valid template, restartPolicy Always, no deadline. */
export function validateTemplateForSelector(tpl: PodTemplateSpec | undefined, selector: LabelSelector | undefined,
  kindWord: string, path: string, opts: PodValidationOptions): FieldError[] {
  if (!tpl) return [fieldError.required(path)];
  const errs: FieldError[] = [];
  const matcher = compile(selector);
  const labels = tpl.metadata?.labels;
  // An empty selector selects everything, so there is nothing to match; a missing one matches nothing.
  if (matcher && !matcher.empty && !matcher(labels)) {
    errs.push(withGoValue(fieldError.invalid(child(path, 'metadata', 'labels'), labels ?? null, SELECTOR_MISMATCH), goStringMap(labels)));
  }
  errs.push(...validatePodTemplateSpec(tpl, path, opts));
  const restart = str(asRecord(tpl.spec)?.restartPolicy);
  if (restart !== 'Always') errs.push(fieldError.notSupported(child(path, 'spec', 'restartPolicy'), restart, ['Always']));
  if (asRecord(tpl.spec)?.activeDeadlineSeconds !== undefined) {
    errs.push(fieldError.forbidden(child(path, 'spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${kindWord} is not Supported`));
  }
  return errs;
}

// LabelSelectorAsSelector: undefined when the selector is malformed.
function compile(sel: LabelSelector | undefined): LabelMatcher | undefined {
  try {
    return selectorFromLabelSelector(sel);
  } catch {
    return undefined;
  }
}

// The selector checks Deployment and ReplicaSet share; the template is only
// validated when the selector compiles, as in kube.
function validateSelectorAndTemplate(spec: DeploymentSpec | ReplicaSetSpec, kindWord: string, opts: PodValidationOptions): FieldError[] {
  const errs: FieldError[] = [];
  const sel = spec.selector;
  if (!sel) {
    errs.push(fieldError.required('spec.selector'));
  } else {
    errs.push(...validateLabelSelector(sel, 'spec.selector'));
    if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) {
      errs.push(withGoValue(fieldError.invalid('spec.selector', sel, 'empty selector is invalid for deployment'), goLabelSelector(sel)));
    }
  }
  if (!compile(sel)) {
    errs.push(withGoValue(fieldError.invalid('spec.selector', sel, 'invalid label selector'), goLabelSelector(sel)));
  } else {
    errs.push(...validateTemplateForSelector(spec.template, sel, kindWord, 'spec.template', opts));
  }
  return errs;
}

function intOrPercent(v: unknown): { value: number; percent: boolean } | undefined {
  if (typeof v === 'number') return { value: v, percent: false };
  if (typeof v === 'string' && isValidPercent(v).length === 0) return { value: Number(v.slice(0, -1)), percent: true };
  return undefined;
}

function validatePositiveIntOrPercent(v: unknown, field: string): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => fieldError.invalid(field, v, m));
  if (typeof v === 'number') return validateNonnegative(v, field);
  return [fieldError.invalid(field, v, "must be an integer or percentage (e.g '5%%')")];
}

function validateStrategy(strategy: DeploymentSpec['strategy']): FieldError[] {
  const s = strategy ?? {};
  const errs: FieldError[] = [];
  if (s.type === 'Recreate') {
    if (s.rollingUpdate) errs.push(fieldError.forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
  } else if (s.type === 'RollingUpdate') {
    const ru = s.rollingUpdate;
    if (!ru) return [fieldError.required('spec.strategy.rollingUpdate', 'this should be defaulted and never be nil')];
    const p = 'spec.strategy.rollingUpdate';
    errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, child(p, 'maxUnavailable')));
    errs.push(...validatePositiveIntOrPercent(ru.maxSurge, child(p, 'maxSurge')));
    const mu = intOrPercent(ru.maxUnavailable);
    const ms = intOrPercent(ru.maxSurge);
    if ((mu?.value ?? 0) === 0 && (ms?.value ?? 0) === 0) {
      errs.push(fieldError.invalid(child(p, 'maxUnavailable'), ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
    }
    if (mu?.percent && mu.value > 100) errs.push(fieldError.invalid(child(p, 'maxUnavailable'), ru.maxUnavailable, 'must not be greater than 100%'));
  } else {
    errs.push(fieldError.notSupported('spec.strategy', s, ['Recreate', 'RollingUpdate']));
  }
  return errs;
}

/** ValidateDeploymentSpec: everything under `spec`. */
export function validateDeploymentSpec(specIn: unknown, opts: PodValidationOptions = {}): FieldError[] {
  const spec = (asRecord(specIn) ?? {}) as unknown as DeploymentSpec;
  const errs = [
    ...validateNonnegative(spec.replicas, 'spec.replicas'),
    ...validateSelectorAndTemplate(spec, 'ReplicaSet', opts),
    ...validateStrategy(spec.strategy),
    ...validateNonnegative(spec.minReadySeconds, 'spec.minReadySeconds'),
    ...validateNonnegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'),
  ];
  if (typeof spec.progressDeadlineSeconds === 'number') {
    errs.push(...validateNonnegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(fieldError.invalid('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

/** ValidateReplicaSetSpec: everything under `spec`. */
export function validateReplicaSetSpec(specIn: unknown, opts: PodValidationOptions = {}): FieldError[] {
  const spec = (asRecord(specIn) ?? {}) as unknown as ReplicaSetSpec;
  return [
    ...validateNonnegative(spec.replicas, 'spec.replicas'),
    ...validateNonnegative(spec.minReadySeconds, 'spec.minReadySeconds'),
    ...validateSelectorAndTemplate(spec, 'ReplicaSet', opts),
  ];
}

/** ValidateDeployment. */
export function validateDeployment(d: KubeObject, opts: PodValidationOptions = {}): FieldError[] {
  return [...validateObjectMeta(d.metadata, metaRulesFor('Deployment')), ...validateDeploymentSpec(d.spec, opts)];
}

/** ValidateReplicaSet. */
export function validateReplicaSet(rs: KubeObject, opts: PodValidationOptions = {}): FieldError[] {
  return [...validateObjectMeta(rs.metadata, metaRulesFor('ReplicaSet')), ...validateReplicaSetSpec(rs.spec, opts)];
}

function selectorImmutable(next: KubeObject, prev: KubeObject): FieldError[] {
  const n = asRecord(next.spec)?.selector as LabelSelector | undefined;
  const o = asRecord(prev.spec)?.selector as LabelSelector | undefined;
  return validateImmutable(n, o, 'spec.selector', goLabelSelector(n));
}

/** ValidateDeploymentUpdate plus the apps/v1 immutable selector. */
export function validateDeploymentUpdate(next: KubeObject, prev: KubeObject, opts: PodValidationOptions = {}): FieldError[] {
  return [...validateObjectMetaUpdate(next.metadata, prev.metadata), ...validateDeploymentSpec(next.spec, opts), ...selectorImmutable(next, prev)];
}

/** ValidateReplicaSetUpdate plus the apps/v1 immutable selector. */
export function validateReplicaSetUpdate(next: KubeObject, prev: KubeObject, opts: PodValidationOptions = {}): FieldError[] {
  return [...validateObjectMetaUpdate(next.metadata, prev.metadata), ...validateReplicaSetSpec(next.spec, opts), ...selectorImmutable(next, prev)];
}
