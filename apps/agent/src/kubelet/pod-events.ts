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

/** An identical event again within this window is spam (a container failing at every sync), as kube's event correlator judges. */
const SPAM_WINDOW_MS = 5000;

export class PodEventRecorder {
  private sequence = Math.floor(Math.random() * 0x10000);
  private readonly recent = new Map<string, number>();

  constructor(
    private readonly client: KubeClient,
    private readonly host: string,
    private readonly log: (line: string) => void,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Records one Event about `pod`, or about one of its containers when
   * `container` is given, unless the same one was recorded moments ago.
   * Never throws.
   */
  record(pod: Pod, e: ContainerEvent, container?: Pick<Container, 'name'>): void {
    if (this.spam(`${pod.metadata.uid}|${container?.name ?? ''}|${e.reason}|${e.message}`)) return;
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

  private spam(key: string): boolean {
    const now = this.clock();
    const last = this.recent.get(key);
    if (last !== undefined && now - last < SPAM_WINDOW_MS) return true;
    this.recent.set(key, now);
    if (this.recent.size > 4096) for (const [k, t] of this.recent) if (now - t >= SPAM_WINDOW_MS) this.recent.delete(k);
    return false;
  }
}
