/**
 * What kube-proxy should listen on and forward to (pure): a Service's
 * listeners (ClusterIP:port for each TCP port, 127.0.0.1:nodePort for
 * NodePort and LoadBalancer Services) and, from its Endpoints, the ready
 * backends of one named service port.
 */
import type { KubeObject } from '@chronokube/core';

export interface Backend {
  ip: string;
  port: number;
}

export interface ListenerSpec {
  /** host:port, the listener's identity. */
  address: string;
  host: string;
  port: number;
  /** namespace/name of the Service. */
  service: string;
  /** The service port's name ('' when unnamed), matched against the Endpoints ports. */
  portName: string;
  /** Set for sessionAffinity ClientIP: how long a client sticks to its endpoint. */
  affinitySeconds?: number;
  backends: Backend[];
}

interface ServicePort { name?: string; protocol?: string; port: number; nodePort?: number }
interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ports?: ServicePort[];
  sessionAffinity?: string;
  sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
}
interface EndpointSubset { addresses?: { ip: string }[]; ports?: { name?: string; port: number; protocol?: string }[] }

/** kube's default ClientIP affinity timeout: 3 hours. */
export const DEFAULT_AFFINITY_SECONDS = 10_800;

/** The listeners a Service asks for, without backends. Headless and ExternalName Services get none. */
export function listenersFor(svc: KubeObject): ListenerSpec[] {
  const spec = (svc as { spec?: ServiceSpec }).spec ?? {};
  const type = spec.type ?? 'ClusterIP';
  if (type === 'ExternalName') return [];
  const service = `${svc.metadata.namespace}/${svc.metadata.name}`;
  const affinitySeconds = spec.sessionAffinity === 'ClientIP' ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_SECONDS) : undefined;
  const out: ListenerSpec[] = [];
  const add = (host: string, port: number, portName: string) =>
    out.push({ address: `${host}:${port}`, host, port, service, portName, backends: [], ...(affinitySeconds !== undefined ? { affinitySeconds } : {}) });
  for (const p of spec.ports ?? []) {
    if ((p.protocol ?? 'TCP') !== 'TCP') continue;
    const name = p.name ?? '';
    if (spec.clusterIP && spec.clusterIP !== 'None') add(spec.clusterIP, p.port, name);
    if ((type === 'NodePort' || type === 'LoadBalancer') && p.nodePort) add('127.0.0.1', p.nodePort, name);
  }
  return out;
}

/** The ready addresses of the Endpoints with the port named `portName` (not-ready addresses get no traffic). */
export function backendsFor(endpoints: KubeObject | undefined, portName: string): Backend[] {
  const out: Backend[] = [];
  for (const subset of ((endpoints as { subsets?: EndpointSubset[] } | undefined)?.subsets ?? [])) {
    const port = subset.ports?.find((p) => (p.name ?? '') === portName && (p.protocol ?? 'TCP') === 'TCP');
    if (!port) continue;
    for (const a of subset.addresses ?? []) out.push({ ip: a.ip, port: port.port });
  }
  return out;
}
