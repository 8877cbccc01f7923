/**
 * Simulated nodes, kwok-style: nodes that register, keep their Leases
 * fresh and run the pods bound to them without any process. A pod bound
 * to a sim node turns Running and Ready after a delay; a pod being deleted
 * is finalized at once, as its kubelet would once the containers stopped.
 * Everything goes through the Kubernetes API like a real kubelet.
 */
import { rfc3339, type KubeObject, type Pod } from '@chronokube/core';
import { Informer } from '../kube-client/informer';
import { causedBy } from '../kube-client/cause';
import { KubeApiError, type KubeClient } from '../kube-client/kube-client';
import { healthyNodeConditions, registerNode, renewNodeLease } from '../kube-client/node-registration';
import { simulatedSystemInfo } from '../kube-client/node-system-info';
import { limit } from './limit';
import type { SimOptions } from './sim-options';

export class SimNodes {
  readonly names: string[];
  private readonly nodeSet: Set<string>;
  private readonly handled = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly silenced = new Set<string>();
  private informer: Informer<Pod> | undefined;
  private leaseTimer: NodeJS.Timeout | undefined;
  private readonly run: <T>(task: () => Promise<T>) => Promise<T>;
  private stopped = false;
  private ipCounter = 0;
  /** Pods turned Running (for tests and the bench). */
  readyPods = 0;

  constructor(private readonly client: KubeClient, private readonly o: SimOptions, private readonly log: (line: string) => void = () => undefined) {
    this.names = o.names ?? Array.from({ length: o.count }, (_, i) => `${o.prefix}${i}`);
    this.nodeSet = new Set(this.names);
    this.run = limit(o.concurrency);
  }

  /** Registers every node and its Lease, then starts running pods; resolves when all nodes exist. */
  async start(): Promise<void> {
    await Promise.all(this.names.map((name, i) => this.run(() => this.register(name, i))));
    this.informer = new Informer<Pod>(this.client, '/api/v1/pods', {
      onUpsert: (pod) => this.onPod(pod),
      onDelete: (pod) => this.handled.delete(`${pod.metadata.namespace}/${pod.metadata.name}`),
    });
    await this.informer.start();
    if (this.o.leaseIntervalMs > 0) this.scheduleLeases();
  }

  private nodeObject(name: string, i: number): KubeObject {
    const now = rfc3339(new Date());
    const resources = { cpu: this.o.cpu, memory: this.o.memory, pods: String(this.o.pods) };
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', type: 'chronokube-sim' }, annotations: { 'chronokube.io/simulated': 'true' } },
      spec: {},
      status: {
        capacity: resources,
        allocatable: resources,
        conditions: healthyNodeConditions(now, 'kubelet is posting ready status (simulated)'),
        addresses: [{ type: 'InternalIP', address: `10.${200 + Math.floor(i / 65536)}.${Math.floor(i / 256) % 256}.${i % 256}` }, { type: 'Hostname', address: name }],
        nodeInfo: simulatedSystemInfo(name),
      },
    };
  }

  private async register(name: string, i: number): Promise<void> {
    await registerNode(this.client, this.nodeObject(name, i));
    await renewNodeLease(this.client, name);
  }

  /** Spreads the renewals over the interval, so N nodes make N/interval writes per second, evenly. */
  private scheduleLeases(): void {
    let next = 0;
    const step = Math.max(1, Math.floor(this.o.leaseIntervalMs / Math.max(1, this.names.length)));
    const tick = (): void => {
      if (this.stopped) return;
      const name = this.names[next++ % this.names.length];
      if (!this.silenced.has(name)) void this.run(() => renewNodeLease(this.client, name)).catch((e: Error) => this.log(`lease ${name}: ${e.message}`));
      this.leaseTimer = setTimeout(tick, step);
    };
    this.leaseTimer = setTimeout(tick, step);
  }

  /** Stops renewing one node's Lease, as a node that lost power would (for failure tests). */
  silence(name: string): void {
    this.silenced.add(name);
  }

  private onPod(pod: Pod): void {
    if (this.stopped) return;
    const node = pod.spec?.nodeName;
    if (!node || !this.nodeSet.has(node)) return;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (pod.metadata.deletionTimestamp) {
      if (this.silenced.has(node)) return;
      void this.run(() => this.client.request('DELETE', `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}`, { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } }, 'application/json', causedBy(pod)))
        .catch((e: Error) => e instanceof KubeApiError && (e.status === 404 || e.status === 409) ? undefined : this.log(`delete ${key}: ${e.message}`));
      return;
    }
    if (this.handled.has(key) || pod.status?.phase !== 'Pending' || this.silenced.has(node)) return;
    this.handled.add(key);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.run(() => this.startPod(pod, node)).catch((e: Error) => {
        this.handled.delete(key);
        this.log(`start ${key}: ${e.message}`);
      });
    }, this.o.readyDelayMs);
    this.timers.add(timer);
  }

  private async startPod(pod: Pod, node: string): Promise<void> {
    const now = rfc3339(new Date());
    const n = ++this.ipCounter;
    const podIP = `10.${128 + Math.floor(n / 65536) % 64}.${Math.floor(n / 256) % 256}.${n % 256}`;
    const i = this.names.indexOf(node);
    const hostIP = `10.${200 + Math.floor(i / 65536)}.${Math.floor(i / 256) % 256}.${i % 256}`;
    const containers = pod.spec.containers ?? [];
    const status = {
      ...(pod.status ?? {}),
      phase: 'Running',
      hostIP,
      hostIPs: [{ ip: hostIP }],
      podIP,
      podIPs: [{ ip: podIP }],
      startTime: now,
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: now })),
      containerStatuses: containers.map((c) => ({
        name: c.name, ready: true, started: true, restartCount: 0, image: c.image ?? '', imageID: `sim://${c.image}`,
        containerID: `sim://${pod.metadata.uid}/${c.name}`, state: { running: { startedAt: now } },
      })),
    };
    try {
      // Caused by the version it saw bound (kwok-style, the pod starts without container Events).
      await this.client.request('PATCH', `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}/status`, { status }, 'application/merge-patch+json', causedBy(pod));
      this.readyPods++;
    } catch (err) {
      // Gone meanwhile: nothing to run.
      if (!(err instanceof KubeApiError && err.status === 404)) throw err;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.leaseTimer) clearTimeout(this.leaseTimer);
    for (const t of this.timers) clearTimeout(t);
    await this.informer?.stop();
  }
}
