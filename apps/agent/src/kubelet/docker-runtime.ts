/**
 * The container runtime: Docker through dockerode. The kubelet sees only
 * this: containers of its node (found by labels, so a restarted agent
 * adopts what it ran before), images, and create/start/stop/remove.
 * Containers are kept in memory once inspected and re-inspected only when
 * Docker reports an event for them, so a sync costs no Docker call per
 * container of the node (listing and inspecting all of them per pod sync
 * is quadratic in pods, and 50 pods made dockerd stop answering).
 */
import { Readable } from 'node:stream';
import Docker from 'dockerode';
import { LABEL_ATTEMPT, LABEL_CONTAINER, LABEL_NODE, LABEL_POD_NAME, LABEL_POD_NAMESPACE, LABEL_POD_UID } from './container-spec';

/** One container instance of a pod on this node. */
export interface RuntimeContainer {
  id: string;
  /** The pod's container name ("POD" for the sandbox). */
  container: string;
  attempt: number;
  podUid: string;
  podName: string;
  podNamespace: string;
  running: boolean;
  exitCode: number;
  oomKilled: boolean;
  startedAt?: string;
  finishedAt?: string;
  image: string;
  imageID: string;
  ip?: string;
}

/** No engine to talk to; the message says how to get one. */
export class RuntimeUnavailable extends Error {}

const ZERO_TIME = '0001-01-01T00:00:00Z';

function time(t: string | undefined): string | undefined {
  if (!t || t === ZERO_TIME) return undefined;
  return `${t.slice(0, 19)}Z`;
}

export class DockerRuntime {
  readonly docker: Docker;
  private node: string | undefined;
  /** This node's containers by id, as last inspected. */
  private readonly known = new Map<string, RuntimeContainer>();
  private readonly inspecting = new Map<string, { again: boolean; done: Promise<void> }>();
  /** Destroyed while an inspection was under way: its result is not kept. */
  private readonly dropped = new Set<string>();
  /** When each known container was first recorded (a counter), so a listing older than it cannot drop it. */
  private readonly recordedAt = new Map<string, number>();
  private clock = 0;

  constructor(socketPath = process.env.DOCKER_HOST?.startsWith('unix://') ? process.env.DOCKER_HOST.slice(7) : '/var/run/docker.sock') {
    this.docker = new Docker({ socketPath });
  }

  /** The engine's version; throws RuntimeUnavailable with the fix when none answers. */
  async check(): Promise<string> {
    try {
      const v = await this.docker.version();
      return v.Version;
    } catch (err) {
      throw new RuntimeUnavailable(
        `no Docker engine answers on ${(this.docker.modem as { socketPath?: string }).socketPath} (${(err as Error).message}); ` +
        'start one (as root: bash scripts/docker-host.sh installs docker.io and starts dockerd)',
      );
    }
  }

  /**
   * Starts following this node's containers: Docker's event stream first
   * (so nothing that happens during the listing is missed), then one full
   * listing. From then on containers() answers from memory, kept current
   * by one inspection per container event, and `onPodEvent(podUid)` is
   * called once a changed container has been inspected. Returns a stop
   * function.
   */
  async track(node: string, onPodEvent: (podUid: string) => void): Promise<() => void> {
    this.node = node;
    const stream = (await this.docker.getEvents({ filters: { type: ['container'], label: [`${LABEL_NODE}=${node}`] } })) as NodeJS.ReadableStream & { destroy(): void };
    let buffer = '';
    stream.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        let e: { id?: string; Action?: string; Actor?: { ID?: string; Attributes?: Record<string, string> } };
        try {
          e = JSON.parse(line);
        } catch {
          continue; // a partial or foreign line: the periodic refresh covers it
        }
        const id = e.id ?? e.Actor?.ID;
        const uid = e.Actor?.Attributes?.[LABEL_POD_UID];
        if (!id) continue;
        // exec_* events (probes) change nothing the kubelet reads.
        if (e.Action?.startsWith('exec_')) continue;
        if (e.Action === 'destroy') {
          this.forgetContainer(id);
          if (uid) onPodEvent(uid);
        } else {
          void this.reinspect(id).then(() => uid && onPodEvent(uid));
        }
      }
    });
    stream.on('error', () => undefined);
    await this.refresh();
    return () => stream.destroy();
  }

  /**
   * One listing of the node's containers reconciled with memory: new ones
   * and ones whose running state differs are inspected, gone ones dropped.
   * Covers any event the stream lost; the kubelet calls it periodically.
   */
  async refresh(): Promise<void> {
    if (!this.node) throw new Error('refresh() before track()');
    const listedAt = ++this.clock;
    const summaries = await this.docker.listContainers({ all: true, filters: { label: [`${LABEL_NODE}=${this.node}`] } });
    const live = new Set<string>();
    const stale: string[] = [];
    for (const s of summaries) {
      live.add(s.Id);
      const known = this.known.get(s.Id);
      if (!known || known.running !== (s.State === 'running')) stale.push(s.Id);
    }
    for (const id of [...this.known.keys()]) {
      if (!live.has(id) && !this.inspecting.has(id) && (this.recordedAt.get(id) ?? 0) < listedAt) this.forgetContainer(id);
    }
    await Promise.all(stale.map((id) => this.reinspect(id)));
  }

  /** The node's containers as last seen, optionally only one pod's. */
  containers(podUid?: string): RuntimeContainer[] {
    const all = [...this.known.values()];
    return podUid === undefined ? all : all.filter((c) => c.podUid === podUid);
  }

  /**
   * Inspects `id` into memory. Calls for one id are serialized and
   * coalesced: a request made while one runs gets one more inspection
   * after it, so the last word is never an older state.
   */
  private reinspect(id: string): Promise<void> {
    const running = this.inspecting.get(id);
    if (running) {
      running.again = true;
      return running.done;
    }
    const entry = { again: false, done: Promise.resolve() };
    entry.done = (async () => {
      try {
        do {
          entry.again = false;
          try {
            const c = await this.inspect(id);
            if (!this.dropped.has(id)) {
              if (!this.known.has(id)) this.recordedAt.set(id, ++this.clock);
              this.known.set(id, c);
            }
          } catch (err) {
            if ((err as { statusCode?: number }).statusCode === 404) this.forgetContainer(id);
          }
        } while (entry.again);
      } finally {
        this.inspecting.delete(id);
        this.dropped.delete(id);
      }
    })();
    this.inspecting.set(id, entry);
    return entry.done;
  }

  private forgetContainer(id: string): void {
    this.known.delete(id);
    this.recordedAt.delete(id);
    if (this.inspecting.has(id)) this.dropped.add(id);
  }

  private async inspect(id: string): Promise<RuntimeContainer> {
    const i = await this.docker.getContainer(id).inspect();
    const labels = i.Config.Labels ?? {};
    const c: RuntimeContainer = {
      id: i.Id,
      container: labels[LABEL_CONTAINER] ?? '',
      attempt: Number(labels[LABEL_ATTEMPT] ?? 0),
      podUid: labels[LABEL_POD_UID] ?? '',
      podName: labels[LABEL_POD_NAME] ?? '',
      podNamespace: labels[LABEL_POD_NAMESPACE] ?? '',
      running: i.State.Running,
      exitCode: i.State.ExitCode,
      oomKilled: i.State.OOMKilled,
      startedAt: time(i.State.StartedAt),
      finishedAt: time(i.State.FinishedAt),
      image: i.Config.Image,
      imageID: i.Image,
      ip: Object.values(i.NetworkSettings?.Networks ?? {}).map((n) => n.IPAddress).find(Boolean) || undefined,
    };
    return c;
  }

  /** The Linux bridge of Docker's default network, where the sandboxes get their IPs. */
  async bridgeName(): Promise<string> {
    const n = (await this.docker.getNetwork('bridge').inspect()) as { Options?: Record<string, string> };
    return n.Options?.['com.docker.network.bridge.name'] ?? 'docker0';
  }

  async imagePresent(image: string): Promise<boolean> {
    try {
      await this.docker.getImage(image).inspect();
      return true;
    } catch {
      return false;
    }
  }

  /** The image's size in bytes, as the engine reports it (undefined when unknown). */
  async imageSize(image: string): Promise<number | undefined> {
    try {
      const info = (await this.docker.getImage(image).inspect()) as { Size?: number };
      return typeof info.Size === 'number' ? info.Size : undefined;
    } catch {
      return undefined;
    }
  }

  /** Pulls `image` (from its registry, as docker pull would); rejects with the engine's message. */
  async pull(image: string): Promise<void> {
    const stream = await this.docker.pull(image);
    await new Promise<void>((resolve, reject) => {
      this.docker.modem.followProgress(stream, (err: Error | null, output: { error?: string }[]) => {
        const failed = output?.find((o) => o.error);
        if (err) reject(err);
        else if (failed) reject(new Error(failed.error));
        else resolve();
      });
    });
  }

  /** Creates a container (not started), known from then on. */
  async create(options: Record<string, unknown>): Promise<string> {
    const container = await this.docker.createContainer(options as Docker.ContainerCreateOptions);
    await this.reinspect(container.id);
    return container.id;
  }

  /** Starts a created container; one that fails to start is removed. Resolves with it as it is now. */
  async start(id: string): Promise<RuntimeContainer> {
    try {
      await this.docker.getContainer(id).start();
    } catch (err) {
      await this.remove(id).catch(() => undefined);
      throw err;
    }
    await this.reinspect(id);
    const c = this.known.get(id);
    if (!c) throw new Error(`container ${id.slice(0, 12)} went away as it started`);
    return c;
  }

  /** Creates and starts a container. */
  async run(options: Record<string, unknown>): Promise<RuntimeContainer> {
    return this.start(await this.create(options));
  }

  /** SIGTERM, then SIGKILL after `graceSeconds` (Docker's stop); a stopped container is fine. */
  async stop(id: string, graceSeconds: number): Promise<void> {
    try {
      await this.docker.getContainer(id).stop({ t: Math.max(0, Math.floor(graceSeconds)) });
    } catch (err) {
      const code = (err as { statusCode?: number }).statusCode;
      if (code !== 304 && code !== 404) throw err;
    }
    await this.reinspect(id);
  }

  async remove(id: string): Promise<void> {
    try {
      await this.docker.getContainer(id).remove({ force: true });
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 404) throw err;
    }
    this.forgetContainer(id);
  }

  /** Runs `command` in the container (an exec probe); its exit code, or an Error after `timeoutMs`. */
  async exec(id: string, command: string[], timeoutMs: number): Promise<number> {
    const exec = await this.docker.getContainer(id).exec({ Cmd: command, AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        stream.destroy();
        reject(new Error(`command timed out after ${timeoutMs / 1000}s`));
      }, timeoutMs);
      stream.on('end', () => { clearTimeout(timer); resolve(); });
      stream.on('close', () => { clearTimeout(timer); resolve(); });
      stream.on('error', (err: Error) => { clearTimeout(timer); reject(err); });
      stream.resume();
    }).finally(() => stream.destroy());
    return (await exec.inspect()).ExitCode ?? 1;
  }

  /**
   * The container's log as Docker keeps it (multiplexed frames; see
   * DockerLogFrames). `sinceSeconds` is a unix time; `tail` a line count.
   */
  async logs(id: string, o: { follow: boolean; tail?: number; since?: number; timestamps: boolean }): Promise<NodeJS.ReadableStream> {
    const options = { stdout: true, stderr: true, timestamps: o.timestamps, ...(o.tail !== undefined ? { tail: o.tail } : {}), ...(o.since !== undefined ? { since: o.since } : {}) };
    const container = this.docker.getContainer(id);
    if (o.follow) return container.logs({ ...options, follow: true });
    return Readable.from([await container.logs({ ...options, follow: false })]);
  }
}
