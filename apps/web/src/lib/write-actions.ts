/**
 * The dashboard's writes, each one standard API call kubectl would make:
 * scale (merge patch of the scale subresource), delete, and restart rollout
 * (kubectl rollout restart's annotation on the pod template).
 */
import { apiJson } from './api-client';

/** The REST path of a namespaced object of a kind the dashboard writes. */
export function objectPath(kind: string, namespace: string, name: string): string {
  const ns = encodeURIComponent(namespace);
  const n = encodeURIComponent(name);
  switch (kind) {
    case 'Deployment': return `/apis/apps/v1/namespaces/${ns}/deployments/${n}`;
    case 'ReplicaSet': return `/apis/apps/v1/namespaces/${ns}/replicasets/${n}`;
    case 'Pod': return `/api/v1/namespaces/${ns}/pods/${n}`;
    case 'Service': return `/api/v1/namespaces/${ns}/services/${n}`;
    case 'Endpoints': return `/api/v1/namespaces/${ns}/endpoints/${n}`;
    case 'Event': return `/api/v1/namespaces/${ns}/events/${n}`;
    case 'Node': return `/api/v1/nodes/${n}`;
    default: throw new Error(`no write path for kind ${kind}`);
  }
}

/** The resource and group SelfSubjectAccessReview asks about for a kind. */
export function resourceOf(kind: string): { group: string; resource: string } {
  const map: Record<string, { group: string; resource: string }> = {
    Deployment: { group: 'apps', resource: 'deployments' },
    ReplicaSet: { group: 'apps', resource: 'replicasets' },
    Pod: { group: '', resource: 'pods' },
    Service: { group: '', resource: 'services' },
    Endpoints: { group: '', resource: 'endpoints' },
    Event: { group: '', resource: 'events' },
    Node: { group: '', resource: 'nodes' },
  };
  return map[kind] ?? { group: '', resource: kind.toLowerCase() + 's' };
}

/** Set replicas through the scale subresource. */
export function scale(kind: string, namespace: string, name: string, replicas: number): Promise<unknown> {
  if (!Number.isInteger(replicas) || replicas < 0) return Promise.reject(new Error(`replicas must be a whole number >= 0, not ${replicas}`));
  return apiJson(`${objectPath(kind, namespace, name)}/scale`, { method: 'PATCH', contentType: 'application/merge-patch+json', body: { spec: { replicas } } });
}

/** Delete an object (background propagation, as kubectl does). */
export function remove(kind: string, namespace: string, name: string): Promise<unknown> {
  return apiJson(objectPath(kind, namespace, name), { method: 'DELETE', body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } });
}

/** The patch `kubectl rollout restart` sends (a fresh timestamp on the template). */
export function restartPatch(now: Date): unknown {
  return { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': now.toISOString() } } } } };
}

/** Restart a Deployment's rollout. */
export function restartRollout(namespace: string, name: string, now = new Date()): Promise<unknown> {
  return apiJson(objectPath('Deployment', namespace, name), { method: 'PATCH', contentType: 'application/merge-patch+json', body: restartPatch(now) });
}
