/**
 * Simulated nodes, kwok-style: nodes that register, keep their Leases
 * fresh and run the pods bound to them without any process. A pod bound
 * to a sim node turns Running and Ready after a delay; a pod being deleted
 * is finalized at once, as its kubelet would once the containers stopped.
 * Everything goes through the Kubernetes API like a real kubelet.
 *
 * As a kubelet's, a node's heartbeat does not wait behind its pod work:
 * Lease renewals have their own lane (one in flight per node), so a burst
 * of pod updates cannot make a healthy node look unreachable. And as the
 * kubelet computes Ready from its containers, a pod whose Ready the API
 * holds False while ContainersReady is True (the node controller's
 * MarkPodsNotReady while the node looked unreachable) is reported Ready
 * again once the node is heard from.
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
  /** Lease renewals, apart from pod work; a node with one in flight skips its turn. */
  private readonly runLease: <T>(task: () => Promise<T>) => Promise<T>;
  private readonly leaseInFlight = new Set<string>();
  /** Pods with a pending re-report of Ready (key -> timer). */
  private readonly rereports = new Map<string, NodeJS.Timeout>();
  private stopped = false;
  private ipCounter = 0;
  /** Pods turned Running (for tests and the bench). */
  readyPods = 0;

  constructor(private readonly client: KubeClient, private readonly o: SimOptions, private readonly log: (line: string) => void = () => undefined) {
    this.names = o.names ?? Array.from({ length: o.count }, (_, i) => `${o.prefix}${i}`);
    this.nodeSet = new Set(this.names);
    this.run = limit(o.concurrency);
    this.runLease = limit(Math.max(2, Math.min(8, Math.ceil(o.concurrency / 4))));
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
      if (!this.silenced.has(name) && !this.leaseInFlight.has(name)) {
        this.leaseInFlight.add(name);
        void this.runLease(() => renewNodeLease(this.client, name))
          .catch((e: Error) => this.log(`lease ${name}: ${e.message}`))
          .finally(() => this.leaseInFlight.delete(name));
      }
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
    if (this.silenced.has(node)) return;
    if (this.handled.has(key) && pod.status?.phase === 'Running') this.maybeRereportReady(pod, key);
    if (this.handled.has(key) || pod.status?.phase !== 'Pending') return;
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

  /**
   * Ready False with ContainersReady True is not this node's verdict (its
   * containers are ready): after a lease interval, so the node controller
   * has heard from the node, Ready is set True again, once per disagreement.
   */
  private maybeRereportReady(pod: Pod, key: string): void {
    const conditions = pod.status?.conditions ?? [];
    const ready = conditions.find((c) => c.type === 'Ready');
    const containersReady = conditions.find((c) => c.type === 'ContainersReady');
    if (ready?.status !== 'False' || containersReady?.status !== 'True' || this.rereports.has(key)) return;
    const timer = setTimeout(() => {
      this.rereports.delete(key);
      const current = this.informer?.get(key);
      if (this.stopped || !current || current.metadata.deletionTimestamp || this.silenced.has(current.spec?.nodeName ?? '')) return;
      const now = rfc3339(new Date());
      const conds = current.status?.conditions ?? [];
      if (conds.find((c) => c.type === 'Ready')?.status !== 'False' || conds.find((c) => c.type === 'ContainersReady')?.status !== 'True') return;
      const next = conds.map((c) => (c.type === 'Ready' ? { ...c, status: 'True', lastTransitionTime: now } : c));
      void this.run(() => this.client.request('PATCH', `/api/v1/namespaces/${current.metadata.namespace}/pods/${current.metadata.name}/status`, { status: { conditions: next } }, 'application/merge-patch+json', causedBy(current)))
        .catch((e: Error) => e instanceof KubeApiError && e.status === 404 ? undefined : this.log(`ready ${key}: ${e.message}`));
    }, Math.max(this.o.readyDelayMs, this.o.leaseIntervalMs));
    this.rereports.set(key, timer);
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
    for (const t of this.rereports.values()) clearTimeout(t);
    this.rereports.clear();
    await this.informer?.stop();
  }
}
