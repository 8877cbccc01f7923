/**
 * The pod status a kubelet reports, computed from what the runtime shows
 * (pure): each container's state, last state and restart count, the pod
 * phase by kube's rules (getPhase), and the conditions PodScheduled,
 * PodReadyToStartContainers, Initialized, ContainersReady and Ready.
 * Transition times carry over from the previous status while a condition
 * keeps its value, so an unchanged pod yields an identical status.
 */
import type { Condition, ContainerState, ContainerStatus, Pod, PodPhase, PodStatus } from '@chronokube/core';

/** One container as the runtime shows it (its latest instance). */
export interface ContainerView {
  name: string;
  image: string;
  imageID?: string;
  containerID?: string;
  /** Current state; `waiting` when no instance runs (creating, pulling, backing off). */
  state: ContainerState;
  /** The previous instance's end, if it restarted. */
  lastState?: ContainerState;
  restartCount: number;
  /** Running and passing its readiness probe (running, when it has none). */
  ready: boolean;
  /** Running and past its startup probe. */
  started: boolean;
}

export interface PodView {
  sandboxReady: boolean;
  podIP?: string;
  hostIP: string;
  initContainers: ContainerView[];
  containers: ContainerView[];
  /** Set once the pod's first sandbox ran (status.startTime). */
  startTime?: string;
  now: string;
}

function terminated(v: ContainerView): ContainerState['terminated'] | undefined {
  return v.state.terminated;
}

/** Init containers all exited 0 (in order: any later one implies the earlier ones did). */
function initDone(view: PodView): boolean {
  return view.initContainers.every((c) => terminated(c)?.exitCode === 0);
}

/** kube's getPhase, for the pod's restart policy. */
export function podPhase(pod: Pod, view: PodView): PodPhase {
  const policy = pod.spec.restartPolicy ?? 'Always';
  if (!initDone(view)) {
    const failedInit = view.initContainers.some((c) => (terminated(c)?.exitCode ?? 0) !== 0 && !c.state.running);
    return failedInit && policy === 'Never' ? 'Failed' : 'Pending';
  }
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of view.containers) {
    if (c.state.running) running++;
    else if (c.state.terminated) {
      stopped++;
      if (c.state.terminated.exitCode === 0) succeeded++;
    } else if (c.lastState?.terminated) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped === 0) return 'Pending';
  if (policy === 'Always') return 'Running';
  if (succeeded === stopped && stopped === view.containers.length) return 'Succeeded';
  if (policy === 'Never') return 'Failed';
  return 'Running';
}

function condition(previous: Condition[] | undefined, type: string, ok: boolean, now: string, reason?: string): Condition {
  const status = ok ? 'True' : 'False';
  const before = previous?.find((c) => c.type === type);
  const since = before?.status === status && before.lastTransitionTime ? before.lastTransitionTime : now;
  return { type, status, ...(reason && !ok ? { reason } : {}), lastProbeTime: null, lastTransitionTime: since };
}

function containerStatus(v: ContainerView): ContainerStatus {
  return {
    name: v.name,
    state: v.state,
    lastState: v.lastState ?? {},
    ready: v.ready,
    restartCount: v.restartCount,
    image: v.image,
    imageID: v.imageID ?? '',
    ...(v.containerID ? { containerID: v.containerID } : {}),
    started: v.started,
  };
}

/** The status to report for `pod`, given the runtime's view. */
export function podStatus(pod: Pod, view: PodView): PodStatus {
  const previous = pod.status?.conditions;
  const phase = podPhase(pod, view);
  const initialized = initDone(view);
  const containersReady = initialized && view.containers.every((c) => c.ready);
  const notReadyReason = phase === 'Succeeded' || phase === 'Failed' ? 'PodCompleted' : 'ContainersNotReady';
  const conditions = [
    condition(previous, 'PodReadyToStartContainers', view.sandboxReady, view.now),
    condition(previous, 'Initialized', initialized, view.now, 'ContainersNotInitialized'),
    condition(previous, 'Ready', containersReady, view.now, notReadyReason),
    condition(previous, 'ContainersReady', containersReady, view.now, notReadyReason),
    condition(previous, 'PodScheduled', true, view.now),
  ];
  const status: PodStatus = {
    phase,
    conditions,
    hostIP: view.hostIP,
    hostIPs: [{ ip: view.hostIP }],
    ...(view.podIP ? { podIP: view.podIP, podIPs: [{ ip: view.podIP }] } : {}),
    ...(view.startTime ? { startTime: view.startTime } : {}),
    containerStatuses: view.containers.map(containerStatus),
    qosClass: pod.status?.qosClass,
  };
  if (view.initContainers.length > 0) status.initContainerStatuses = view.initContainers.map(containerStatus);
  if (status.qosClass === undefined) delete status.qosClass;
  return status;
}
