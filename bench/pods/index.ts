/**
 * bench/pods: the node agent on real Docker.
 * - Pod startup latency, create to Ready (seen through a watch), for 50
 *   pods of the local busybox image (present, pull policy Never), created
 *   5 at a time, next to baselines measured in the same run, 5 at a time:
 *   `docker run -d` of the same image and command (the issue's baseline),
 *   the bare create+start through the Docker API that it makes, and a bare
 *   sandbox plus a container joined to its network (the floor for a pod
 *   with its own IP). The four are measured in interleaved rounds, so a
 *   machine that slows down during the run weighs on all of them alike.
 *   Goals: p99 < 2 s (Kubernetes' SLO is 5 s) and within 1.5x of docker run.
 * - kube-proxy throughput: autocannon against an httpd pod through its
 *   Service's node port, and directly to the pod IP. Goal: within 1.3x.
 * The server, the agent (`chronokube agent`, as an operator runs it) and
 * autocannon are each their own process, so the load generator does not
 * share an event loop with the proxy it measures.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Docker from 'dockerode';
import { KubeClient } from '@chronokube/agent';
import { onCleanup, ownChild } from '../eventstore/cleanup';
import { startApiServer, type ApiServer } from '../api/server';
import { alignedTable, goalLines } from '../table';

const IMAGE = 'chronokube/busybox:latest';
const PODS = 50;
const CONCURRENCY = 5;
/** Interleaved rounds (PODS / ROUNDS of each kind per round). */
const ROUNDS = 5;
const NODE = 'bench-node';
const PROXY_SECONDS = Number(process.env.BENCH_PODS_PROXY_SECONDS ?? 8);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function parallel(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await task(next++);
  }));
}

/**
 * Bare Docker: create + start of the same image and command, the floor
 * under any kubelet (the baseline). With `pair`, also a second
 * container joined to the first one's network namespace, as a pod's
 * container joins its sandbox: the floor under a pod with its own IP.
 */
async function bareDockerRun(docker: Docker, pair: boolean, count: number): Promise<number[]> {
  const ms: number[] = [];
  const ids: string[] = [];
  try {
    await parallel(count, CONCURRENCY, async () => {
      const t0 = performance.now();
      const c = await docker.createContainer({ Image: IMAGE, Cmd: ['sleep', '3600'], Labels: { 'chronokube.bench': 'bare' } });
      ids.push(c.id);
      await c.start();
      if (pair) {
        const app = await docker.createContainer({ Image: IMAGE, Cmd: ['sleep', '3600'], Labels: { 'chronokube.bench': 'bare' }, HostConfig: { NetworkMode: `container:${c.id}` } });
        // (the kubelet's sandbox also shares its IPC namespace; that costs nothing measurable)
        ids.push(app.id);
        await app.start();
      }
      ms.push(performance.now() - t0);
    });
  } finally {
    await Promise.all(ids.map((id) => docker.getContainer(id).remove({ force: true }).catch(() => undefined)));
  }
  return ms;
}

/** `docker run -d IMAGE sleep 3600` by the Docker CLI, `count` times, CONCURRENCY at a time: until it exits, the container started. */
async function dockerRunCli(count: number): Promise<number[]> {
  const ms: number[] = [];
  const ids: string[] = [];
  try {
    await parallel(count, CONCURRENCY, async () => {
      const t0 = performance.now();
      const id = await new Promise<string>((resolve, reject) =>
        execFile('docker', ['run', '-d', '--label', 'chronokube.bench=bare', IMAGE, 'sleep', '3600'], (err, stdout, stderr) =>
          err ? reject(new Error(`docker run: ${String(stderr).trim() || err.message}`)) : resolve(String(stdout).trim())));
      ms.push(performance.now() - t0);
      ids.push(id);
    });
  } finally {
    if (ids.length) execFileSync('docker', ['rm', '-f', ...ids], { stdio: 'ignore' });
  }
  return ms;
}

/** Create to Ready for `count` pods (named start-<first>...) on the agent's node. */
async function podStartup(client: KubeClient, first: number, count: number): Promise<number[]> {
  const created = new Map<string, number>();
  const readyMs: number[] = [];
  const abort = new AbortController();
  const list = await client.get('/api/v1/namespaces/default/pods');
  let resolveAll: () => void = () => undefined;
  const allReady = new Promise<void>((r) => (resolveAll = r));
  const seen = new Set<string>();
  const watching = (async () => {
    for await (const e of client.watch('/api/v1/namespaces/default/pods', list.metadata.resourceVersion, abort.signal)) {
      const p = e.object;
      const name = p?.metadata?.name;
      const ready = p?.status?.conditions?.some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
      if (!name || !ready || seen.has(name) || !created.has(name)) continue;
      seen.add(name);
      readyMs.push(performance.now() - created.get(name)!);
      if (seen.size === count) resolveAll();
    }
  })().catch(() => undefined);
  await parallel(count, CONCURRENCY, async (i) => {
    const name = `start-${first + i}`;
    created.set(name, performance.now());
    await client.request('POST', '/api/v1/namespaces/default/pods', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name },
      spec: { nodeName: NODE, terminationGracePeriodSeconds: 0, containers: [{ name: 'c', image: IMAGE, imagePullPolicy: 'Never', command: ['sleep', '3600'] }] },
    });
    // Each of the 5 lanes waits for its pod, so at most 5 start at once, as in the bare baseline.
    while (!seen.has(name)) await new Promise((r) => setTimeout(r, 5));
  });
  await allReady;
  abort.abort();
  await watching;
  return readyMs;
}

const LAUNCHER = join(__dirname, '..', '..', 'bin', 'chronokube.js');
const AGENT_READY_MS = 60_000;

/** `chronokube agent --name NODE` over the server's data dir, as its own process; resolves once it says it is ready. */
async function startAgent(dataDir: string): Promise<{ stop: () => Promise<void>; proxyMode: string }> {
  const child = spawn(process.execPath, [LAUNCHER, 'agent', '--name', NODE, '--runtime', 'docker', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const { stop, exited } = ownChild(child);
  let output = '';
  let proxyMode = '';
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line within ${AGENT_READY_MS} ms`)), AGENT_READY_MS);
      child.stdout!.on('data', (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-4000);
        const ready = /chronokube agent: node \S+ ready \(.*kube-proxy (\w+)\)/.exec(output);
        if (ready) {
          proxyMode = ready[1];
          clearTimeout(timer);
          resolve();
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error('exited before it was ready'));
      });
    });
  } catch (err) {
    await stop();
    throw new Error(`chronokube agent: ${(err as Error).message}; output: ${output.trim()}`);
  }
  // Keep draining its output so a chatty agent never blocks on a full pipe.
  child.stdout!.resume();
  child.stderr!.resume();
  return { stop, proxyMode };
}

/** autocannon's own CLI, in a child process, for PROXY_SECONDS; mean requests per second. */
function cannon(url: string): Promise<number> {
  const pkg = require.resolve('autocannon/package.json');
  const bin = join(dirname(pkg), (require(pkg) as { bin: Record<string, string> }).bin.autocannon);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [bin, '-j', '-c', '16', '-d', String(PROXY_SECONDS), url], { maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`autocannon ${url}: ${err.message} ${String(stderr).trim()}`));
      const result = JSON.parse(String(stdout)) as { non2xx: number; errors: number; requests: { average: number } };
      if (result.non2xx > 0 || result.errors > 0) return reject(new Error(`autocannon ${url}: ${result.non2xx} non-2xx, ${result.errors} errors`));
      resolve(result.requests.average);
    });
  });
}

async function proxyThroughput(client: KubeClient): Promise<{ viaProxy: number; direct: number }> {
  await client.request('POST', '/api/v1/namespaces/default/pods', {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } },
    spec: { nodeName: NODE, containers: [{ name: 'httpd', image: IMAGE, imagePullPolicy: 'Never', command: ['httpd', '-f', '-p', '8080', '-h', '/www'], ports: [{ containerPort: 8080 }] }] },
  });
  const svc = await client.request('POST', '/api/v1/namespaces/default/services', {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
  });
  let podIP = '';
  for (let i = 0; i < 600 && !podIP; i++) {
    const p = await client.get('/api/v1/namespaces/default/pods/web');
    if (p.status?.conditions?.some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True')) podIP = p.status.podIP;
    else await new Promise((r) => setTimeout(r, 50));
  }
  if (!podIP) throw new Error('the httpd pod did not become Ready');
  const viaUrl = `http://127.0.0.1:${svc.spec.ports[0].nodePort}/`;
  // Wait for the proxy to have the endpoint.
  for (let i = 0; i < 600; i++) {
    const ok = await fetch(viaUrl).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const direct = await cannon(`http://${podIP}:8080/`);
  const viaProxy = await cannon(viaUrl);
  return { viaProxy, direct };
}

export async function runPodsBench(): Promise<void> {
  console.log('pods: bringing up Docker (scripts/docker-host.sh), a server and a Docker node agent...');
  execFileSync('bash', [join(__dirname, '..', '..', 'scripts', 'docker-host.sh')], { stdio: 'inherit' });
  const docker = new Docker({ socketPath: '/var/run/docker.sock' });
  const dir = mkdtempSync(join(tmpdir(), 'chronokube-bench-pods-'));
  onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
  let server: ApiServer | undefined;
  let stopAgent: (() => Promise<void>) | undefined;
  let client: KubeClient | undefined;
  try {
    server = await startApiServer(dir);
    const access = { server: server.endpoint.url, caPem: server.endpoint.caPem, token: server.endpoint.token };
    const agent = await startAgent(dir);
    stopAgent = agent.stop;
    client = new KubeClient(access, 16, 'chronokube-bench/0.1');
    console.log(`  ${ROUNDS} rounds of ${PODS / ROUNDS} each: docker run -d, bare create+start, bare sandbox+container, pods create to Ready; ${CONCURRENCY} at a time...`);
    const cli: number[] = [];
    const bare: number[] = [];
    const pairs: number[] = [];
    const pods: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const n = PODS / ROUNDS;
      cli.push(...(await dockerRunCli(n)));
      bare.push(...(await bareDockerRun(docker, false, n)));
      pairs.push(...(await bareDockerRun(docker, true, n)));
      pods.push(...(await podStartup(client, r * n, n)));
    }
    for (const a of [cli, bare, pairs, pods]) a.sort((x, y) => x - y);
    console.log(`  autocannon ${PROXY_SECONDS} s direct, then ${PROXY_SECONDS} s through the node port...`);
    const proxy = await proxyThroughput(client);
    const row = (scenario: string, unit: string, ours: number, ref: number, refName: string, ratio: number) =>
      [scenario, unit, ours.toFixed(0), `${ref.toFixed(0)} ${refName}`, `${ratio.toFixed(2)}x`];
    const p50 = percentile(pods, 50);
    const p99 = percentile(pods, 99);
    const c50 = percentile(cli, 50);
    const c99 = percentile(cli, 99);
    const goals = [
      { goal: 'pod startup p99 < 2 s (Kubernetes SLO: 5 s)', status: p99 < 2000 ? 'MET' : 'MISSED', detail: `p99 ${p99.toFixed(0)} ms` },
      { goal: 'pod startup within 1.5x of bare docker run (p99)', status: p99 / c99 <= 1.5 ? 'MET' : 'MISSED', detail: `${(p99 / c99).toFixed(2)}x` },
      { goal: 'proxy throughput within 1.3x of direct', status: proxy.direct / proxy.viaProxy <= 1.3 ? 'MET' : 'MISSED', detail: `${(proxy.direct / proxy.viaProxy).toFixed(2)}x` },
    ];
    console.log([
      'ratio = chronokube / baseline (latency) or direct / through kube-proxy (throughput); lower is better',
      'baselines: docker run = `docker run -d` by the CLI; API = create+start through the Docker API; pair = API create+start of a',
      'sandbox, then of a container joined to its network (what a pod with its own IP needs at least)',
      `kube-proxy mode: ${agent.proxyMode}`,
      ...alignedTable(['scenario', 'unit', 'chronokube', 'baseline', 'ratio'], [
        row(`pod create to Ready, ${PODS} pods x${CONCURRENCY}, p50`, 'ms', p50, c50, 'docker run', p50 / c50),
        row(`pod create to Ready, ${PODS} pods x${CONCURRENCY}, p99`, 'ms', p99, c99, 'docker run', p99 / c99),
        row('  same, p50', 'ms', p50, percentile(bare, 50), 'API', p50 / percentile(bare, 50)),
        row('  same, p99', 'ms', p99, percentile(bare, 99), 'API', p99 / percentile(bare, 99)),
        row('  same, p50', 'ms', p50, percentile(pairs, 50), 'pair', p50 / percentile(pairs, 50)),
        row('  same, p99', 'ms', p99, percentile(pairs, 99), 'pair', p99 / percentile(pairs, 99)),
        row(`httpd through kube-proxy (16 conns, ${PROXY_SECONDS} s)`, 'req/s', proxy.viaProxy, proxy.direct, 'direct', proxy.direct / proxy.viaProxy),
      ]),
      ...goalLines(goals),
    ].join('\n'));
  } finally {
    client?.close();
    await stopAgent?.();
    await server?.stop();
    const left = execFileSync('docker', ['ps', '-aq', '--filter', `label=chronokube.node=${NODE}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
    if (left.length) execFileSync('docker', ['rm', '-f', ...left]);
  }
}
