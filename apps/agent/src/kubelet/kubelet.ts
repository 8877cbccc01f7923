/**
 * The kubelet, on Docker. It registers its Node, renews its Lease, and runs
 * the pods bound to it: one sandbox per pod holding the network namespace
 * (its IP is the pod IP), init containers in order, then the app
 * containers, restarted by the pod's restartPolicy with kube's back-off
 * (CrashLoopBackOff). Each pass is level-triggered: it reads what Docker
 * runs (by labels, so an agent restart adopts its containers), closes the
 * gap to the pod spec, and reports status through pods/status only when it
 * changed. Deleting a pod stops its containers (SIGTERM, grace period,
 * SIGKILL), removes them, and confirms with a zero-grace delete so the API
 * finalizes it.
 */
import os from 'node:os';
import { objectKey, rfc3339, type Container, type ContainerState, type EventRecord, type KubeObject, type Pod } from '@chronokube/core';
import { causedBy } from '../kube-client/cause';
import { Informer } from '../kube-client/informer';
import { KubeApiError, type KubeClient } from '../kube-client/kube-client';
import { healthyNodeConditions, registerNode, renewNodeLease } from '../kube-client/node-registration';
import { goArch, hostSystemInfo } from '../kube-client/node-system-info';
import { Backoff, KUBE_BACKOFF, type BackoffOptions } from './backoff';
import { ContainerConfigError, SANDBOX, containerCreateOptions, needsPodIP, pullPolicy, resolveEnv, sandboxCreateOptions } from './container-spec';
import type { DockerRuntime, RuntimeContainer } from './docker-runtime';
import { enableHairpin } from './hairpin';
import { containerEvents, type ContainerEvent } from './container-events';
import { KubeletServer, type LogSource } from './kubelet-server';
import { PodEventRecorder } from './pod-events';
import { Prober, type ProbeTarget } from './prober';
import { podStatus, type ContainerView } from './pod-status';

export interface KubeletOptions {
  name: string;
  /** Image of the pod sandbox (a busybox that sleeps). */
  sandboxImage: string;
  /** Capacity to report; the host's by default. */
  cpu?: string;
  memory?: string;
  pods?: number;
  /** How often every pod is synced even without a change (kube: 1 s housekeeping + 10 s resync). */
  syncIntervalMs: number;
  leaseIntervalMs: number;
  backoff: BackoffOptions;
  /** The server's node secret: the kubelet API (logs) accepts only the API server's token derived from it. */
  nodeSecret?: string;
  /** Port of the kubelet API on loopback (kube: 10250); 0 picks a free one. */
  serverPort: number;
  log(line: string): void;
}

export const DEFAULT_KUBELET: Omit<KubeletOptions, 'name'> = {
  sandboxImage: 'chronokube/busybox:latest',
  syncIntervalMs: 1000,
  leaseIntervalMs: 10_000,
  backoff: KUBE_BACKOFF,
  serverPort: 0,
  log: () => undefined,
};

/** Why a container is not running yet, as kube reports it in state.waiting. */
interface Waiting {
  reason: string;
  message?: string;
}

const keyOf = (pod: Pod): string => objectKey(pod.metadata.namespace, pod.metadata.name ?? '');

export class Kubelet {
  private pods: Informer<Pod> | undefined;
  private configMaps: Informer<KubeObject> | undefined;
  private readonly backoff: Backoff;
  /** Pods being synced now, and those to sync again right after. */
  private readonly syncing = new Set<string>();
  private readonly inflight = new Set<Promise<void>>();
  private readonly again = new Set<string>();
  private readonly waiting = new Map<string, Waiting>();
  private readonly reported = new Map<string, string>();
  private readonly startTimes = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private leaseTimer: NodeJS.Timeout | undefined;
  private stopWatch: (() => void) | undefined;
  private stopped = false;
  private server: KubeletServer | undefined;
  private readonly prober: Prober;
  private readonly events: PodEventRecorder;
  private serverPort = 0;
  private bridge = 'docker0';
  private hairpinWarned = false;
  /** The address the node reports (the agent serves on loopback). */
  private readonly hostIP = '127.0.0.1';

  constructor(private readonly client: KubeClient, private readonly runtime: DockerRuntime, private readonly o: KubeletOptions) {
    this.backoff = new Backoff(o.backoff);
    this.events = new PodEventRecorder(client, o.name, o.log);
    this.prober = new Prober({
      exec: (id, command, timeoutMs) => this.runtime.exec(id, command, timeoutMs),
      changed: (key) => {
        const pod = this.pods?.get(key);
        if (pod) this.kick(pod);
      },
      unhealthy: (t, _kind, message) => this.podEvent(t.podKey, 'Warning', 'Unhealthy', message, t.container),
      restart: (t, _kind, message) => void this.restartUnhealthy(t, message),
    });
  }

  /** The engine's version, once started. */
  runtimeVersion = '';

  get name(): string {
    return this.o.name;
  }

  /** Registers the node, starts watching its pods and running them; resolves once registered. */
  async start(): Promise<void> {
    this.runtimeVersion = await this.runtime.check();
    this.bridge = await this.runtime.bridgeName().catch(() => 'docker0');
    this.server = new KubeletServer({
      nodeSecret: this.o.nodeSecret,
      source: (ns, pod, container, previous) => this.logSource(ns, pod, container, previous),
      logs: (id, opts) => this.runtime.logs(id, opts),
    });
    this.serverPort = await this.server.listen(this.hostIP, this.o.serverPort);
    await registerNode(this.client, this.nodeObject(this.runtimeVersion));
    await renewNodeLease(this.client, this.o.name);
    this.configMaps = new Informer<KubeObject>(this.client, '/api/v1/configmaps', { onUpsert: () => undefined, onDelete: () => undefined });
    await this.configMaps.start();
    this.pods = new Informer<Pod>(this.client, `/api/v1/pods?fieldSelector=${encodeURIComponent(`spec.nodeName=${this.o.name}`)}`, {
      onUpsert: (pod) => this.kick(pod),
      onDelete: () => undefined,
    });
    await this.pods.start();
    this.stopWatch = await this.runtime.track(this.o.name, (uid) => {
      for (const pod of this.pods?.values() ?? []) if (pod.metadata.uid === uid) this.kick(pod);
    });
    const tick = (): void => {
      if (this.stopped) return;
      void this.housekeeping().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.o.syncIntervalMs);
      });
    };
    this.timer = setTimeout(tick, this.o.syncIntervalMs);
    const lease = (): void => {
      if (this.stopped) return;
      void renewNodeLease(this.client, this.o.name).catch((e: Error) => this.o.log(`lease: ${e.message}`)).finally(() => {
        if (!this.stopped) this.leaseTimer = setTimeout(lease, this.o.leaseIntervalMs);
      });
    };
    this.leaseTimer = setTimeout(lease, this.o.leaseIntervalMs);
  }

  /** Stops the agent once its syncs under way are done; the containers keep running (a restarted agent adopts them). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.leaseTimer) clearTimeout(this.leaseTimer);
    this.stopWatch?.();
    // A stopped agent writes nothing more: the syncs under way finish first, with their probe results
    // still there (stopping the prober first would make them report every container unready).
    await Promise.all(this.inflight);
    this.prober.stopAll();
    await this.server?.close();
    await this.pods?.stop();
    await this.configMaps?.stop();
  }

  private nodeObject(version: string): KubeObject {
    const now = rfc3339(new Date());
    const cpu = this.o.cpu ?? String(os.cpus().length);
    const memory = this.o.memory ?? `${Math.floor(os.totalmem() / 1024)}Ki`;
    const resources = { cpu, memory, pods: String(this.o.pods ?? 110) };
    const arch = goArch();
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: this.o.name, labels: { 'kubernetes.io/hostname': this.o.name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': arch, 'beta.kubernetes.io/os': 'linux', 'beta.kubernetes.io/arch': arch } },
      spec: {},
      status: {
        capacity: resources,
        allocatable: resources,
        conditions: healthyNodeConditions(now),
        addresses: [{ type: 'InternalIP', address: this.hostIP }, { type: 'Hostname', address: this.o.name }],
        daemonEndpoints: { kubeletEndpoint: { Port: this.serverPort } },
        nodeInfo: hostSystemInfo(this.o.name, `docker://${version}`),
      },
    };
  }

  /** Sync one pod now (or right after its running sync). */
  private kick(pod: Pod): void {
    if (this.stopped) return;
    const key = keyOf(pod);
    if (this.syncing.has(key)) {
      this.again.add(key);
      return;
    }
    this.syncing.add(key);
    const run: Promise<void> = this.syncLoop(key, pod).finally(() => this.inflight.delete(run));
    this.inflight.add(run);
  }

  private async syncLoop(key: string, pod: Pod): Promise<void> {
    try {
      do {
        this.again.delete(key);
        const current = this.pods?.get(key);
        if (current && current.metadata.uid === pod.metadata.uid && !this.stopped) await this.syncPod(current);
      } while (this.again.has(key) && !this.stopped);
    } catch (err) {
      this.o.log(`sync ${key}: ${(err as Error).message}`);
    } finally {
      this.syncing.delete(key);
    }
  }

  /** Every pod synced; containers of pods this node no longer has removed. */
  private async housekeeping(): Promise<void> {
    try {
      const pods = [...(this.pods?.values() ?? [])];
      for (const pod of pods) this.kick(pod);
      const uids = new Set(pods.map((p) => p.metadata.uid));
      await this.runtime.refresh();
      const containers = this.runtime.containers();
      this.prober.retain(new Set(containers.filter((c) => c.running).map((c) => c.id)));
      for (const c of containers) {
        if (!uids.has(c.podUid)) {
          await this.runtime.remove(c.id).catch(() => undefined);
          this.backoff.clear(`${c.podUid}/`);
        }
      }
    } catch (err) {
      this.o.log(`housekeeping: ${(err as Error).message}`);
    }
  }

  private async syncPod(pod: Pod): Promise<void> {
    const uid = pod.metadata.uid ?? '';
    let all = this.runtime.containers(uid);
    if (pod.metadata.deletionTimestamp) return this.killPod(pod, all);
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;

    // A container created but never started (an agent stopped between the two) is no attempt: it goes.
    const unstarted = all.filter((c) => c.container !== SANDBOX && !c.running && !c.startedAt && !c.finishedAt);
    for (const c of unstarted) await this.runtime.remove(c.id);
    if (unstarted.length) all = this.runtime.containers(uid);

    let sandbox = latest(all, SANDBOX);
    const precreated = new Map<string, string>();
    if (!sandbox?.running) sandbox = await this.newSandbox(pod, all, sandbox, precreated);
    if (!sandbox) return;
    if (!this.startTimes.has(uid)) this.startTimes.set(uid, pod.status?.startTime ?? rfc3339(new Date()));

    const policy = pod.spec.restartPolicy ?? 'Always';
    // Init containers one at a time, in order; app containers once all of them succeeded.
    let initDone = true;
    for (const c of pod.spec.initContainers ?? []) {
      const last = latest(all, c.name);
      if (last && !last.running && last.exitCode === 0) continue;
      initDone = false;
      if (!last || (!last.running && policy !== 'Never')) await this.ensureRunning(pod, c, sandbox, last, true);
      break;
    }
    if (initDone) {
      for (const c of pod.spec.containers) {
        const last = latest(all, c.name);
        const restart = !last || (!last.running && (policy === 'Always' || (policy === 'OnFailure' && last.exitCode !== 0)));
        const early = precreated.get(c.name);
        if (early) await this.launch(pod, c, false, () => this.runtime.start(early), true);
        else if (restart) await this.ensureRunning(pod, c, sandbox, last, false);
      }
    }
    // The status shows what was just started, not what the sync began with.
    all = this.runtime.containers(uid);
    if (initDone) {
      for (const c of pod.spec.containers) {
        const cur = latest(all, c.name);
        if (!cur?.running) continue;
        const problem = this.prober.ensure({ id: cur.id, podKey: keyOf(pod), container: c, ip: sandbox.ip });
        if (problem) this.o.log(`${keyOf(pod)} ${c.name}: ${problem}`);
      }
    }
    const initViews = (pod.spec.initContainers ?? []).map((c) => this.view(pod, c, all));
    const views = pod.spec.containers.map((c) => this.view(pod, c, all, true));
    await this.report(pod, sandbox, initViews, views);
  }

  /**
   * A fresh sandbox; an old one that died takes the pod's containers with it
   * (they are restarted in the new one). While the sandbox starts (its
   * network setup is most of a pod's start), the app containers that can
   * be are created, joined to it, into `precreated`: all of them when the
   * pod has no init containers, except those whose env needs the pod IP.
   */
  private async newSandbox(pod: Pod, all: RuntimeContainer[], dead: RuntimeContainer | undefined, precreated: Map<string, string>): Promise<RuntimeContainer | undefined> {
    if (dead) for (const c of all) await this.runtime.remove(c.id);
    if (!(await this.runtime.imagePresent(this.o.sandboxImage))) {
      this.o.log(`sandbox image ${this.o.sandboxImage} is missing (make it with scripts/docker-host.sh)`);
      return undefined;
    }
    const id = await this.runtime.create(sandboxCreateOptions(pod, this.o.name, this.o.sandboxImage, dead ? dead.attempt + 1 : 0));
    const early = pod.spec.initContainers?.length ? [] : pod.spec.containers.filter((c) => !needsPodIP(c));
    const created = early.map(async (c) => {
      const options = await this.prepare(pod, c, id, undefined, undefined);
      if (!options) return;
      try {
        precreated.set(c.name, await this.runtime.create(options));
        this.events.record(pod, containerEvents.created(c.name), c);
      } catch {
        // created again, with its error kept, once the sandbox runs
      }
    });
    let sandbox: RuntimeContainer;
    try {
      [sandbox] = await Promise.all([this.runtime.start(id), ...created]);
    } catch (err) {
      await Promise.allSettled(created);
      for (const early of precreated.values()) await this.runtime.remove(early).catch(() => undefined);
      precreated.clear();
      throw err;
    }
    // Its bridge port (new with it) in hairpin mode, so the pod can reach itself through its Services.
    const hairpin = enableHairpin(this.bridge);
    if (hairpin && !this.hairpinWarned) {
      this.hairpinWarned = true;
      this.o.log(`cannot set hairpin mode on ${this.bridge}'s ports (${hairpin}): a pod connecting to its own Service will time out`);
    }
    all.splice(0, all.length, ...this.runtime.containers(pod.metadata.uid));
    return sandbox;
  }

  /**
   * Starts the next instance of `c` unless its back-off or its image stops
   * it; what stops it is kept as the container's waiting state.
   */
  private async ensureRunning(pod: Pod, c: Container, sandbox: RuntimeContainer, last: RuntimeContainer | undefined, init: boolean): Promise<void> {
    const options = await this.prepare(pod, c, sandbox.id, sandbox.ip, last);
    if (options) await this.launch(pod, c, init, () => this.runtime.run(options));
  }

  /**
   * Runs `start` (a create+start, or the start of a container created
   * ahead, whose Created event is already recorded); its failure is kept as
   * the waiting state.
   */
  private async launch(pod: Pod, c: Container, init: boolean, start: () => Promise<unknown>, precreated = false): Promise<void> {
    const key = `${pod.metadata.uid}/${c.name}`;
    try {
      await start();
      this.waiting.delete(key);
      if (!precreated) this.events.record(pod, containerEvents.created(c.name), c);
      this.events.record(pod, containerEvents.started(c.name), c);
    } catch (err) {
      const message = (err as Error).message;
      this.wait(pod, c, { reason: init ? 'CreateContainerError' : 'RunContainerError', message }, [containerEvents.failed(message)]);
    }
  }

  /**
   * Keeps why `c` waits; records `events` only when that changed, so a
   * container backing off gives one BackOff per crash rather than one per sync.
   */
  private wait(pod: Pod, c: Container, waiting: Waiting, events: ContainerEvent[]): void {
    const key = `${pod.metadata.uid}/${c.name}`;
    const before = this.waiting.get(key);
    this.waiting.set(key, waiting);
    if (before?.reason === waiting.reason && before.message === waiting.message) return;
    for (const e of events) this.events.record(pod, e, c);
  }

  /**
   * What it takes before the next instance of `c` can be created: its
   * back-off over, its image here (pulled as the policy says), its env
   * resolved. Returns the create options, or undefined with the reason
   * kept as the container's waiting state.
   */
  private async prepare(pod: Pod, c: Container, sandboxId: string, podIP: string | undefined, last: RuntimeContainer | undefined): Promise<Record<string, unknown> | undefined> {
    const key = `${pod.metadata.uid}/${c.name}`;
    const now = Date.now();
    if (last && !last.running) {
      const finished = last.finishedAt ? Date.parse(last.finishedAt) : now;
      const ran = last.startedAt ? finished - Date.parse(last.startedAt) : 0;
      this.backoff.failed(key, finished, ran);
      if (this.backoff.remaining(key, now) > 0) {
        const message = `back-off ${Math.round(this.backoff.delay(key) / 1000)}s restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
        this.wait(pod, c, { reason: 'CrashLoopBackOff', message }, [containerEvents.backOff(c.name, pod)]);
        return undefined;
      }
    }
    const image = c.image ?? '';
    const pull = pullPolicy(c);
    const present = await this.runtime.imagePresent(image);
    if (pull === 'Never' && !present) {
      this.wait(pod, c, { reason: 'ErrImageNeverPull', message: `Container image "${image}" is not present with pull policy of Never` }, containerEvents.neverPull(image));
      return undefined;
    }
    if (pull === 'Always' || !present) {
      const pullKey = `${key}/pull`;
      if (this.backoff.remaining(pullKey, now) > 0) {
        this.wait(pod, c, { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` }, containerEvents.pullBackOff(image));
        return undefined;
      }
      this.events.record(pod, containerEvents.pulling(image), c);
      const started = Date.now();
      try {
        await this.runtime.pull(image);
        this.events.record(pod, containerEvents.pulled(image, Date.now() - started, await this.runtime.imageSize(image)), c);
      } catch (err) {
        // An image already here is good enough when the registry cannot be reached (kube would fail Always; we keep working offline).
        if (!present) {
          this.backoff.failed(pullKey, now, 0);
          const why = (err as Error).message;
          this.wait(pod, c, { reason: 'ErrImagePull', message: `failed to pull image "${image}": ${why}` }, containerEvents.pullFailed(image, why));
          return undefined;
        }
        this.events.record(pod, containerEvents.alreadyPresent(image), c);
      }
    } else this.events.record(pod, containerEvents.alreadyPresent(image), c);
    let env: string[];
    try {
      env = resolveEnv(pod, c, {
        configMap: (name) => {
          const cm = this.configMaps?.get(objectKey(pod.metadata.namespace, name)) as { data?: Record<string, string> } | undefined;
          return cm ? (cm.data ?? {}) : undefined;
        },
        podIP,
        hostIP: this.hostIP,
      });
    } catch (err) {
      if (!(err instanceof ContainerConfigError)) throw err;
      this.wait(pod, c, { reason: 'CreateContainerConfigError', message: err.message }, [containerEvents.failed(err.message)]);
      return undefined;
    }
    return containerCreateOptions(pod, c, this.o.name, sandboxId, last ? last.attempt + 1 : 0, env);
  }

  /** How one container looks now, for the status. */
  private view(pod: Pod, c: Container, all: RuntimeContainer[], probed = false): ContainerView {
    const instances = all.filter((x) => x.container === c.name).sort((a, b) => b.attempt - a.attempt);
    const [cur, prev] = instances;
    const waiting = this.waiting.get(`${pod.metadata.uid}/${c.name}`);
    let state: ContainerState;
    let lastState: ContainerState | undefined = prev ? { terminated: terminatedState(prev) } : undefined;
    if (cur?.running) state = { running: { startedAt: cur.startedAt } };
    else if (cur && waiting) {
      state = { waiting };
      lastState = { terminated: terminatedState(cur) };
    } else if (cur) state = { terminated: terminatedState(cur) };
    else state = { waiting: waiting ?? { reason: 'ContainerCreating' } };
    return {
      name: c.name,
      image: c.image ?? '',
      imageID: cur ? `docker-pullable://${cur.imageID}` : '',
      containerID: cur ? `docker://${cur.id}` : undefined,
      state,
      lastState,
      restartCount: cur ? cur.attempt : 0,
      ready: !!cur?.running && (!probed || this.prober.ready(cur.id)),
      started: !!cur?.running && (!probed || this.prober.started(cur.id)),
    };
  }

  private async report(pod: Pod, sandbox: RuntimeContainer, initViews: ContainerView[], views: ContainerView[]): Promise<void> {
    const uid = pod.metadata.uid ?? '';
    const status = podStatus(pod, {
      sandboxReady: sandbox.running,
      podIP: sandbox.ip,
      hostIP: this.hostIP,
      initContainers: initViews,
      containers: views,
      startTime: this.startTimes.get(uid),
      now: rfc3339(new Date()),
    });
    const text = JSON.stringify(status);
    // After an agent restart the first report may repeat what the API has; the API then appends nothing.
    // A Ready the API holds that is not ours (the node controller marked the pod NotReady while this
    // node was unreachable) is reported again, as kube's status manager reconciles on its resync.
    const readyOf = (conditions: readonly { type: string; status: string }[] | undefined) => conditions?.find((c) => c.type === 'Ready')?.status;
    if (this.reported.get(uid) === text && readyOf(pod.status?.conditions) === readyOf(status.conditions)) return;
    try {
      // Caused by the pod version this sync acted on: its binding first, then the status it follows.
      await this.client.request('PATCH', `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}/status`, { status }, 'application/merge-patch+json', causedBy(pod));
      this.reported.set(uid, text);
    } catch (err) {
      if (!(err instanceof KubeApiError && (err.status === 404 || err.status === 409))) throw err;
    }
  }

  /** Which container instance a log request reads, or kube's kubelet message for why none. */
  private async logSource(namespace: string, podName: string, container: string, previous: boolean): Promise<LogSource> {
    const pod = this.pods?.get(objectKey(namespace, podName));
    if (!pod) return { error: `pod ${namespace}/${podName} not found on node ${this.o.name}` };
    const instances = this.runtime.containers(pod.metadata.uid)
      .filter((c) => c.container === container)
      .sort((a, b) => b.attempt - a.attempt);
    if (previous) {
      return instances[1] ? { id: instances[1].id } : { error: `previous terminated container "${container}" in pod "${podName}" not found` };
    }
    if (instances[0]) return { id: instances[0].id };
    const reason = this.waiting.get(`${pod.metadata.uid}/${container}`)?.reason ?? 'ContainerCreating';
    return { error: `container "${container}" in pod "${podName}" is waiting to start: ${reason}` };
  }

  /** Stops a container whose liveness or startup probe gave up; the next pass restarts it (with back-off). */
  private async restartUnhealthy(t: ProbeTarget, message: string): Promise<void> {
    const pod = this.pods?.get(t.podKey);
    this.podEvent(t.podKey, 'Normal', 'Killing', message, t.container);
    try {
      await this.runtime.stop(t.id, pod?.spec.terminationGracePeriodSeconds ?? 30);
    } catch (err) {
      this.o.log(`stopping ${t.podKey} ${t.container.name}: ${(err as Error).message}`);
    }
    if (pod) this.kick(pod);
  }

  /** A core/v1 Event about a pod (or one of its containers) as it is now, from this kubelet (best effort). */
  private podEvent(podKey: string, type: EventRecord['type'], reason: string, message: string, container?: Container): void {
    const pod = this.pods?.get(podKey);
    if (pod) this.events.record(pod, { type, reason, message }, container);
  }

  /** SIGTERM, the grace period, SIGKILL; remove; confirm the deletion. */
  private async killPod(pod: Pod, all: RuntimeContainer[]): Promise<void> {
    const grace = pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    const apps = all.filter((c) => c.container !== SANDBOX);
    for (const c of apps) if (c.running) this.events.record(pod, containerEvents.killing(c.container), { name: c.container });
    await Promise.all(apps.filter((c) => c.running).map((c) => this.runtime.stop(c.id, grace)));
    for (const c of all) if (c.container === SANDBOX && c.running) await this.runtime.stop(c.id, 2);
    for (const c of all) await this.runtime.remove(c.id);
    this.forget(pod);
    try {
      await this.client.request('DELETE', `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}`, { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } }, 'application/json', causedBy(pod));
    } catch (err) {
      if (!(err instanceof KubeApiError && (err.status === 404 || err.status === 409))) throw err;
    }
  }

  private forget(pod: Pod): void {
    const uid = pod.metadata.uid ?? '';
    this.reported.delete(uid);
    this.startTimes.delete(uid);
    this.backoff.clear(`${uid}/`);
    for (const k of this.waiting.keys()) if (k.startsWith(`${uid}/`)) this.waiting.delete(k);
  }
}

/** The newest instance of one of the pod's containers. */
function latest(all: RuntimeContainer[], container: string): RuntimeContainer | undefined {
  let best: RuntimeContainer | undefined;
  for (const c of all) if (c.container === container && (!best || c.attempt > best.attempt)) best = c;
  return best;
}

function terminatedState(c: RuntimeContainer): NonNullable<ContainerState['terminated']> {
  const reason = c.oomKilled ? 'OOMKilled' : c.exitCode === 0 ? 'Completed' : 'Error';
  return { exitCode: c.exitCode, reason, startedAt: c.startedAt, finishedAt: c.finishedAt, containerID: `docker://${c.id}` } as NonNullable<ContainerState['terminated']>;
}
