/**
 * The kubelet's core/v1 Events about its pods, as kube's event recorder
 * writes them: source kubelet on this host, the container as
 * involvedObject.fieldPath, best effort (a failed write is logged, never
 * retried). Each Event cites the pod version the kubelet acted on, so the
 * first ones of a pod are caused by its binding.
 */
import { eventObject, type Container, type Pod } from '@chronokube/core';
import { causedBy } from '../kube-client/cause';
import type { KubeClient } from '../kube-client/kube-client';
import { containerFieldPath, type ContainerEvent } from './container-events';

export class PodEventRecorder {
  private sequence = Math.floor(Math.random() * 0x10000);

  constructor(private readonly client: KubeClient, private readonly host: string, private readonly log: (line: string) => void) {}

  /** Records one Event about `pod`, or about one of its containers when `container` is given. Never throws. */
  record(pod: Pod, e: ContainerEvent, container?: Pick<Container, 'name'>): void {
    this.sequence = (this.sequence + 1) & 0xffff;
    // Informer items may come without kind/apiVersion; describe finds events by involvedObject.kind.
    const regarding = { ...pod, apiVersion: 'v1', kind: 'Pod' };
    const event = eventObject({
      regarding, ...e, component: 'kubelet', host: this.host,
      ...(container ? { fieldPath: containerFieldPath(pod, container) } : {}),
    }, new Date(), this.sequence);
    void this.client.request('POST', `/api/v1/namespaces/${event.metadata.namespace}/events`, event, 'application/json', causedBy(pod))
      .catch((err: Error) => this.log(`event ${e.reason} for ${pod.metadata.namespace}/${pod.metadata.name}: ${err.message}`));
  }
}
