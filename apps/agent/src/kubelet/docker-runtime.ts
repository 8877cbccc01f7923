/**
 * The container runtime: Docker through dockerode. The kubelet sees only
 * this: containers of its node (found by labels, so a restarted agent
 * adopts what it ran before), images, and create/start/stop/remove. An
 * exited container never changes again, so its inspection is cached.
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
  private readonly exited = new Map<string, RuntimeContainer>();

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
        'start one (as root: bash scripts/docker-host.sh installs docker.io and starts dockerd), or use --runtime sim',
      );
    }
  }

  /** Every container (running or not) this node's agent made. */
  async list(node: string): Promise<RuntimeContainer[]> {
    const summaries = await this.docker.listContainers({ all: true, filters: { label: [`${LABEL_NODE}=${node}`] } });
    const out: RuntimeContainer[] = [];
    const live = new Set<string>();
    for (const s of summaries) {
      live.add(s.Id);
      const cached = this.exited.get(s.Id);
      if (cached && s.State !== 'running') {
        out.push(cached);
        continue;
      }
      const c = await this.inspect(s.Id).catch(() => undefined);
      if (c) out.push(c);
    }
    for (const id of this.exited.keys()) if (!live.has(id)) this.exited.delete(id);
    return out;
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
    if (!c.running && c.finishedAt) this.exited.set(c.id, c);
    return c;
  }

  async imagePresent(image: string): Promise<boolean> {
    try {
      await this.docker.getImage(image).inspect();
      return true;
    } catch {
      return false;
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

  /** Creates and starts a container; returns its id. */
  async run(options: Record<string, unknown>): Promise<string> {
    const container = await this.docker.createContainer(options as Docker.ContainerCreateOptions);
    try {
      await container.start();
    } catch (err) {
      await container.remove({ force: true }).catch(() => undefined);
      throw err;
    }
    return container.id;
  }

  /** SIGTERM, then SIGKILL after `graceSeconds` (Docker's stop); a stopped container is fine. */
  async stop(id: string, graceSeconds: number): Promise<void> {
    try {
      await this.docker.getContainer(id).stop({ t: Math.max(0, Math.floor(graceSeconds)) });
    } catch (err) {
      const code = (err as { statusCode?: number }).statusCode;
      if (code !== 304 && code !== 404) throw err;
    }
  }

  async remove(id: string): Promise<void> {
    try {
      await this.docker.getContainer(id).remove({ force: true });
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 404) throw err;
    }
    this.exited.delete(id);
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

  /**
   * Calls `onPodEvent(podUid)` whenever a container of this node starts,
   * dies or goes away, so the pod is synced at once rather than at the
   * next periodic pass. Returns a stop function.
   */
  async watch(node: string, onPodEvent: (podUid: string) => void): Promise<() => void> {
    const stream = (await this.docker.getEvents({ filters: { type: ['container'], label: [`${LABEL_NODE}=${node}`] } })) as NodeJS.ReadableStream & { destroy(): void };
    let buffer = '';
    stream.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        try {
          const e = JSON.parse(line) as { Actor?: { Attributes?: Record<string, string> } };
          const uid = e.Actor?.Attributes?.[LABEL_POD_UID];
          if (uid) onPodEvent(uid);
        } catch {
          // a partial or foreign line: the periodic sync covers it
        }
      }
    });
    stream.on('error', () => undefined);
    return () => stream.destroy();
  }
}
