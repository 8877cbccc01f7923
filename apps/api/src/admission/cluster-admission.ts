/**
 * Admission that needs the whole cluster, not just the object: namespace
 * lifecycle (no new objects in a missing or terminating namespace) and
 * service address allocation (cluster IPs from the service range, node
 * ports from 30000-32767), both checked against the projection.
 */
import {
  ApiError,
  RESOURCES,
  allocateClusterIP,
  allocateNodePort,
  invalid,
  notFound,
  type KubeObject,
  type ResourceInfo,
  type Service,
} from '@chronokube/core';
import type { ProjectionService } from '../projection/projection.service';

const NAMESPACES = RESOURCES.find((r) => r.kind === 'Namespace')!;
const SERVICES = RESOURCES.find((r) => r.kind === 'Service')!;

export class ClusterAdmission {
  private serviceWrites: Promise<unknown> = Promise.resolve();

  constructor(private readonly projection: ProjectionService, private readonly serviceCidr: string) {}

  /**
   * Runs service writes one at a time: an allocation is only visible to the
   * next one once its write is in the projection.
   */
  serialServiceWrite<T>(resource: ResourceInfo, write: () => Promise<T>): Promise<T> {
    if (resource !== SERVICES) return write();
    const run = this.serviceWrites.then(write, write);
    this.serviceWrites = run.catch(() => undefined);
    return run;
  }

  /** Throws unless new objects may be created in `namespace`. */
  checkNamespace(resource: ResourceInfo, namespace: string | undefined): void {
    if (!resource.namespaced || !namespace) return;
    const ns = this.projection.state.get(NAMESPACES, undefined, namespace)?.object;
    if (!ns) throw notFound('namespaces', namespace);
    if (ns.metadata.deletionTimestamp) {
      throw new ApiError(403, 'Forbidden', `unable to create new content in namespace ${namespace} because it is being terminated`, {
        name: namespace, kind: 'namespaces',
      });
    }
  }

  /**
   * Fills in a service's cluster IP and node ports (keeping those of the
   * current version on update), or throws 422 when a requested one is
   * taken or out of range.
   */
  allocateService(service: KubeObject, current: KubeObject | undefined): KubeObject {
    const next = service as Service;
    const spec = { ...(next.spec ?? {}) };
    const old = (current as Service | undefined)?.spec;
    const name = next.metadata.name ?? '';
    const usedIPs = new Set<string>();
    const usedPorts = new Set<number>();
    for (const stored of this.projection.state.list(SERVICES)) {
      if (stored.object.metadata.uid === current?.metadata.uid && current) continue;
      const s = (stored.object as Service).spec;
      for (const ip of s?.clusterIPs ?? (s?.clusterIP ? [s.clusterIP] : [])) usedIPs.add(ip);
      for (const p of s?.ports ?? []) if (p.nodePort) usedPorts.add(p.nodePort);
    }
    if (spec.type === 'ExternalName') return next;
    if (old?.clusterIP && spec.clusterIP === undefined) spec.clusterIP = old.clusterIP;
    if (spec.clusterIP !== 'None') {
      const requested = spec.clusterIP || undefined;
      if (!(old?.clusterIP && requested === old.clusterIP)) {
        const result = allocateClusterIP(this.serviceCidr, usedIPs, requested);
        if (typeof result !== 'string') throw invalid('Service', name, [result]);
        spec.clusterIP = result;
      }
    }
    spec.clusterIPs = [spec.clusterIP!];
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
      spec.ports = (spec.ports ?? []).map((port, i) => {
        const previous = old?.ports?.find((p) => p.port === port.port && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'))?.nodePort;
        const requested = port.nodePort ?? previous;
        if (requested && requested === previous) {
          usedPorts.add(requested);
          return { ...port, nodePort: requested };
        }
        const result = allocateNodePort(usedPorts, requested);
        if (typeof result !== 'number') throw invalid('Service', name, [{ ...result, field: `spec.ports[${i}].nodePort` }]);
        usedPorts.add(result);
        return { ...port, nodePort: result };
      });
    }
    return { ...next, spec };
  }
}
