/**
 * core/v1 PodStatus and ContainerStatus: what the node agent reports. Enough
 * to round-trip a status a protobuf client sends; rarer fields are skipped.
 */
import { type MessageTable, KEEP, REP, bool, i32, i64, map, msg, str } from './descriptor';

/** PodStatus, PodCondition, ContainerStatus and ContainerState. */
export const CORE_STATUS_MESSAGES: MessageTable = {
  'core.PodStatus': {
    1: str('phase'),
    2: msg('conditions', 'core.PodCondition', REP),
    3: str('message'),
    4: str('reason'),
    5: str('hostIP'),
    6: str('podIP'),
    7: msg('startTime', 'meta.Time'),
    8: msg('containerStatuses', 'core.ContainerStatus', REP),
    9: str('qosClass'),
    10: msg('initContainerStatuses', 'core.ContainerStatus', REP),
    11: str('nominatedNodeName'),
    12: msg('podIPs', 'core.PodIP', REP),
    13: msg('ephemeralContainerStatuses', 'core.ContainerStatus', REP),
    14: str('resize'),
    15: msg('resourceClaimStatuses', 'core.PodResourceClaimStatus', REP),
    16: msg('hostIPs', 'core.HostIP', REP),
    17: i64('observedGeneration'),
  },
  'core.PodCondition': {
    1: str('type', KEEP),
    2: str('status', KEEP),
    3: msg('lastProbeTime', 'meta.Time'),
    4: msg('lastTransitionTime', 'meta.Time'),
    5: str('reason'),
    6: str('message'),
    7: i64('observedGeneration'),
  },
  'core.PodIP': { 1: str('ip', KEEP) },
  'core.HostIP': { 1: str('ip', KEEP) },
  'core.PodResourceClaimStatus': { 1: str('name', KEEP), 2: str('resourceClaimName', KEEP) },
  'core.ContainerStatus': {
    1: str('name', KEEP),
    2: msg('state', 'core.ContainerState'),
    3: msg('lastState', 'core.ContainerState'),
    4: bool('ready', KEEP),
    5: i32('restartCount', KEEP),
    6: str('image', KEEP),
    7: str('imageID', KEEP),
    8: str('containerID'),
    9: bool('started', KEEP),
    10: map('allocatedResources', { message: 'resource.Quantity' }),
    11: msg('resources', 'core.ResourceRequirements'),
    12: msg('volumeMounts', 'core.VolumeMountStatus', REP),
    15: str('stopSignal', KEEP),
  },
  'core.VolumeMountStatus': {
    1: str('name', KEEP),
    2: str('mountPath', KEEP),
    3: bool('readOnly'),
    4: str('recursiveReadOnly', KEEP),
  },
  'core.ContainerState': {
    1: msg('waiting', 'core.ContainerStateWaiting'),
    2: msg('running', 'core.ContainerStateRunning'),
    3: msg('terminated', 'core.ContainerStateTerminated'),
  },
  'core.ContainerStateWaiting': { 1: str('reason'), 2: str('message') },
  'core.ContainerStateRunning': { 1: msg('startedAt', 'meta.Time') },
  'core.ContainerStateTerminated': {
    1: i32('exitCode', KEEP),
    2: i32('signal'),
    3: str('reason'),
    4: str('message'),
    5: msg('startedAt', 'meta.Time'),
    6: msg('finishedAt', 'meta.Time'),
    7: str('containerID'),
  },
};
