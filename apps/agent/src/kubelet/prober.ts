/**
 * The kubelet's probe workers: for each running container instance, its
 * startup, liveness and readiness probes on their own timers (exec inside
 * the container, httpGet and tcpSocket against the pod IP). Until a
 * startup probe passes, the other two wait. Results feed the pod status
 * (ready, started); a failed liveness or startup probe asks the kubelet to
 * restart the container, with kube's Unhealthy event.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Container } from '@chronokube/core';
import { ProbeState, resolveProbe, type ProbeAction, type ProbeKind, type ResolvedProbe } from './probe-state';

export interface ProbeTarget {
  /** The container instance (probes belong to one instance; a restart starts over). */
  id: string;
  podKey: string;
  container: Container;
  ip?: string;
}

export interface ProberDeps {
  exec(id: string, command: string[], timeoutMs: number): Promise<number>;
  /** A result changed: the pod's status should be reported again. */
  changed(podKey: string): void;
  /** A probe crossed its failure threshold (kube's Warning Unhealthy event). */
  unhealthy(target: ProbeTarget, kind: ProbeKind, message: string): void;
  /** Liveness failed, or startup never passed: restart the container. */
  restart(target: ProbeTarget, kind: ProbeKind, message: string): void;
}

const LABEL: Record<ProbeKind, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

interface Worker {
  probe: ResolvedProbe;
  state: ProbeState;
  timer?: NodeJS.Timeout;
}

interface Instance {
  target: ProbeTarget;
  workers: Partial<Record<ProbeKind, Worker>>;
  stopped: boolean;
}

/** One attempt of `action` against the pod; resolves with a failure message, or undefined on success. */
export async function attempt(action: ProbeAction, ip: string | undefined, timeoutMs: number, exec: (command: string[]) => Promise<number>): Promise<string | undefined> {
  if (action.type === 'exec') {
    try {
      const code = await exec(action.command);
      return code === 0 ? undefined : `command ${JSON.stringify(action.command.join(' '))} exited with ${code}`;
    } catch (err) {
      return (err as Error).message;
    }
  }
  const host = action.host ?? ip;
  if (!host) return 'the pod has no IP yet';
  if (action.type === 'tcp') {
    return new Promise((resolve) => {
      const socket = net.connect({ host, port: action.port, timeout: timeoutMs });
      socket.once('connect', () => { socket.destroy(); resolve(undefined); });
      socket.once('timeout', () => { socket.destroy(); resolve(`dial tcp ${host}:${action.port}: i/o timeout`); });
      socket.once('error', (err: NodeJS.ErrnoException) => resolve(`dial tcp ${host}:${action.port}: connect: ${err.code === 'ECONNREFUSED' ? 'connection refused' : err.message}`));
    });
  }
  const url = `${action.scheme.toLowerCase()}://${host}:${action.port}${action.path.startsWith('/') ? '' : '/'}${action.path}`;
  const client = action.scheme === 'HTTPS' ? https : http;
  return new Promise((resolve) => {
    // A fresh connection per attempt (agent: false), as kube's prober does: no idle sockets kept.
    const req = client.get(url, { agent: false, headers: { 'User-Agent': 'kube-probe/1.32', Connection: 'close', ...action.headers }, timeout: timeoutMs, rejectUnauthorized: false }, (res) => {
      res.resume();
      const code = res.statusCode ?? 0;
      resolve(code >= 200 && code < 400 ? undefined : `HTTP probe failed with statuscode: ${code}`);
    });
    req.once('timeout', () => { req.destroy(); resolve(`Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`); });
    req.once('error', (err: NodeJS.ErrnoException) => resolve(`Get "${url}": dial tcp ${host}:${action.port}: connect: ${err.code === 'ECONNREFUSED' ? 'connection refused' : err.message}`));
  });
}

export class Prober {
  private readonly instances = new Map<string, Instance>();
  private closed = false;

  constructor(private readonly deps: ProberDeps) {}

  /** Starts the workers of a running instance (idempotent); an unusable probe spec is returned as a message. */
  ensure(target: ProbeTarget): string | undefined {
    if (this.closed || this.instances.has(target.id)) return undefined;
    const instance: Instance = { target, workers: {}, stopped: false };
    for (const kind of ['startup', 'liveness', 'readiness'] as const) {
      const probe = resolveProbe(kind, target.container);
      if (probe instanceof Error) return `${LABEL[kind]} probe: ${probe.message}`;
      if (probe) instance.workers[kind] = { probe, state: new ProbeState(probe) };
    }
    this.instances.set(target.id, instance);
    for (const w of Object.values(instance.workers)) this.schedule(instance, w!, w!.probe.initialDelayMs);
    return undefined;
  }

  /** Stops the workers of instances that are no longer running. */
  retain(running: ReadonlySet<string>): void {
    for (const [id, instance] of this.instances) if (!running.has(id)) this.drop(id, instance);
  }

  /** Stops every worker for good (a sync still in flight cannot start new ones). */
  stopAll(): void {
    this.closed = true;
    for (const [id, instance] of this.instances) this.drop(id, instance);
  }

  /** Ready as far as probes go: its readiness probe passes (or it has none), after startup. */
  ready(id: string): boolean {
    const i = this.instances.get(id);
    if (!i) return false;
    return this.started(id) && (i.workers.readiness?.state.passing ?? true);
  }

  /** Past its startup probe (or it has none). */
  started(id: string): boolean {
    const i = this.instances.get(id);
    return !!i && (i.workers.startup?.state.passing ?? true);
  }

  private drop(id: string, instance: Instance): void {
    instance.stopped = true;
    for (const w of Object.values(instance.workers)) if (w?.timer) clearTimeout(w.timer);
    this.instances.delete(id);
  }

  private schedule(instance: Instance, w: Worker, delayMs: number): void {
    if (instance.stopped) return;
    w.timer = setTimeout(() => void this.run(instance, w), delayMs);
  }

  private async run(instance: Instance, w: Worker): Promise<void> {
    const { target } = instance;
    const kind = w.probe.kind;
    // Liveness and readiness wait for the startup probe, as in kube.
    if (kind !== 'startup' && !this.started(target.id)) return this.schedule(instance, w, w.probe.periodMs);
    const failure = await attempt(w.probe.action, target.ip, w.probe.timeoutMs, (command) => this.deps.exec(target.id, command, w.probe.timeoutMs));
    if (instance.stopped) return;
    const changed = w.state.record(failure === undefined);
    if (changed) this.deps.changed(target.podKey);
    const givenUp = (kind === 'liveness' && !w.state.passing) || (kind === 'startup' && !w.state.passing && w.state.failed);
    // One Unhealthy event when the threshold is crossed, not one per attempt (kube aggregates repeats into a count).
    if (failure !== undefined && (changed || givenUp)) this.deps.unhealthy(target, kind, `${LABEL[kind]} probe failed: ${failure}`);
    if (givenUp) {
      // The instance is done: the kubelet stops it, and the next one gets fresh workers.
      this.drop(target.id, instance);
      this.deps.restart(target, kind, `Container ${target.container.name} failed ${kind} probe, will be restarted`);
      return;
    }
    // A started container's startup probe has done its job.
    if (kind === 'startup' && w.state.passing) return;
    this.schedule(instance, w, w.probe.periodMs);
  }
}
