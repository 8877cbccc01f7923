/**
 * One node agent, as `chronokube agent` and `up` start it: the Docker
 * kubelet with kube-proxy, or a single simulated node with the same name. It talks to the
 * API as system:node:<name> when it has the server's node secret (it mints
 * its token from it), else with the kubeconfig's own credentials.
 */
import { nodeToken } from '@chronokube/core';
import { KubeClient } from './kube-client/kube-client';
import type { ClusterAccess } from './kube-client/kubeconfig';
import { DockerRuntime } from './kubelet/docker-runtime';
import { DEFAULT_KUBELET, Kubelet } from './kubelet/kubelet';
import { nodeSecretHmac } from './node-secret-hmac';
import { KubeProxy, type ProxyMode } from './proxy/kube-proxy';
import { SimNodes } from './sim/sim-nodes';
import { DEFAULT_SIM } from './sim/sim-options';

export type RuntimeKind = 'docker' | 'sim';

export interface NodeAgentOptions {
  name: string;
  runtime: RuntimeKind;
  access: ClusterAccess;
  /** The server's DIR/node-secret; without it the kubeconfig's token is used. */
  nodeSecret?: string;
  cpu?: string;
  memory?: string;
  pods?: number;
  /** kube-proxy's mode; unset: iptables when root and iptables work, else userspace. */
  proxyMode?: ProxyMode;
  log(line: string): void;
}

export interface RunningNodeAgent {
  name: string;
  /** "docker 20.10.24" or "sim". */
  runtime: string;
  /** kube-proxy's mode (Docker runtime only). */
  proxyMode?: ProxyMode;
  stop(): Promise<void>;
}

/** Starts the agent; resolves once its node is registered. Throws RuntimeUnavailable when Docker does not answer. */
export async function startNodeAgent(o: NodeAgentOptions): Promise<RunningNodeAgent> {
  const access = o.nodeSecret ? { ...o.access, token: nodeToken(nodeSecretHmac(o.nodeSecret), o.name) } : o.access;
  if (o.runtime === 'sim') {
    const client = new KubeClient(access, 8, 'chronokube-agent/0.1 (sim)');
    const sim = new SimNodes(client, {
      ...DEFAULT_SIM, count: 1, names: [o.name],
      cpu: o.cpu ?? DEFAULT_SIM.cpu, memory: o.memory ?? DEFAULT_SIM.memory, pods: o.pods ?? DEFAULT_SIM.pods,
    }, o.log);
    try {
      await sim.start();
    } catch (err) {
      await sim.stop();
      client.close();
      throw err;
    }
    return { name: o.name, runtime: 'sim', stop: async () => { await sim.stop(); client.close(); } };
  }
  const runtime = new DockerRuntime();
  const client = new KubeClient(access, 16, 'chronokube-agent/0.1 (docker)');
  const kubelet = new Kubelet(client, runtime, { ...DEFAULT_KUBELET, name: o.name, cpu: o.cpu, memory: o.memory, pods: o.pods, nodeSecret: o.nodeSecret, log: o.log });
  // kube-proxy beside the kubelet, as on every kube node; pods then answer on their Services' addresses.
  const proxy = new KubeProxy(client, o.log, { node: o.name, mode: o.proxyMode });
  try {
    await kubelet.start();
    await proxy.start();
  } catch (err) {
    await proxy.stop();
    await kubelet.stop();
    client.close();
    throw err;
  }
  return {
    name: o.name,
    runtime: `docker ${kubelet.runtimeVersion}`,
    proxyMode: proxy.mode,
    stop: async () => {
      await proxy.stop();
      await kubelet.stop();
      client.close();
    },
  };
}
