/** @chronokube/agent: node agents (kubelet + kube-proxy) and simulated nodes. */
export { SimNodes } from './sim/sim-nodes';
export { DEFAULT_SIM, type SimOptions } from './sim/sim-options';
export { KubeClient, KubeApiError, type WatchEvent } from './kube-client/kube-client';
export { Informer } from './kube-client/informer';
export { loadKubeconfig, type ClusterAccess } from './kube-client/kubeconfig';
export { Kubelet, DEFAULT_KUBELET, type KubeletOptions } from './kubelet/kubelet';
export { DockerRuntime, RuntimeUnavailable } from './kubelet/docker-runtime';
export { startNodeAgent, type NodeAgentOptions, type RunningNodeAgent, type RuntimeKind } from './node-agent';
export { KubeProxy, type ProxyMode } from './proxy/kube-proxy';
