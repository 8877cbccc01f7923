/**
 * The container lifecycle Events a kubelet records, worded as kubelet 1.32
 * words them (pkg/kubelet/images and kuberuntime), so `kubectl describe
 * pod` reads as on Kubernetes. Pure: the kubelet decides when, this says
 * what.
 */
import type { Container, EventRecord, Pod } from '@chronokube/core';

/** An Event about one container of a pod, before it is addressed to the pod. */
export type ContainerEvent = Pick<EventRecord, 'type' | 'reason' | 'message'>;

/** `spec.containers{name}` or `spec.initContainers{name}`: the involvedObject.fieldPath kubelet sets. */
export function containerFieldPath(pod: Pod, c: Pick<Container, 'name'>): string {
  const init = (pod.spec.initContainers ?? []).some((i) => i.name === c.name);
  return `spec.${init ? 'initContainers' : 'containers'}{${c.name}}`;
}

/** Go's time.Duration text for milliseconds: 512ms, 1.25s, 2m3.5s. */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  const trim = (n: number): string => String(Number(n.toFixed(3)));
  if (ms < 60_000) return `${trim(ms / 1000)}s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes}m${trim((ms - minutes * 60_000) / 1000)}s`;
}

const normal = (reason: string, message: string): ContainerEvent => ({ type: 'Normal', reason, message });
const warning = (reason: string, message: string): ContainerEvent => ({ type: 'Warning', reason, message });

export const containerEvents = {
  pulling: (image: string) => normal('Pulling', `Pulling image "${image}"`),
  pulled: (image: string, ms: number, size?: number) =>
    normal('Pulled', `Successfully pulled image "${image}" in ${goDuration(ms)} (${goDuration(ms)} including waiting).${size !== undefined ? ` Image size: ${size} bytes.` : ''}`),
  alreadyPresent: (image: string) => normal('Pulled', `Container image "${image}" already present on machine`),
  created: (name: string) => normal('Created', `Created container: ${name}`),
  started: (name: string) => normal('Started', `Started container ${name}`),
  killing: (name: string) => normal('Killing', `Stopping container ${name}`),
  /** `pod` as kubelet's format.Pod prints it: name_namespace(uid). */
  backOff: (name: string, pod: Pod) =>
    warning('BackOff', `Back-off restarting failed container ${name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`),
  pullFailed: (image: string, why: string) => [warning('Failed', `Failed to pull image "${image}": ${why}`), warning('Failed', 'Error: ErrImagePull')],
  pullBackOff: (image: string) => [normal('BackOff', `Back-off pulling image "${image}"`), warning('Failed', 'Error: ImagePullBackOff')],
  neverPull: (image: string) => [
    warning('ErrImageNeverPull', `Container image "${image}" is not present with pull policy of Never`),
    warning('Failed', 'Error: ErrImageNeverPull'),
  ],
  /** A container that could not be configured, created or started. */
  failed: (message: string) => warning('Failed', `Error: ${message}`),
};
