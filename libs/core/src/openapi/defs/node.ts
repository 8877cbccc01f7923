/**
 * core/v1 Node: a worker the scheduler places pods on, reported by the node
 * agent (chronokube's kubelet).
 */
import {
  CORE, Definitions, gvk, int32, int64, kind, listKind, object, quantityMap, ref, refList, str, strEnum, strList, time, bool,
} from '../schema-dsl';
import { TAINT_EFFECTS } from './pod';

/** Node, NodeSpec, NodeStatus and their parts. */
export const NODE_DEFS: Definitions = {
  [`${CORE}Node`]: kind(gvk.core('Node'), 'A worker node; each node has a unique id in the cache (and so in etcd or the event log).', {
    spec: ref(`${CORE}NodeSpec`, 'Behaviour of the node.'),
    status: ref(`${CORE}NodeStatus`, 'Most recently observed status of the node, populated by the system; read-only.'),
  }),
  [`${CORE}NodeList`]: listKind(gvk.core('NodeList'), `${CORE}Node`, 'A list of Nodes.'),
  [`${CORE}NodeSpec`]: object('How a node should be set up at creation.', {
    externalID: str('Deprecated; not every kubelet sets it.'),
    podCIDR: str('Pod IP range assigned to the node.'),
    podCIDRs: strList('Pod IP ranges assigned to the node, at most one per address family; podCIDRs[0] equals podCIDR.'),
    providerID: str('ID of the node assigned by the cloud provider: <ProviderName>://<ProviderSpecificNodeID>.'),
    taints: refList(`${CORE}Taint`, "The node's taints."),
    unschedulable: bool('Whether new pods are kept off the node; set by kubectl cordon.'),
  }),
  [`${CORE}Taint`]: object('A taint repels pods that do not tolerate it from the node it is on.', {
    effect: strEnum(TAINT_EFFECTS, 'Effect on pods that do not tolerate the taint.'),
    key: str('The taint key applied to the node.'),
    timeAdded: time('When the taint was added; only written for NoExecute taints.'),
    value: str('The taint value corresponding to the key.'),
  }, { required: ['key', 'effect'] }),
  [`${CORE}NodeStatus`]: object('Most recently observed status of a node.', {
    addresses: refList(`${CORE}NodeAddress`, 'Addresses reachable at the node.'),
    allocatable: quantityMap('Resources of the node available for scheduling; defaults to capacity.'),
    capacity: quantityMap('Total resources of the node.'),
    conditions: refList(`${CORE}NodeCondition`, 'Current observed conditions of the node, such as Ready.'),
    daemonEndpoints: ref(`${CORE}NodeDaemonEndpoints`, 'Endpoints of daemons running on the node.'),
    images: refList(`${CORE}ContainerImage`, 'Container images on the node.'),
    nodeInfo: ref(`${CORE}NodeSystemInfo`, 'General information about the node, such as kernel and kubelet versions.'),
    phase: strEnum(['Pending', 'Running', 'Terminated'], 'Deprecated lifecycle phase of the node.'),
    volumesInUse: strList('Attachable volumes in use (mounted) by the node.'),
  }),
  [`${CORE}NodeAddress`]: object("An address of the node.", {
    address: str('The node address.'),
    type: str('Type of address: Hostname, ExternalIP, InternalIP, ExternalDNS or InternalDNS.'),
  }, { required: ['type', 'address'] }),
  [`${CORE}NodeCondition`]: object('One aspect of the current state of a node.', {
    lastHeartbeatTime: time('When the condition was last reported.'),
    lastTransitionTime: time('When the condition last changed from one status to another.'),
    message: str('Human-readable details about the last transition.'),
    reason: str('Brief reason for the last transition.'),
    status: str('Status of the condition: True, False or Unknown.'),
    type: str('Type of the condition, such as Ready, MemoryPressure or DiskPressure.'),
  }, { required: ['type', 'status'] }),
  [`${CORE}NodeDaemonEndpoints`]: object('Ports opened by daemons on the node.', {
    kubeletEndpoint: ref(`${CORE}DaemonEndpoint`, 'Endpoint on which the kubelet listens.'),
  }),
  [`${CORE}DaemonEndpoint`]: object('A port a daemon listens on.', {
    Port: int32('Port number of the endpoint.'),
  }, { required: ['Port'] }),
  [`${CORE}ContainerImage`]: object('A container image present on the node.', {
    names: strList('Names the image is known by.'),
    sizeBytes: int64('Size of the image in bytes.'),
  }),
  [`${CORE}NodeSystemInfo`]: object('Identifiers and versions of the node.', {
    architecture: str('Architecture reported by the node.'),
    bootID: str('Boot ID reported by the node.'),
    containerRuntimeVersion: str('Container runtime version, as <runtime>://<version>.'),
    kernelVersion: str('Kernel version reported by uname -r.'),
    kubeProxyVersion: str('Deprecated: kube-proxy version reported by the node.'),
    kubeletVersion: str('Kubelet version reported by the node.'),
    machineID: str('Machine ID reported by the node, unique per machine.'),
    operatingSystem: str('Operating system reported by the node.'),
    osImage: str('OS image reported by the node, from /etc/os-release.'),
    systemUUID: str('System UUID reported by the node.'),
  }, {
    required: ['machineID', 'systemUUID', 'bootID', 'kernelVersion', 'osImage', 'containerRuntimeVersion',
      'kubeletVersion', 'kubeProxyVersion', 'operatingSystem', 'architecture'],
  }),
};
