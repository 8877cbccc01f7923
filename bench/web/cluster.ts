/**
 * The cluster the dashboard shows: a `chronokube server` (its own process,
 * scheduler and controllers on) with simulated nodes in this process, and
 * bare pods placed by the scheduler, grown in steps so one run can measure a small
 * cluster first and the big one after.
 */
import { performance } from 'node:perf_hooks';
import { KubeClient, SimNodes, DEFAULT_SIM } from '@chronokube/agent';
import { onCleanup } from '../eventstore/cleanup';
import { startApiServer, type ApiServer } from '../api/server';

/** Nodes that renew no Lease must not go Unknown during the run. */
const NO_NODE_FAILURES = ['--node-monitor-grace-period', '3600s'];
/** Each pod asks for this much, so the scheduler spreads them (LeastAllocated) instead of filling one node. */
const REQUESTS = { cpu: '100m', memory: '64Mi' };
const RUNNING_TIMEOUT_MS = 240_000;
/** Pod creates in flight while growing. */
const CONCURRENCY = 32;

export function clientFor(server: ApiServer, sockets = 32): KubeClient {
  return new KubeClient({ server: server.endpoint.url, caPem: server.endpoint.caPem, token: server.endpoint.token }, sockets, 'chronokube-bench/0.1');
}

/** A server, the simulated nodes registered so far and the pods made so far. */
export class BenchCluster {
  private readonly sims: SimNodes[] = [];
  private nodes = 0;
  private pods = 0;
  readonly client: KubeClient;

  /** Stops everything once (also registered with runCleanup()). */
  readonly stop: () => Promise<void>;

  private constructor(readonly server: ApiServer, readonly dataDir: string) {
    this.client = clientFor(server);
    this.stop = onCleanup(async () => {
      for (const sim of this.sims.splice(0)) await sim.stop();
      this.client.close();
      await this.server.stop();
    });
  }

  /** Starts `chronokube server` over `dataDir` (stopped by runCleanup() too). */
  static async start(dataDir: string): Promise<BenchCluster> {
    const server = await startApiServer(dataDir, NO_NODE_FAILURES);
    return new BenchCluster(server, dataDir);
  }

  get nodeCount(): number {
    return this.nodes;
  }

  get podCount(): number {
    return this.pods;
  }

  /**
   * Grows the cluster to `nodes` simulated nodes (sim-node-0...) and `pods`
   * bare pods (pod-0..., label app=web-<i mod 10>), created CONCURRENCY at
   * a time and placed by the scheduler, then waits until the simulated
   * nodes have turned every one Running. Resolves how long that took (ms).
   */
  async growTo(nodes: number, pods: number): Promise<number> {
    const t0 = performance.now();
    if (nodes > this.nodes) {
      const names = Array.from({ length: nodes - this.nodes }, (_, i) => `sim-node-${this.nodes + i}`);
      const sim = new SimNodes(this.client, { ...DEFAULT_SIM, count: names.length, names, readyDelayMs: 0, leaseIntervalMs: 0, concurrency: 32 });
      this.sims.push(sim);
      await sim.start();
      this.nodes = nodes;
    }
    let next = this.pods;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < pods) {
        const i = next++;
        await this.client.request('POST', '/api/v1/namespaces/default/pods', {
          apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${i}`, labels: { app: `web-${i % 10}` } },
          spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'c', image: 'busybox:1.36', resources: { requests: REQUESTS } }] },
        });
      }
    }));
    this.pods = Math.max(this.pods, pods);
    for (;;) {
      const running = this.sims.reduce((n, s) => n + s.readyPods, 0);
      if (running >= this.pods) break;
      if (performance.now() - t0 > RUNNING_TIMEOUT_MS) throw new Error(`only ${running} of ${this.pods} pods Running after ${RUNNING_TIMEOUT_MS / 1000} s`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return performance.now() - t0;
  }
}
