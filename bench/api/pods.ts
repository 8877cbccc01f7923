import type { ApiClient } from './client';

/** The pods collection of a namespace. */
export function podsPath(namespace: string): string {
  return `/api/v1/namespaces/${namespace}/pods`;
}

/**
 * The smallest valid pod (one container), as the scenarios use it.
 * Serialized here so callers time the request, not JSON.stringify.
 */
export function podBody(name: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] },
  });
}

/** Creates one pod; resolves true on 2xx (a failure is already recorded by the client). */
export async function createPod(client: ApiClient, namespace: string, name: string, scenario: string): Promise<boolean> {
  const res = await client.send('POST', podsPath(namespace), { body: podBody(name), scenario });
  return res.ok;
}

/**
 * Creates a namespace; pods can only be created in one that exists. Rejects
 * on failure: without it, every later request of the scenario would fail.
 */
export async function createNamespace(client: ApiClient, name: string): Promise<void> {
  const body = JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  const res = await client.send('POST', '/api/v1/namespaces', { body, scenario: 'setup' });
  if (!res.ok) throw new Error(`POST /api/v1/namespaces (${name}): HTTP ${res.status} ${res.body.toString('utf8').slice(0, 300)}`);
}

/** A pod list as far as the bench reads it. */
export interface PodList {
  metadata: { resourceVersion?: string; continue?: string };
  items: { metadata: { name: string } }[];
}

/** Lists a namespace's pods (unpaged, JSON); rejects on failure. For setup and checks, not for timing. */
export async function listPods(client: ApiClient, namespace: string): Promise<PodList> {
  const res = await client.send('GET', podsPath(namespace), { scenario: 'setup' });
  if (!res.ok) throw new Error(`GET ${podsPath(namespace)}: HTTP ${res.status} ${res.body.toString('utf8').slice(0, 300)}`);
  return JSON.parse(res.body.toString('utf8')) as PodList;
}
