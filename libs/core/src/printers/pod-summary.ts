/**
 * The READY, STATUS and RESTARTS cells of a pod, following kube 1.32's
 * printPod. STATUS is not the phase: it is the most telling container reason
 * (CrashLoopBackOff, ContainerCreating, Error, Init:1/3, ...), because that is
 * what a person running `kubectl get pods` needs to see first.
 */
import type { Condition, Container, ContainerStatus, Pod } from '../api/types';
import { humanDuration, parseTimestamp } from './human-duration';

export interface PodSummary {
  /** "ready/total", sidecars (restartable init containers) included in total. */
  ready: string;
  status: string;
  /** "3" or "3 (5m ago)". */
  restarts: string;
}

// Reason the node lifecycle controller sets on pods of an unreachable node.
const NODE_UNREACHABLE_REASON = 'NodeLost';

/** Sidecars are init containers with restartPolicy Always; they count as app containers. */
function isSidecar(container: Container | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

function hasCondition(conditions: Condition[] | undefined, type: string): boolean {
  return (conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/** The later of a running maximum and a container's last termination time. */
function laterFinish(current: number | undefined, status: ContainerStatus): number | undefined {
  const finished = parseTimestamp(status.lastState?.terminated?.finishedAt);
  if (finished === undefined) return current;
  return current === undefined || finished > current ? finished : current;
}

/** A terminated container without a reason is described by its signal or exit code. */
function terminationReason(t: { exitCode: number; signal?: number }, prefix: string): string {
  return t.signal ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode}`;
}

/**
 * READY, STATUS and RESTARTS for a pod at `now`. Pure and total: any missing
 * status field reads as kube's zero value.
 */
export function podSummary(pod: Pod, now: Date): PodSummary {
  const status = pod.status ?? {};
  const phase = status.phase ?? '';
  const initSpecs = new Map((pod.spec?.initContainers ?? []).map((c) => [c.name, c] as const));
  let total = (pod.spec?.containers ?? []).length;
  for (const c of initSpecs.values()) if (isSidecar(c)) total++;

  let reason: string = status.reason || phase;
  if ((status.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }

  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;
  let initializing = false;

  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    const sidecar = isSidecar(initSpecs.get(c.name));
    restarts += c.restartCount ?? 0;
    lastRestart = laterFinish(lastRestart, c);
    if (sidecar) {
      sidecarRestarts += c.restartCount ?? 0;
      lastSidecarRestart = laterFinish(lastSidecarRestart, c);
    }
    const state = c.state ?? {};
    if (state.terminated && state.terminated.exitCode === 0) continue;
    if (sidecar && c.started === true) {
      if (c.ready) ready++;
      continue;
    }
    // The first init container that has not finished explains the whole pod.
    if (state.terminated) {
      reason = state.terminated.reason ? `Init:${state.terminated.reason}` : terminationReason(state.terminated, 'Init:');
    } else if (state.waiting?.reason && state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.size}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || hasCondition(status.conditions, 'Initialized')) {
    // Init-container restarts only matter while initializing; sidecars keep counting.
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    // Walk backwards so the first container's reason wins.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      const state = c.state ?? {};
      restarts += c.restartCount ?? 0;
      lastRestart = laterFinish(lastRestart, c);
      if (state.waiting?.reason) {
        reason = state.waiting.reason;
      } else if (state.terminated?.reason) {
        reason = state.terminated.reason;
      } else if (state.terminated) {
        reason = terminationReason(state.terminated, '');
      } else if (c.ready && state.running) {
        hasRunning = true;
        ready++;
      }
    }
    // One finished container must not hide others that still run.
    if (reason === 'Completed' && hasRunning) {
      reason = hasCondition(status.conditions, 'Ready') ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp && status.reason === NODE_UNREACHABLE_REASON) {
    reason = 'Unknown';
  } else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }

  let restartText = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined) {
    restartText = `${restarts} (${humanDuration(now.getTime() - lastRestart)} ago)`;
  }
  return { ready: `${ready}/${total}`, status: reason, restarts: restartText };
}
