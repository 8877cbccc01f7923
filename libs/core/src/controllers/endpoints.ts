/**
 * The Endpoints controller (kube's endpoints_controller.go syncService)
 * as a pure reconciler: a Service with a selector gets an Endpoints object
 * of the same name listing the matching pods' addresses per port.
 */
import type { Endpoints, EndpointAddress, Pod, Service, ServicePort } from '../api/types';
import { selectorFromSet } from '../selectors';
import type { ControllerAction } from './actions';
import { repackSubsets, sameSubsets, truncateSubsets, type EndpointEntry, type EndpointPort } from './endpoints-subsets';
import { clone } from './object-util';
import { isPodReady, isPodTerminal } from './pods';

export const HEADLESS_SERVICE_LABEL = 'service.kubernetes.io/headless';
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';
/** Endpoints used as leader-election locks carry this; they have no Service and must stay. */
export const LEADER_ELECTION_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';

function hasSelector(service: Service): boolean {
  return !!service.spec.selector && Object.keys(service.spec.selector).length > 0;
}

function isIPSet(service: Service): boolean {
  return !!service.spec.clusterIP && service.spec.clusterIP !== 'None';
}

/** kube's ShouldPodBeInEndpoints: not terminal, has an IP, and not terminating unless publishNotReadyAddresses. */
function shouldBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (!pod.status?.podIP && !pod.status?.podIPs?.length) return false;
  return includeTerminating || !pod.metadata.deletionTimestamp;
}

/** The pod IP of the Service's (first) IP family, if the pod has one. */
function podIPFor(service: Service, pod: Pod): string | undefined {
  const wantV6 = (service.spec.ipFamilies?.[0] ?? 'IPv4') === 'IPv6';
  const ips = pod.status?.podIPs?.map((p) => p.ip) ?? (pod.status?.podIP ? [pod.status.podIP] : []);
  return ips.find((ip) => ip.includes(':') === wantV6);
}

/** kube's FindPort: a numeric targetPort as is; a named one looked up in the pod's container ports (same protocol). */
export function findPort(pod: Pod, servicePort: ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  const protocol = servicePort.protocol ?? 'TCP';
  const sidecars = (pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  for (const container of [...pod.spec.containers, ...sidecars]) {
    const found = container.ports?.find((p) => p.name === target && (p.protocol ?? 'TCP') === protocol);
    if (found) return found.containerPort;
  }
  return undefined;
}

function endpointPort(servicePort: ServicePort, port: number): EndpointPort {
  const out: EndpointPort = { port, protocol: servicePort.protocol ?? 'TCP' };
  if (servicePort.name) out.name = servicePort.name;
  if (servicePort.appProtocol) out.appProtocol = servicePort.appProtocol;
  return out;
}

function addressOf(service: Service, pod: Pod, ip: string): EndpointAddress {
  const address: EndpointAddress = {
    ip,
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
  if (pod.spec.nodeName) address.nodeName = pod.spec.nodeName;
  const hostname = pod.spec.hostname as string | undefined;
  if (hostname && pod.spec.subdomain === service.metadata.name && pod.metadata.namespace === service.metadata.namespace) address.hostname = hostname;
  return address;
}

/** The subsets the Service's pods make, before truncation. Pure. */
export function endpointEntries(service: Service, pods: readonly Pod[]): EndpointEntry[] {
  const selector = selectorFromSet(service.spec.selector);
  const publishNotReady = service.spec.publishNotReadyAddresses === true;
  const entries: EndpointEntry[] = [];
  for (const pod of pods) {
    if (pod.metadata.namespace !== service.metadata.namespace || !selector.matches(pod.metadata.labels)) continue;
    if (!shouldBeInEndpoints(pod, publishNotReady)) continue;
    const ip = podIPFor(service, pod);
    if (!ip) continue;
    const address = addressOf(service, pod, ip);
    const ready = publishNotReady || isPodReady(pod);
    const ports = service.spec.ports ?? [];
    if (ports.length === 0) {
      // Only headless services may have no ports: their addresses are what DNS serves.
      if (!isIPSet(service)) entries.push({ address, ready });
      continue;
    }
    for (const sp of ports) {
      const port = findPort(pod, sp);
      if (port !== undefined) entries.push({ address, ready, port: endpointPort(sp, port) });
    }
  }
  return entries;
}

function desiredLabels(service: Service): Record<string, string> {
  const labels = { ...(service.metadata.labels ?? {}) };
  if (isIPSet(service)) delete labels[HEADLESS_SERVICE_LABEL];
  else labels[HEADLESS_SERVICE_LABEL] = '';
  return labels;
}

function sameRecord(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ka = Object.keys(a ?? {});
  return ka.length === Object.keys(b ?? {}).length && ka.every((k) => b?.[k] === a?.[k]);
}

/**
 * The create or update that makes the Service's Endpoints list exactly
 * its matching pods: ready ones in `addresses`, not-ready ones in
 * `notReadyAddresses` (all ready with publishNotReadyAddresses), terminating
 * and terminal pods left out; ports from each service port's targetPort
 * (named ones resolved per pod); labels = the Service's plus
 * service.kubernetes.io/headless for headless ones; over 1000 addresses
 * truncated and annotated. [] for ExternalName or selector-less Services
 * (their Endpoints are the user's) and when nothing differs. Endpoints carry
 * no ownerReference in kube: see endpointsToDelete. Pure and idempotent.
 */
export function reconcileEndpoints(service: Service, pods: readonly Pod[], current: Endpoints | undefined): ControllerAction[] {
  if (service.spec.type === 'ExternalName' || !hasSelector(service) || service.metadata.deletionTimestamp) return [];
  const { subsets, truncated } = truncateSubsets(repackSubsets(endpointEntries(service, pods)));
  const labels = desiredLabels(service);
  const annotations = { ...(current?.metadata.annotations ?? {}) };
  if (truncated) annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
  else delete annotations[OVER_CAPACITY_ANNOTATION];
  const ns = service.metadata.namespace ?? 'default';
  const reason = `${subsets.reduce((n, s) => n + (s.addresses?.length ?? 0), 0)} ready, ${subsets.reduce((n, s) => n + (s.notReadyAddresses?.length ?? 0), 0)} not ready addresses`;
  if (!current) {
    const object: Endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: service.metadata.name, namespace: ns } };
    if (Object.keys(labels).length) object.metadata.labels = labels;
    if (Object.keys(annotations).length) object.metadata.annotations = annotations;
    if (subsets.length) object.subsets = subsets;
    return [{ type: 'create', kind: 'Endpoints', namespace: ns, object, reason: `endpoints for service ${service.metadata.name}: ${reason}` }];
  }
  if (sameSubsets(current.subsets, subsets) && sameRecord(current.metadata.labels, labels) && sameRecord(current.metadata.annotations, annotations)) return [];
  const object: Endpoints = clone(current);
  if (Object.keys(labels).length) object.metadata.labels = labels;
  else delete object.metadata.labels;
  if (Object.keys(annotations).length) object.metadata.annotations = annotations;
  else delete object.metadata.annotations;
  if (subsets.length) object.subsets = subsets;
  else delete object.subsets;
  return [{ type: 'update', kind: 'Endpoints', namespace: ns, object, reason: `endpoints for service ${service.metadata.name}: ${reason}` }];
}

/**
 * Deletions for Endpoints whose Service is gone (kube deletes them when
 * the Service's key syncs and it is not found, and at startup for every
 * leftover), except leader-election locks. Run it when a Service is deleted
 * and at startup, as kube does, not on every Endpoints change: a user may
 * create an Endpoints object just before its Service. Pure.
 */
export function endpointsToDelete(services: readonly Service[], endpoints: readonly Endpoints[]): ControllerAction[] {
  const existing = new Set(services.map((s) => `${s.metadata.namespace}/${s.metadata.name}`));
  return endpoints
    .filter((ep) => !existing.has(`${ep.metadata.namespace}/${ep.metadata.name}`) && !ep.metadata.annotations?.[LEADER_ELECTION_ANNOTATION])
    .map((ep) => ({
      type: 'delete' as const, kind: 'Endpoints', namespace: ep.metadata.namespace, name: ep.metadata.name ?? '', uid: ep.metadata.uid,
      reason: `Service ${ep.metadata.namespace}/${ep.metadata.name} no longer exists`,
    }));
}
