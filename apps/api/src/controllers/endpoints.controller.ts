/** The Endpoints controller: each selector Service's ready and not-ready pod addresses. */
import { endpointsToDelete, reconcileEndpoints, selectorFromSet, type Change, type ControllerAction, type Endpoints, type Pod, type Service } from '@chronokube/core';
import type { CommandBus } from '@nestjs/cqrs';
import type { ProjectionService } from '../projection/projection.service';
import { ReconcilingController } from './reconciling-controller';
import { ENDPOINTS, PODS, SERVICES, inNamespace, keyOf, splitKey, versions } from './workload-index';

export class EndpointsController extends ReconcilingController {
  protected override readonly primary = SERVICES;

  constructor(projection: ProjectionService, commands: CommandBus) {
    super('endpoints-controller', projection, commands);
  }

  protected *initialKeys(): Iterable<string> {
    for (const stored of this.projection.state.list(SERVICES)) yield keyOf(stored.object);
    for (const stored of this.projection.state.list(ENDPOINTS)) yield keyOf(stored.object);
  }

  protected *keysFor(change: Change): Iterable<string> {
    if (change.resource === SERVICES || change.resource === ENDPOINTS) {
      yield change.key;
      return;
    }
    if (change.resource !== PODS) return;
    const seen = new Set<string>();
    for (const pod of versions(change)) {
      for (const svc of inNamespace<Service>(this.projection, SERVICES, pod.metadata.namespace!)) {
        const selector = svc.spec?.selector;
        if (selector && Object.keys(selector).length && selectorFromSet(selector).matches(pod.metadata.labels)) seen.add(keyOf(svc));
      }
    }
    yield* seen;
  }

  protected reconcile(key: string): ControllerAction[] {
    const [namespace, name] = splitKey(key);
    const service = this.projection.state.get(SERVICES, namespace, name)?.object as Service | undefined;
    const current = this.projection.state.get(ENDPOINTS, namespace, name)?.object as Endpoints | undefined;
    if (!service) return current ? endpointsToDelete([], [current]) : [];
    return reconcileEndpoints(service, inNamespace<Pod>(this.projection, PODS, namespace!), current);
  }
}
