/**
 * Admission that needs the whole cluster, not just the object: namespace
 * lifecycle (no new objects in a missing or terminating namespace) and
 * service address allocation (cluster IPs from the service range, node
 * ports from 30000-32767), both checked against the projection.
 */
import {
  ApiError,
  RESOURCES,
  allocateServiceResources,
  invalid,
  isFieldError,
  prepareServiceUpdate,
  serviceAllocations,
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
    const name = service.metadata.name ?? '';
    const proposed = current ? prepareServiceUpdate(current as Service, service as Service) : (service as Service);
    const usedIPs = new Set<string>();
    const usedNodePorts = new Set<number>();
    for (const stored of this.projection.state.list(SERVICES)) {
      const other = stored.object;
      if (other.metadata.namespace === service.metadata.namespace && other.metadata.name === name) continue;
      const taken = serviceAllocations(other as Service);
      for (const ip of taken.clusterIPs) usedIPs.add(ip);
      for (const port of taken.nodePorts) usedNodePorts.add(port);
    }
    const result = allocateServiceResources(proposed, { cidr: this.serviceCidr, usedIPs, usedNodePorts });
    if (isFieldError(result)) throw invalid('Service', name, [result]);
    return result;
  }
}
