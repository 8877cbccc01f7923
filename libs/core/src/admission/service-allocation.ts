/**
 * Filling a Service's cluster IP and node ports from the allocators, with
 * kube's per-service rules: headless and ExternalName services get no IP,
 * ports sharing a port number (TCP and UDP of one port) share a node port,
 * LoadBalancers may opt out of node ports, and `Local` LoadBalancers get a
 * health-check node port.
 */
import type { FieldError } from '../api/errors';
import type { Service, ServicePort } from '../api/types';
import { allocateClusterIP, allocateNodePort, DEFAULT_NODE_PORT_RANGE, isFieldError, type Random } from './allocators';
import { child, index } from './field-path';
import { isHeadless, needsClusterIP, needsHealthCheckNodePort, needsNodePort, normalizeClusterIPs } from './service-prepare';
import { asArray } from './util';

/** What a stored Service holds from the shared pools. */
export function serviceAllocations(svc: Service): { clusterIPs: string[]; nodePorts: number[] } {
  const spec = svc.spec ?? {};
  const clusterIPs = needsClusterIP(spec) ? asArray<string>(spec.clusterIPs).filter((ip) => ip && ip !== 'None') : [];
  const nodePorts = asArray<ServicePort>(spec.ports).map((p) => p.nodePort ?? 0).filter((p) => p > 0);
  if (typeof spec.healthCheckNodePort === 'number' && spec.healthCheckNodePort > 0) nodePorts.push(spec.healthCheckNodePort);
  return { clusterIPs, nodePorts: [...new Set(nodePorts)] };
}

/** What allocation draws from; `used*` must not include this Service's own current allocations. */
export interface ServicePools {
  cidr: string;
  usedIPs: ReadonlySet<string>;
  usedNodePorts: ReadonlySet<number>;
  nodePortRange?: readonly [number, number];
  random?: Random;
}

/**
 * The Service with clusterIP/clusterIPs, node ports and health-check port
 * allocated (requested values honoured), or the FieldError kube answers a
 * refused request with (422). Throws the 500 ApiError when a range is
 * full. Returns a new object.
 */
export function allocateServiceResources(svcIn: Service, pools: ServicePools): Service | FieldError {
  const svc = normalizeClusterIPs(undefined, svcIn);
  const spec = svc.spec;
  const random = pools.random ?? Math.random;
  const range = pools.nodePortRange ?? DEFAULT_NODE_PORT_RANGE;
  if (needsClusterIP(spec) && !isHeadless(spec)) {
    const requested = asArray<string>(spec.clusterIPs);
    if (requested.length === 0) {
      const ip = allocateClusterIP(pools.cidr, pools.usedIPs, undefined, random);
      if (isFieldError(ip)) return ip;
      spec.clusterIP = ip;
      spec.clusterIPs = [ip];
    } else {
      for (const want of requested) {
        const ip = allocateClusterIP(pools.cidr, pools.usedIPs, want, random, requested);
        if (isFieldError(ip)) return ip;
      }
    }
  }
  const taken = new Set(pools.usedNodePorts);
  const take = (requested: number | undefined, field: string): number | FieldError => {
    const r = allocateNodePort(taken, requested, range, random, field);
    if (!isFieldError(r)) taken.add(r);
    return r;
  };
  if (needsNodePort(spec)) {
    const ports = asArray<ServicePort>(spec.ports);
    const optOut = spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === false;
    const byPort = new Map<number, number>();
    for (let i = 0; i < ports.length; i++) {
      const sp = ports[i];
      if (!sp.nodePort && optOut) continue;
      const field = child(index('spec.ports', i), 'nodePort');
      const shared = byPort.get(sp.port);
      if (shared === undefined) {
        // A later entry for the same port number may carry the requested node port.
        const requested = ports.slice(i).find((q) => q.port === sp.port && q.nodePort)?.nodePort;
        const r = take(requested, field);
        if (isFieldError(r)) return r;
        sp.nodePort = r;
        byPort.set(sp.port, r);
      } else if (sp.nodePort !== shared) {
        if (!sp.nodePort) sp.nodePort = shared;
        else {
          const r = take(sp.nodePort, field);
          if (isFieldError(r)) return r;
        }
      }
    }
  }
  if (needsHealthCheckNodePort(spec)) {
    const requested = typeof spec.healthCheckNodePort === 'number' ? spec.healthCheckNodePort : undefined;
    const r = take(requested, 'spec.healthCheckNodePort');
    if (isFieldError(r)) return r;
    spec.healthCheckNodePort = r;
  }
  return svc;
}
