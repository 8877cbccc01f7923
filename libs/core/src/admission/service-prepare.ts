/**
 * What the service registry does to a Service before validating it: keep
 * clusterIP and clusterIPs in step (NormalizeClusterIPs), keep allocated
 * values a client left out of an update (patchAllocatedValues), and drop
 * allocated fields a type change made meaningless (dropTypeDependentFields).
 * Pure: each returns a new Service.
 */
import type { Service, ServicePort } from '../api/types';
import { externallyAccessible } from './defaults';
import { asArray, clone, semanticEqual } from './util';

type Spec = Service['spec'];

/** Every type but ExternalName gets a cluster IP (or "None"). */
export function needsClusterIP(spec: Spec | undefined): boolean {
  return spec?.type !== 'ExternalName';
}

/** NodePort and LoadBalancer services get node ports. */
export function needsNodePort(spec: Spec | undefined): boolean {
  return spec?.type === 'NodePort' || spec?.type === 'LoadBalancer';
}

/** A LoadBalancer with externalTrafficPolicy Local gets a health-check node port. */
export function needsHealthCheckNodePort(spec: Spec | undefined): boolean {
  return spec?.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
}

/** clusterIPs == ["None"]. */
export function isHeadless(spec: Spec | undefined): boolean {
  const ips = asArray<string>(spec?.clusterIPs);
  return ips.length === 1 && ips[0] === 'None';
}

const sameIPs = (a: Spec, b: Spec) => semanticEqual(a.clusterIPs, b.clusterIPs);

/**
 * NormalizeClusterIPs: an old client that only speaks clusterIP gets
 * clusterIPs derived from it; on update, an omitted clusterIPs is restored
 * and a cleared or changed clusterIP carries clusterIPs along.
 */
export function normalizeClusterIPs(before: Service | undefined, after: Service): Service {
  const out = clone(after);
  const n = (out.spec = out.spec ?? {});
  if (!before) {
    if (n.clusterIP && !asArray(n.clusterIPs).length) n.clusterIPs = [n.clusterIP];
    return out;
  }
  const o = before.spec ?? {};
  if (asArray(o.clusterIPs).length && !asArray(n.clusterIPs).length && (o.clusterIP ?? '') === (n.clusterIP ?? '')) {
    n.clusterIPs = clone(o.clusterIPs);
  }
  if ((o.clusterIP ?? '') !== (n.clusterIP ?? '') && sameIPs(o, n)) {
    if (o.clusterIP && !n.clusterIP) delete n.clusterIPs;
    else if (n.clusterIP) n.clusterIPs = [n.clusterIP];
  }
  return out;
}

/**
 * patchAllocatedValues: an update that omits the cluster IP, node ports or
 * health-check port keeps the ones already allocated, so re-applying a
 * manifest is idempotent.
 */
export function patchAllocatedValues(before: Service, after: Service): Service {
  const out = clone(after);
  const o = before.spec ?? {};
  const n = (out.spec = out.spec ?? {});
  if (needsClusterIP(o) && needsClusterIP(n)) {
    if (!n.clusterIP && o.clusterIP) n.clusterIP = o.clusterIP;
    if (!asArray(n.clusterIPs).length && asArray(o.clusterIPs).length) n.clusterIPs = clone(o.clusterIPs);
  }
  if (needsNodePort(o) && needsNodePort(n)) {
    const usedBoth = new Set(asArray<ServicePort>(o.ports).map((p) => p.nodePort).filter((np) => np && asArray<ServicePort>(n.ports).some((q) => q.nodePort === np)));
    const byName = new Map(asArray<ServicePort>(o.ports).map((p) => [p.name ?? '', p.nodePort]));
    for (const p of asArray<ServicePort>(n.ports)) {
      const old = byName.get(p.name ?? '');
      if (!p.nodePort && old && !usedBoth.has(old)) p.nodePort = old;
    }
  }
  if (needsHealthCheckNodePort(o) && needsHealthCheckNodePort(n) && !n.healthCheckNodePort && o.healthCheckNodePort) {
    n.healthCheckNodePort = o.healthCheckNodePort;
  }
  return out;
}

/**
 * dropTypeDependentFields: when an update changes the type so that a cluster
 * IP, node ports, health-check port, allocateLoadBalancerNodePorts or
 * externalTrafficPolicy no longer apply, and the client left them as they
 * were, they are cleared (and freed by the caller).
 */
export function dropTypeDependentFields(before: Service, after: Service): Service {
  const out = clone(after);
  const o = before.spec ?? {};
  const n = (out.spec = out.spec ?? {});
  if (needsClusterIP(o) && !needsClusterIP(n)) {
    if (sameIPs(o, n)) {
      delete n.clusterIP;
      delete n.clusterIPs;
    }
    if (semanticEqual(o.ipFamilies, n.ipFamilies)) delete n.ipFamilies;
    if ((o.ipFamilyPolicy ?? '') === (n.ipFamilyPolicy ?? '')) delete n.ipFamilyPolicy;
  }
  if (needsNodePort(o) && !needsNodePort(n)) {
    const same = semanticEqual(asArray<ServicePort>(o.ports).map((p) => p.nodePort), asArray<ServicePort>(n.ports).map((p) => p.nodePort));
    if (same) for (const p of asArray<ServicePort>(n.ports)) delete p.nodePort;
  }
  if (needsHealthCheckNodePort(o) && !needsHealthCheckNodePort(n) && o.healthCheckNodePort === n.healthCheckNodePort) {
    delete n.healthCheckNodePort;
  }
  if (o.type === 'LoadBalancer' && n.type !== 'LoadBalancer'
    && typeof o.allocateLoadBalancerNodePorts === 'boolean' && o.allocateLoadBalancerNodePorts === n.allocateLoadBalancerNodePorts) {
    delete n.allocateLoadBalancerNodePorts;
  }
  if (externallyAccessible(o) && !externallyAccessible(n) && (o.externalTrafficPolicy ?? '') === (n.externalTrafficPolicy ?? '')) {
    delete n.externalTrafficPolicy;
  }
  if (n.type !== 'LoadBalancer' && out.status) out.status = { ...out.status, loadBalancer: {} };
  return out;
}

/** The registry's whole update preparation, in kube's order. */
export function prepareServiceUpdate(before: Service, after: Service): Service {
  return dropTypeDependentFields(before, normalizeClusterIPs(before, patchAllocatedValues(before, after)));
}
