/**
 * Status-subresource validation for the workload kinds and Services:
 * counters are non-negative and consistent, collisionCount never goes
 * back, and only LoadBalancers report load-balancer ingress.
 */
import { fieldError, type FieldError } from '../api/errors';
import type { KubeObject } from '../api/meta';
import { validateNonnegative } from './field-errors';
import { child, index } from './field-path';
import { validateIP } from './formats';
import { isDNS1123Subdomain } from './names';
import { validateObjectMetaUpdate } from './object-meta';
import { parseIP } from './cidr';
import { asArray, asRecord, str } from './util';

type Obj = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

function replicaCounters(status: Obj, fields: string[]): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of fields) errs.push(...validateNonnegative(status[f] as number | undefined, child('status', f)));
  const replicas = num(status.replicas);
  for (const f of fields.filter((x) => x !== 'replicas' && x !== 'observedGeneration' && x !== 'unavailableReplicas' && x !== 'collisionCount')) {
    if (num(status[f]) > replicas) errs.push(fieldError.invalid(child('status', f), num(status[f]), 'cannot be greater than status.replicas'));
  }
  if (num(status.availableReplicas) > num(status.readyReplicas)) {
    errs.push(fieldError.invalid('status.availableReplicas', num(status.availableReplicas), 'cannot be greater than readyReplicas'));
  }
  return errs;
}

function collisionCount(next: Obj, prev: Obj): FieldError[] {
  const n = next.collisionCount;
  const o = prev.collisionCount;
  const decremented = typeof o === 'number' && (typeof n !== 'number' || n < o);
  return decremented ? [fieldError.invalid('status.collisionCount', num(n), 'cannot be decremented')] : [];
}

/** ValidateDeploymentStatusUpdate. */
export function validateDeploymentStatusUpdate(next: KubeObject, prev: KubeObject): FieldError[] {
  const ns = asRecord(next.status) ?? {};
  return [
    ...validateObjectMetaUpdate(next.metadata, prev.metadata),
    ...replicaCounters(ns, ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'collisionCount']),
    ...collisionCount(ns, asRecord(prev.status) ?? {}),
  ];
}

/** ValidateReplicaSetStatusUpdate. */
export function validateReplicaSetStatusUpdate(next: KubeObject, prev: KubeObject): FieldError[] {
  return [
    ...validateObjectMetaUpdate(next.metadata, prev.metadata),
    ...replicaCounters(asRecord(next.status) ?? {}, ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration']),
  ];
}

/** ValidateServiceStatusUpdate: load-balancer ingress, only for LoadBalancers. */
export function validateServiceStatusUpdate(next: KubeObject, prev: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(next.metadata, prev.metadata);
  const ingress = asArray<Obj>(asRecord(asRecord(next.status)?.loadBalancer)?.ingress);
  const path = 'status.loadBalancer.ingress';
  if (asRecord(next.spec)?.type !== 'LoadBalancer' && ingress.length) {
    return [...errs, fieldError.forbidden(path, "may only be used when `spec.type` is 'LoadBalancer'")];
  }
  ingress.forEach((raw, i) => {
    const ing = asRecord(raw) ?? {};
    const p = index(path, i);
    if (str(ing.ip)) errs.push(...validateIP(child(p, 'ip'), str(ing.ip)));
    if (ing.ipMode !== undefined && !str(ing.ip)) errs.push(fieldError.forbidden(child(p, 'ipMode'), 'may not be specified when `ip` is not set'));
    else if (ing.ipMode !== undefined && !['Proxy', 'VIP'].includes(str(ing.ipMode))) {
      errs.push(fieldError.notSupported(child(p, 'ipMode'), ing.ipMode, ['Proxy', 'VIP']));
    }
    const host = str(ing.hostname);
    if (host) {
      errs.push(...isDNS1123Subdomain(host).map((m) => fieldError.invalid(child(p, 'hostname'), host, m)));
      if (parseIP(host)) errs.push(fieldError.invalid(child(p, 'hostname'), host, 'must be a DNS name, not an IP address'));
    }
  });
  return errs;
}
