/**
 * core/v1 Events and coordination.k8s.io/v1 Leases. Events written through
 * core/v1 get only the legacy checks (namespace agreement with the involved
 * object; required reporting fields once eventTime is set) plus the generic
 * registry's path-segment name rule; Leases need positive durations.
 */
import { fieldError, type FieldError } from '../api/errors';
import type { KubeObject } from '../api/meta';
import { validateNonnegative } from './field-errors';
import { isDNS1123Subdomain, isQualifiedName } from './names';
import { metaRulesFor, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import { asRecord, byteLength, str } from './util';

/** events.go length limits. */
export const EVENT_LIMITS = { reportingInstance: 128, action: 128, reason: 128, message: 1024 } as const;

/** legacyValidateEvent: what every core/v1 Event must satisfy. */
export function legacyValidateEvent(ev: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const ns = str(ev.metadata?.namespace);
  const involvedNs = str(asRecord(ev.involvedObject)?.namespace);
  const mismatch = () => fieldError.invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace');
  if (!ev.eventTime) {
    // Old-style events: the event lives in its object's namespace, or in
    // "" / default for cluster-scoped objects.
    if (!involvedNs) {
      if (ns !== '' && ns !== 'default') errs.push(mismatch());
    } else if (ns !== involvedNs) {
      errs.push(mismatch());
    }
  } else {
    if (!involvedNs && ns !== 'default' && ns !== 'kube-system') errs.push(mismatch());
    const controller = str(ev.reportingComponent);
    if (!controller) errs.push(fieldError.required('reportingController'));
    errs.push(...isQualifiedName(controller).map((m) => fieldError.invalid('reportingController', controller, m)));
    for (const f of ['reportingInstance', 'action', 'reason'] as const) {
      const v = str(ev[f]);
      if (!v) errs.push(fieldError.required(f));
      if (byteLength(v) > EVENT_LIMITS[f]) errs.push(fieldError.invalid(f, '', `can have at most ${EVENT_LIMITS[f]} characters`));
    }
    if (byteLength(str(ev.message)) > EVENT_LIMITS.message) {
      errs.push(fieldError.invalid('message', '', `can have at most ${EVENT_LIMITS.message} characters`));
    }
  }
  errs.push(...isDNS1123Subdomain(ns).map((m) => fieldError.invalid('namespace', ns, m)));
  return errs;
}

/**
 * An Event on create: the legacy checks, and only when they pass, the
 * generic metadata checks (kube runs them as a second stage).
 */
export function validateEventCreate(ev: KubeObject): FieldError[] {
  const errs = legacyValidateEvent(ev);
  return errs.length ? errs : validateObjectMeta(ev.metadata, metaRulesFor('Event'));
}

/** An Event on update. */
export function validateEventUpdate(next: KubeObject, prev: KubeObject): FieldError[] {
  const errs = legacyValidateEvent(next);
  if (errs.length) return errs;
  return [...validateObjectMeta(next.metadata, metaRulesFor('Event')), ...validateObjectMetaUpdate(next.metadata, prev.metadata)];
}

function validateLeaseSpec(lease: KubeObject): FieldError[] {
  const spec = asRecord(lease.spec) ?? {};
  const errs: FieldError[] = [];
  const duration = spec.leaseDurationSeconds;
  if (typeof duration === 'number' && duration <= 0) errs.push(fieldError.invalid('spec.leaseDurationSeconds', duration, 'must be greater than 0'));
  errs.push(...validateNonnegative(spec.leaseTransitions as number | undefined, 'spec.leaseTransitions'));
  if (str(spec.preferredHolder) && !str(spec.strategy)) {
    errs.push(fieldError.forbidden('spec.preferredHolder', 'may only be specified if `strategy` is defined'));
  }
  return errs;
}

/** ValidateLease. */
export function validateLease(lease: KubeObject): FieldError[] {
  return [...validateObjectMeta(lease.metadata, metaRulesFor('Lease')), ...validateLeaseSpec(lease)];
}

/** ValidateLeaseUpdate. */
export function validateLeaseUpdate(next: KubeObject, prev: KubeObject): FieldError[] {
  return [...validateObjectMetaUpdate(next.metadata, prev.metadata), ...validateLeaseSpec(next)];
}
