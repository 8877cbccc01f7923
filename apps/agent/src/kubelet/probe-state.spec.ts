import type { Container } from '@chronokube/core';
import { ProbeState, resolveProbe } from './probe-state';

describe('resolveProbe', () => {
  const c: Container = {
    name: 'web', ports: [{ name: 'http', containerPort: 8080 }],
    readinessProbe: { httpGet: { port: 'http', path: '/ready', httpHeaders: [{ name: 'X-A', value: '1' }] }, periodSeconds: 2, successThreshold: 2 },
    livenessProbe: { tcpSocket: { port: 8080 }, successThreshold: 5 },
    startupProbe: { exec: { command: ['cat', '/tmp/ok'] }, failureThreshold: 30, initialDelaySeconds: 1 },
  } as Container;

  it("fills in kube's defaults and resolves named ports", () => {
    expect(resolveProbe('readiness', c)).toEqual({
      kind: 'readiness', action: { type: 'http', scheme: 'HTTP', host: undefined, port: 8080, path: '/ready', headers: { 'X-A': '1' } },
      initialDelayMs: 0, periodMs: 2000, timeoutMs: 1000, failureThreshold: 3, successThreshold: 2,
    });
    // Liveness and startup always use a success threshold of 1.
    expect(resolveProbe('liveness', c)).toMatchObject({ action: { type: 'tcp', port: 8080 }, periodMs: 10_000, successThreshold: 1 });
    expect(resolveProbe('startup', c)).toMatchObject({ action: { type: 'exec', command: ['cat', '/tmp/ok'] }, initialDelayMs: 1000, failureThreshold: 30 });
    expect(resolveProbe('liveness', { name: 'x' })).toBeUndefined();
  });

  it('reports a port name the container does not declare', () => {
    expect(resolveProbe('readiness', { name: 'x', readinessProbe: { tcpSocket: { port: 'nope' } } } as Container)).toEqual(new Error('unknown port "nope"'));
  });
});

describe('ProbeState', () => {
  it('readiness starts failed and needs successThreshold successes, then failureThreshold failures', () => {
    const s = new ProbeState({ kind: 'readiness', failureThreshold: 2, successThreshold: 2 });
    expect(s.passing).toBe(false);
    expect(s.record(true)).toBe(false);
    expect(s.record(true)).toBe(true);
    expect(s.passing).toBe(true);
    expect(s.record(false)).toBe(false);
    expect(s.record(true)).toBe(false); // the failure streak is broken
    expect(s.record(false)).toBe(false);
    expect(s.record(false)).toBe(true);
    expect(s.passing).toBe(false);
  });

  it('liveness starts passing and fails after failureThreshold in a row', () => {
    const s = new ProbeState({ kind: 'liveness', failureThreshold: 3, successThreshold: 1 });
    expect(s.passing).toBe(true);
    s.record(false);
    s.record(false);
    expect(s.passing).toBe(true);
    expect(s.record(false)).toBe(true);
    expect([s.passing, s.failed]).toEqual([false, true]);
  });

  it('startup starts not started, passes on one success, and has failed after failureThreshold misses', () => {
    const s = new ProbeState({ kind: 'startup', failureThreshold: 2, successThreshold: 1 });
    s.record(false);
    expect(s.failed).toBe(false);
    s.record(false);
    expect([s.passing, s.failed]).toEqual([false, true]);
    const t = new ProbeState({ kind: 'startup', failureThreshold: 2, successThreshold: 1 });
    expect(t.record(true)).toBe(true);
  });
});
