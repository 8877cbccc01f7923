/**
 * core/v1 PodStatus: what the kubelet and scheduler report about a pod,
 * its conditions and the state of each container.
 */
import {
  CORE, Definitions, bool, int32, object, quantityMap, ref, refList, str, strEnum, time,
} from '../schema-dsl';

const STATE = `${CORE}ContainerState`;

/** PodStatus, ContainerStatus and the container states. */
export const POD_STATUS_DEFS: Definitions = {
  [`${CORE}PodStatus`]: object('Information about the status of a pod; may lag behind the actual state of the system.', {
    conditions: refList(`${CORE}PodCondition`, 'Current service state of the pod.'),
    containerStatuses: refList(`${CORE}ContainerStatus`, 'Status of each container in the manifest, one entry per container.'),
    ephemeralContainerStatuses: refList(`${CORE}ContainerStatus`, 'Status of any ephemeral containers that have run in the pod.'),
    hostIP: str('IP address of the host the pod is assigned to; empty until scheduled.'),
    hostIPs: refList(`${CORE}HostIP`, 'IP addresses of the host; hostIPs[0] equals hostIP.'),
    initContainerStatuses: refList(`${CORE}ContainerStatus`, 'Status of each init container, one entry per init container.'),
    message: str('Human-readable message about why the pod is in this condition.'),
    nominatedNodeName: str('Node the pod is expected to run on once the victims it preempted are gone; not a guarantee.'),
    phase: strEnum(['Failed', 'Pending', 'Running', 'Succeeded', 'Unknown'],
      'High-level summary of where the pod is in its lifecycle.'),
    podIP: str('IP address allocated to the pod; empty until allocated.'),
    podIPs: refList(`${CORE}PodIP`, 'IP addresses allocated to the pod, at most one per address family; podIPs[0] equals podIP.'),
    qosClass: strEnum(['BestEffort', 'Burstable', 'Guaranteed'], 'Quality of Service class derived from the resource requirements.'),
    reason: str('Brief CamelCase reason the pod is in this state, such as Evicted.'),
    resize: str('Status of a desired resize of the pod containers: Proposed, InProgress, Deferred or Infeasible.'),
    startTime: time('When the kubelet acknowledged the pod, before pulling any image.'),
  }),
  [`${CORE}PodCondition`]: object('One aspect of the current state of a pod.', {
    lastProbeTime: time('When the condition was last probed.'),
    lastTransitionTime: time('When the condition last changed from one status to another.'),
    message: str('Human-readable details about the last transition.'),
    reason: str('Unique, one-word CamelCase reason for the last transition.'),
    status: str('Status of the condition: True, False or Unknown.'),
    type: str('Type of the condition, such as PodScheduled, Initialized, ContainersReady or Ready.'),
  }, { required: ['type', 'status'] }),
  [`${CORE}PodIP`]: object('An IP address allocated to the pod.', {
    ip: str('The IP address.'),
  }, { required: ['ip'] }),
  [`${CORE}HostIP`]: object('An IP address allocated to the host.', {
    ip: str('The IP address.'),
  }, { required: ['ip'] }),
  [`${CORE}ContainerStatus`]: object('The status of one container of a pod.', {
    allocatedResources: quantityMap('Compute resources the node allocated to the container.'),
    containerID: str("ID of the container, in the form '<type>://<container_id>'."),
    image: str('Image the container is running.'),
    imageID: str("Image ID of the container's image."),
    lastState: ref(STATE, "Details of the container's last termination."),
    name: str('Name of the container, as in the pod spec.'),
    ready: bool('Whether the container passes its readiness check.'),
    resources: ref(`${CORE}ResourceRequirements`, 'Resource requests and limits actually configured on the running container.'),
    restartCount: int32('Number of times the container has been restarted.'),
    started: bool('Whether the container has finished its postStart hook and passed its startup probe.'),
    state: ref(STATE, 'Details of the current condition of the container.'),
  }, { required: ['name', 'ready', 'restartCount', 'image', 'imageID'] }),
  [STATE]: object('The possible states of a container; only one member may be set, none means Waiting.', {
    running: ref(`${CORE}ContainerStateRunning`, 'Details about a running container.'),
    terminated: ref(`${CORE}ContainerStateTerminated`, 'Details about a terminated container.'),
    waiting: ref(`${CORE}ContainerStateWaiting`, 'Details about a waiting container.'),
  }),
  [`${CORE}ContainerStateRunning`]: object('A running container.', {
    startedAt: time('When the container was last (re)started.'),
  }),
  [`${CORE}ContainerStateTerminated`]: object('A terminated container.', {
    containerID: str("ID of the container, in the form '<type>://<container_id>'."),
    exitCode: int32('Exit status of the last termination.'),
    finishedAt: time('When the container last terminated.'),
    message: str('Message about the last termination.'),
    reason: str('Brief reason for the last termination, such as Completed or OOMKilled.'),
    signal: int32('Signal of the last termination.'),
    startedAt: time('When the previous execution of the container started.'),
  }, { required: ['exitCode'] }),
  [`${CORE}ContainerStateWaiting`]: object('A container that is waiting.', {
    message: str("Message about why the container is not yet running."),
    reason: str('Brief reason the container is not yet running, such as ContainerCreating or CrashLoopBackOff.'),
  }),
};
