/**
 * core/v1 Node: spec (taints live in schema-core-scheduling) and the common
 * status fields a kubelet reports. Deprecated config-source fields are
 * skipped as unknown.
 */
import { type MessageTable, KEEP, REP, bool, i32, i64, map, msg, str } from './descriptor';

/** Node, NodeSpec, NodeStatus and their parts. */
export const CORE_NODE_MESSAGES: MessageTable = {
  'core.Node': {
    1: msg('metadata', 'meta.ObjectMeta'),
    2: msg('spec', 'core.NodeSpec'),
    3: msg('status', 'core.NodeStatus'),
  },
  'core.NodeSpec': {
    1: str('podCIDR'),
    2: str('externalID'),
    3: str('providerID'),
    4: bool('unschedulable'),
    5: msg('taints', 'core.Taint', REP),
    7: str('podCIDRs', REP),
  },
  'core.NodeStatus': {
    1: map('capacity', { message: 'resource.Quantity' }),
    2: map('allocatable', { message: 'resource.Quantity' }),
    3: str('phase'),
    4: msg('conditions', 'core.NodeCondition', REP),
    5: msg('addresses', 'core.NodeAddress', REP),
    6: msg('daemonEndpoints', 'core.NodeDaemonEndpoints'),
    7: msg('nodeInfo', 'core.NodeSystemInfo'),
    8: msg('images', 'core.ContainerImage', REP),
    9: str('volumesInUse', REP),
    10: msg('volumesAttached', 'core.AttachedVolume', REP),
    12: msg('runtimeHandlers', 'core.NodeRuntimeHandler', REP),
    13: msg('features', 'core.NodeFeatures'),
  },
  'core.NodeCondition': {
    1: str('type', KEEP),
    2: str('status', KEEP),
    3: msg('lastHeartbeatTime', 'meta.Time'),
    4: msg('lastTransitionTime', 'meta.Time'),
    5: str('reason'),
    6: str('message'),
  },
  'core.NodeAddress': { 1: str('type', KEEP), 2: str('address', KEEP) },
  'core.NodeDaemonEndpoints': { 1: msg('kubeletEndpoint', 'core.DaemonEndpoint') },
  // The Go json tag really is capitalised: `json:"Port"`.
  'core.DaemonEndpoint': { 1: i32('Port', KEEP) },
  'core.NodeSystemInfo': {
    1: str('machineID', KEEP),
    2: str('systemUUID', KEEP),
    3: str('bootID', KEEP),
    4: str('kernelVersion', KEEP),
    5: str('osImage', KEEP),
    6: str('containerRuntimeVersion', KEEP),
    7: str('kubeletVersion', KEEP),
    8: str('kubeProxyVersion', KEEP),
    9: str('operatingSystem', KEEP),
    10: str('architecture', KEEP),
    11: msg('swap', 'core.NodeSwapStatus'),
  },
  'core.NodeSwapStatus': { 1: i64('capacity', KEEP) },
  'core.ContainerImage': { 1: str('names', REP), 2: i64('sizeBytes') },
  'core.AttachedVolume': { 1: str('name', KEEP), 2: str('devicePath', KEEP) },
  'core.NodeRuntimeHandler': { 1: str('name', KEEP), 2: msg('features', 'core.NodeRuntimeHandlerFeatures') },
  'core.NodeRuntimeHandlerFeatures': { 1: bool('recursiveReadOnlyMounts', KEEP), 2: bool('userNamespaces', KEEP) },
  'core.NodeFeatures': { 1: bool('supplementalGroupsPolicy', KEEP) },
};
