/**
 * What every node agent does against the API, real or simulated: register
 * its Node (or, when it exists from an earlier run, post its status again)
 * and keep its Lease in kube-node-lease fresh. Both idempotent.
 */
import { NODE_LEASE_NAMESPACE, rfc3339Micro, type Condition, type KubeObject } from '@chronokube/core';
import { KubeApiError, type KubeClient } from './kube-client';

/** The four conditions a healthy kubelet posts, with kube's reasons and messages. */
export function healthyNodeConditions(now: string, readyMessage = 'kubelet is posting ready status'): Condition[] {
  const c = (type: string, status: 'True' | 'False', reason: string, message: string): Condition => ({ type, status, reason, message, lastHeartbeatTime: now, lastTransitionTime: now });
  return [
    c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    c('Ready', 'True', 'KubeletReady', readyMessage),
  ];
}

/** Creates the Node; if it exists (an agent restart), posts its status, so it is Ready again. */
export async function registerNode(client: KubeClient, node: KubeObject): Promise<void> {
  try {
    await client.request('POST', '/api/v1/nodes', node);
  } catch (err) {
    if (!(err instanceof KubeApiError && err.status === 409)) throw err;
    await client.request('PATCH', `/api/v1/nodes/${node.metadata.name}/status`, { status: (node as { status?: unknown }).status }, 'application/merge-patch+json');
  }
}

/** Renews (or first creates) the node's Lease, as the kubelet's heartbeat. */
export async function renewNodeLease(client: KubeClient, name: string): Promise<void> {
  const spec = { holderIdentity: name, leaseDurationSeconds: 40, renewTime: rfc3339Micro(new Date()) };
  const path = `/apis/coordination.k8s.io/v1/namespaces/${NODE_LEASE_NAMESPACE}/leases`;
  try {
    await client.request('PATCH', `${path}/${name}`, { spec }, 'application/merge-patch+json');
  } catch (err) {
    if (!(err instanceof KubeApiError && err.status === 404)) throw err;
    await client.request('POST', path, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace: NODE_LEASE_NAMESPACE }, spec });
  }
}
