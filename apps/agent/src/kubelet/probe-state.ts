/**
 * Probes as the kubelet runs them (pure parts): a container's probe spec
 * with kube's defaults resolved (named ports looked up), and the result of
 * consecutive attempts against failureThreshold / successThreshold.
 * Readiness starts as failed, liveness as passing, startup as not yet
 * started, as in kube.
 */
import type { Container, Probe } from '@chronokube/core';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

export type ProbeAction =
  | { type: 'exec'; command: string[] }
  | { type: 'http'; scheme: 'HTTP' | 'HTTPS'; host?: string; port: number; path: string; headers: Record<string, string> }
  | { type: 'tcp'; host?: string; port: number };

export interface ResolvedProbe {
  kind: ProbeKind;
  action: ProbeAction;
  initialDelayMs: number;
  periodMs: number;
  timeoutMs: number;
  failureThreshold: number;
  successThreshold: number;
}

interface RawProbe extends Probe {
  exec?: { command?: string[] };
  httpGet?: { path?: string; port: number | string; host?: string; scheme?: 'HTTP' | 'HTTPS'; httpHeaders?: { name: string; value: string }[] };
  tcpSocket?: { port: number | string; host?: string };
}

function port(c: Container, p: number | string): number | undefined {
  if (typeof p === 'number') return p;
  if (/^\d+$/.test(p)) return Number(p);
  return c.ports?.find((x) => x.name === p)?.containerPort;
}

/** The probe of `kind` on `c` with kube's defaults, undefined when it has none; an unusable one is an Error. */
export function resolveProbe(kind: ProbeKind, c: Container): ResolvedProbe | Error | undefined {
  const p = (kind === 'liveness' ? c.livenessProbe : kind === 'readiness' ? c.readinessProbe : c.startupProbe) as RawProbe | undefined;
  if (!p) return undefined;
  let action: ProbeAction;
  if (p.exec?.command?.length) action = { type: 'exec', command: p.exec.command };
  else if (p.httpGet) {
    const n = port(c, p.httpGet.port);
    if (n === undefined) return new Error(`unknown port "${p.httpGet.port}"`);
    const headers = Object.fromEntries((p.httpGet.httpHeaders ?? []).map((h) => [h.name, h.value]));
    action = { type: 'http', scheme: p.httpGet.scheme ?? 'HTTP', host: p.httpGet.host, port: n, path: p.httpGet.path || '/', headers };
  } else if (p.tcpSocket) {
    const n = port(c, p.tcpSocket.port);
    if (n === undefined) return new Error(`unknown port "${p.tcpSocket.port}"`);
    action = { type: 'tcp', host: p.tcpSocket.host, port: n };
  } else return new Error('a probe needs exec, httpGet or tcpSocket');
  return {
    kind,
    action,
    initialDelayMs: (p.initialDelaySeconds ?? 0) * 1000,
    periodMs: Math.max(1, p.periodSeconds ?? 10) * 1000,
    timeoutMs: Math.max(1, p.timeoutSeconds ?? 1) * 1000,
    failureThreshold: Math.max(1, p.failureThreshold ?? 3),
    // kube requires 1 for liveness and startup.
    successThreshold: kind === 'readiness' ? Math.max(1, p.successThreshold ?? 1) : 1,
  };
}

/** Consecutive attempts against the thresholds; `passing` flips only when a threshold is reached. */
export class ProbeState {
  passing: boolean;
  private successes = 0;
  private failures = 0;

  constructor(private readonly probe: Pick<ResolvedProbe, 'kind' | 'failureThreshold' | 'successThreshold'>) {
    this.passing = probe.kind === 'liveness';
  }

  /** failureThreshold consecutive failures (for startup: the container never started in time). */
  get failed(): boolean {
    return this.failures >= this.probe.failureThreshold;
  }

  /** Record one attempt; true when `passing` changed. */
  record(ok: boolean): boolean {
    if (ok) {
      this.failures = 0;
      this.successes++;
      if (!this.passing && this.successes >= this.probe.successThreshold) return (this.passing = true);
    } else {
      this.successes = 0;
      this.failures++;
      if (this.passing && this.failed) {
        this.passing = false;
        return true;
      }
    }
    return false;
  }
}
