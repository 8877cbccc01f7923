/**
 * pods/log: validated and resolved by core (parsePodLogOptions,
 * logContainer), then proxied to the node agent's /containerLogs, as
 * kube-apiserver proxies to the kubelet. The response streams through
 * (follow keeps it open); the agent's refusal becomes a Status with its
 * message. The API authenticates to the agent with the kubelet-client
 * token derived from the node secret.
 */
import http from 'node:http';
import type { ServerResponse } from 'node:http';
import { ApiError, badRequest, kubeletClientToken, kubeletLogQuery, logContainer, parsePodLogOptions, unavailable, type Node, type Pod } from '@chronokube/core';
import { nodeSecretHmac } from '../auth/node-secret-hmac';
import { NODES } from '../controllers/workload-index';
import type { ProjectionService } from '../projection/projection.service';

/** Where the node's agent serves its API: its InternalIP (else Hostname) and daemonEndpoints port. */
export function kubeletAddress(node: Node): { host: string; port: number } | undefined {
  const status = node.status as { addresses?: { type: string; address: string }[]; daemonEndpoints?: { kubeletEndpoint?: { Port?: number } } } | undefined;
  const port = status?.daemonEndpoints?.kubeletEndpoint?.Port;
  const addresses = status?.addresses ?? [];
  const host = (addresses.find((a) => a.type === 'InternalIP') ?? addresses.find((a) => a.type === 'Hostname'))?.address;
  return port && host ? { host, port } : undefined;
}

const REASONS: Record<number, string> = { 400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound' };

/** Serves GET pods/<name>/log for `pod`. */
export async function proxyPodLog(projection: ProjectionService, nodeSecret: string | undefined, pod: Pod, query: URLSearchParams, res: ServerResponse): Promise<void> {
  const name = pod.metadata.name ?? '';
  const options = parsePodLogOptions(query, name);
  const container = logContainer(pod, options.container);
  const nodeName = pod.spec.nodeName;
  // kube: a pod without a host has no log yet; an empty body, not an error.
  if (!nodeName) {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end();
    return;
  }
  const node = projection.state.get(NODES, undefined, nodeName)?.object as Node | undefined;
  const address = node ? kubeletAddress(node) : undefined;
  if (!address) throw badRequest(`node "${nodeName}" of pod ${name} serves no kubelet API (a simulated node keeps no logs)`);
  if (!nodeSecret) throw unavailable('this API server has no node secret, so it cannot call node agents');
  const path = `/containerLogs/${encodeURIComponent(pod.metadata.namespace ?? 'default')}/${encodeURIComponent(name)}/${encodeURIComponent(container)}`;
  const query2 = kubeletLogQuery(options);
  const upstream = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = http.get({ host: address.host, port: address.port, path: query2 ? `${path}?${query2}` : path, headers: { Authorization: `Bearer ${kubeletClientToken(nodeSecretHmac(nodeSecret))}` } }, resolve);
    req.on('error', (err) => reject(unavailable(`the node agent of ${nodeName} did not answer: ${err.message}`)));
    res.on('close', () => req.destroy());
  });
  if (upstream.statusCode !== 200) {
    let text = '';
    for await (const chunk of upstream) text += chunk;
    const code = upstream.statusCode ?? 502;
    const status = code === 401 ? 500 : code;
    throw new ApiError(status, REASONS[status] ?? 'InternalError', text.trim() || `the node agent answered ${code}`);
  }
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  upstream.pipe(res);
  res.on('close', () => upstream.destroy());
}
