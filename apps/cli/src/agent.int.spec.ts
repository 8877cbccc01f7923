/**
 * `chronokube agent` from the outside: a Docker agent and a sim agent against
 * a started server, their ready lines, their node identity, a pod run in
 * Docker, and the usage errors. CI brings Docker up before the tests
 * (scripts/setup-host.sh); so does this suite, for a developer's machine.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import { IptablesBackend, iptablesUnavailable } from '../../agent/src/proxy/iptables-backend';
import { killAll, launch, run, withCredentials } from './testing/launch';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const dirs: string[] = [];
const node = `cli-agent-${process.pid}`;
const nodeA = `fo-a-${process.pid}`;
const nodeB = `fo-b-${process.pid}`;

beforeAll(() => {
  execFileSync('bash', [path.join(REPO_ROOT, 'scripts/docker-host.sh')], { stdio: 'inherit' });
}, 120_000);

afterAll(async () => {
  await killAll();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  for (const n of [node, nodeA, nodeB]) {
    const ids = execFileSync('docker', ['ps', '-aq', '--filter', `label=chronokube.node=${n}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
    if (ids.length) execFileSync('docker', ['rm', '-f', ...ids]);
    // An agent killed by killAll() (after a failure) could not remove its iptables chains.
    if (!(await iptablesUnavailable())) await new IptablesBackend(n, () => undefined).teardown();
  }
});

/** Containers of `n` as "podName/container state" lines, sorted. */
function containersOn(n: string): string[] {
  const out = execFileSync('docker', ['ps', '-a', '--filter', `label=chronokube.node=${n}`, '--format', '{{.Label "io.kubernetes.pod.name"}}/{{.Label "io.kubernetes.container.name"}} {{.State}}'], { encoding: 'utf8' });
  return out.trim().split('\n').filter(Boolean).sort();
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function kubectl(kubeconfig: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/kubectl', args, { env: { PATH: process.env.PATH ?? '', HOME: path.dirname(kubeconfig), KUBECONFIG: kubeconfig } }, (err, stdout, stderr) =>
      err ? reject(new Error(String(stderr))) : resolve(String(stdout)));
  });
}

function kubectlStdin(kubeconfig: string, args: string[], input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('/usr/bin/kubectl', args, { env: { PATH: process.env.PATH ?? '', HOME: path.dirname(kubeconfig), KUBECONFIG: kubeconfig } }, (err, stdout, stderr) =>
      err ? reject(new Error(String(stderr))) : resolve(String(stdout)));
    child.stdin!.end(input);
  });
}

async function startServer(extra: string[] = [], reuseDir?: string): Promise<{ dir: string; kubeconfig: string; eventstore: string; port: string; stop(): Promise<void> }> {
  const dir = reuseDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'chronokube-agent-'));
  if (!reuseDir) dirs.push(dir);
  const server = launch(['server', '--data', dir, '--eventstore-port', '0', ...(extra.includes('--port') ? [] : ['--port', '0']), ...extra]);
  const [, port] = await server.waitForLine(/^chronokube server listening on https:\/\/127\.0\.0\.1:(\d+)/);
  const [, shownStore, credentialsFile] = await server.waitForLine(/^ {2}eventstore {2}(\S+) \(credentials: (.+)\)$/);
  const eventstore = withCredentials(shownStore, credentialsFile);
  return {
    dir,
    eventstore,
    port,
    kubeconfig: path.join(dir, 'kubeconfig'),
    stop: async () => {
      server.child.kill('SIGTERM');
      await server.exited;
    },
  };
}

it('runs a Docker node as system:node:<name> and a pod on it as containers', async () => {
  const server = await startServer();
  const agent = launch(['agent', '--name', node, '--data', server.dir]);
  const [line] = await agent.waitForLine(/^chronokube agent: .*$/);
  expect(line).toMatch(new RegExp(`^chronokube agent: node ${node} ready \\(docker \\S+, kube-proxy (iptables|userspace)\\)$`));
  // The node's writes carry the node's identity (minted from the server's node secret), not the admin's.
  const es = EventStoreDBClient.connectionString(server.eventstore);
  try {
    const actors = new Set<string>();
    for await (const e of es.readStream(`node-${node}`)) actors.add((e.event?.metadata as { actor?: string }).actor ?? '');
    expect([...actors]).toEqual([`system:node:${node}`]);
  } finally {
    await es.dispose();
  }
  await kubectl(server.kubeconfig, ['run', 'hello', '--image=chronokube/busybox:latest', '--image-pull-policy=Never', '--', 'sleep', '3600']);
  await kubectl(server.kubeconfig, ['wait', '--for=condition=Ready', 'pod/hello', '--timeout=60s']);
  const uid = (await kubectl(server.kubeconfig, ['get', 'pod', 'hello', '-o', 'jsonpath={.metadata.uid}'])).trim();
  const names = execFileSync('docker', ['ps', '--filter', `label=io.kubernetes.pod.uid=${uid}`, '--format', '{{.Label "io.kubernetes.container.name"}}'], { encoding: 'utf8' });
  expect(names.trim().split('\n').sort()).toEqual(['POD', 'hello']);
  // nodeInfo carries every field NodeSystemInfo requires, the host's own ids where it has them.
  const info = JSON.parse(await kubectl(server.kubeconfig, ['get', 'node', node, '-o', 'jsonpath={.status.nodeInfo}'])) as Record<string, string>;
  expect(Object.keys(info).sort()).toEqual(['architecture', 'bootID', 'containerRuntimeVersion', 'kernelVersion', 'kubeProxyVersion', 'kubeletVersion', 'machineID', 'operatingSystem', 'osImage', 'systemUUID']);
  expect(info.bootID).toBe(fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim());
  expect(info.containerRuntimeVersion).toMatch(/^docker:\/\//);
  agent.child.kill('SIGTERM');
  expect((await agent.exited).code).toBe(0);
  await server.stop();
});

it('moves the pods of a stopped Docker agent to the other one once its node is past the grace period', async () => {
  const server = await startServer(['--node-monitor-grace-period', '20s']);
  const k = (args: string[]) => kubectl(server.kubeconfig, args);
  const agentA = launch(['agent', '--name', nodeA, '--data', server.dir]);
  await agentA.waitForLine(/^chronokube agent: node \S+ ready/);
  // Evicted as soon as their node is unreachable (kube's default toleration is 300 s).
  const manifest = [
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  replicas: 2', '  selector: {matchLabels: {app: web}}', '  template:',
    '    metadata: {labels: {app: web}}', '    spec:', '      terminationGracePeriodSeconds: 1',
    '      tolerations:', '      - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 0}',
    '      - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 0}',
    '      containers:', '      - {name: httpd, image: chronokube/busybox:latest, imagePullPolicy: Never, command: [httpd, -f, -p, "8080", -h, /www]}',
  ].join('\n');
  await kubectlStdin(server.kubeconfig, ['apply', '-f', '-'], manifest);
  expect(await k(['rollout', 'status', 'deployment/web', '--timeout=90s'])).toContain('successfully rolled out');
  expect(containersOn(nodeA).filter((c) => c.endsWith('running') && !c.includes('/POD '))).toHaveLength(2);
  const agentB = launch(['agent', '--name', nodeB, '--data', server.dir]);
  await agentB.waitForLine(/^chronokube agent: node \S+ ready/);

  agentA.child.kill('SIGTERM');
  expect((await agentA.exited).code).toBe(0);
  const stoppedAt = Date.now();
  // Its Lease stops; past the grace period the node goes NotReady (Ready=Unknown) with the unreachable taint.
  await until('node A NotReady', async () => {
    const ready = await k(['get', 'node', nodeA, '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}']);
    return ready.trim() === 'Unknown' ? true : undefined;
  });
  expect(Date.now() - stoppedAt).toBeGreaterThan(5_000);
  expect(await k(['get', 'nodes'])).toMatch(new RegExp(`${nodeA}\\s+NotReady`));
  expect(await k(['get', 'node', nodeA, '-o', 'jsonpath={.spec.taints[*].key}'])).toContain('node.kubernetes.io/unreachable');
  // The ReplicaSet replaces the evicted pods, and they run as containers under agent B.
  const moved = await until('two web pods Running on node B', async () => {
    const pods = JSON.parse(await k(['get', 'pods', '-l', 'app=web', '-o', 'json'])).items as { metadata: { name: string; deletionTimestamp?: string }; spec: { nodeName: string }; status: { phase: string } }[];
    const onB = pods.filter((p) => !p.metadata.deletionTimestamp && p.spec.nodeName === nodeB && p.status.phase === 'Running');
    return onB.length === 2 ? onB.map((p) => p.metadata.name).sort() : undefined;
  });
  await until('their containers on node B', async () => {
    const running = containersOn(nodeB).filter((c) => c.endsWith('running') && !c.includes('/POD '));
    return running.length === 2 ? true : undefined;
  });
  expect(containersOn(nodeB).filter((c) => c.endsWith('running') && !c.includes('/POD ')).map((c) => c.split('/')[0]).sort()).toEqual(moved);
  expect(await k(['get', 'deployment', 'web', '-o', 'jsonpath={.status.availableReplicas}'])).toBe('2');
  agentB.child.kill('SIGTERM');
  expect((await agentB.exited).code).toBe(0);
  await server.stop();
});

it('keeps running its pods across an API server restart, and picks up new ones after it', async () => {
  const first = await startServer();
  const k = (args: string[]) => kubectl(first.kubeconfig, args);
  const agent = launch(['agent', '--name', node, '--data', first.dir]);
  await agent.waitForLine(/^chronokube agent: node \S+ ready/);
  await k(['run', 'before', '--image=chronokube/busybox:latest', '--image-pull-policy=Never', '--', 'sleep', '3600']);
  await k(['wait', '--for=condition=Ready', 'pod/before', '--timeout=60s']);
  const containersBefore = containersOn(node).filter((c) => c.startsWith('before/'));
  await first.stop();
  // Same data and port: the agent's connection breaks, and it must watch again on its own.
  const second = await startServer(['--port', first.port], first.dir);
  await k(['run', 'after', '--image=chronokube/busybox:latest', '--image-pull-policy=Never', '--', 'sleep', '3600']);
  await k(['wait', '--for=condition=Ready', 'pod/after', '--timeout=90s']);
  expect(containersOn(node).filter((c) => c.startsWith('after/'))).toEqual(['after/POD running', 'after/after running']);
  // The pod from before is untouched: the same containers, no duplicates.
  expect(containersOn(node).filter((c) => c.startsWith('before/'))).toEqual(containersBefore);
  expect(await k(['get', 'pod', 'before', '-o', 'jsonpath={.status.containerStatuses[0].restartCount}'])).toBe('0');
  agent.child.kill('SIGTERM');
  expect((await agent.exited).code).toBe(0);
  await second.stop();
});

it('with a routable service range, pods reach a Service by its ClusterIP through the iptables rules, their own included', async () => {
  const server = await startServer(['--service-cluster-ip-range', '10.211.0.0/24']);
  const k = (args: string[]) => kubectl(server.kubeconfig, args);
  const agent = launch(['agent', '--name', node, '--data', server.dir, '--proxy-mode', 'iptables']);
  const [ready] = await agent.waitForLine(/^chronokube agent: .*$/);
  expect(ready).toContain('kube-proxy iptables');
  await k(['create', 'deployment', 'web', '--image=chronokube/busybox:latest', '--', 'httpd', '-f', '-p', '8080', '-h', '/www']);
  await k(['expose', 'deployment', 'web', '--port=80', '--target-port=8080']);
  expect(await k(['rollout', 'status', 'deployment/web', '--timeout=60s'])).toContain('successfully rolled out');
  const web = (await k(['get', 'service', 'web', '-o', 'jsonpath={.spec.clusterIP}'])).trim();
  expect(web).toMatch(/^10\.211\.0\.\d+$/);
  await until('the Endpoints of web', async () => ((await k(['get', 'endpoints', 'web', '-o', 'jsonpath={.subsets[0].addresses[0].ip}'])).trim() || undefined));
  // (busybox-static's wget crashes in getaddrinfo, so the client speaks HTTP through nc. Only a Service with
  // endpoints is asked: a connection the rules missed would leave the machine by its default route.)
  await k(['run', 'client', '--image=chronokube/busybox:latest', '--image-pull-policy=Never', '--restart=Never', '--',
    'sh', '-c', `printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 10 ${web} 80`]);
  await until('the client pod Succeeded', async () =>
    ((await k(['get', 'pod', 'client', '-o', 'jsonpath={.status.phase}'])).trim() === 'Succeeded' ? true : undefined));
  const logs = await k(['logs', 'client']);
  expect(logs).toMatch(/^HTTP\/1\.1 200 OK/);
  expect(logs).toContain('chronokube');
  // A pod reaching its own Service lands on itself (hairpin): masqueraded, or it would answer itself and drop it.
  await k(['create', 'service', 'clusterip', 'self', '--tcp=80:8080']);
  const self = (await k(['get', 'service', 'self', '-o', 'jsonpath={.spec.clusterIP}'])).trim();
  await k(['run', 'self', '--labels=app=self', '--image=chronokube/busybox:latest', '--image-pull-policy=Never', '--',
    'sh', '-c', `httpd -p 8080 -h /www; for i in $(seq 60); do if printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 ${self} 80 | grep -q chronokube; then echo hairpin-ok; break; fi; sleep 1; done; exec sleep 3600`]);
  await until('the pod reaching itself through its Service', async () => ((await k(['logs', 'self'])).includes('hairpin-ok') ? true : undefined), 40_000);
  agent.child.kill('SIGTERM');
  expect((await agent.exited).code).toBe(0);
  await server.stop();
});

it('runs a simulated node with --runtime sim', async () => {
  const server = await startServer();
  const agent = launch(['agent', '--name', 'sim-one', '--runtime', 'sim', '--data', server.dir, '--cpu', '3']);
  const [line] = await agent.waitForLine(/^chronokube agent: .*$/);
  expect(line).toBe('chronokube agent: node sim-one ready (sim)');
  expect(await kubectl(server.kubeconfig, ['get', 'node', 'sim-one', '-o', 'jsonpath={.status.capacity.cpu}'])).toBe('3');
  agent.child.kill('SIGTERM');
  expect((await agent.exited).code).toBe(0);
  await server.stop();
});

it.each([
  [['agent', '--runtime', 'podman'], "invalid --runtime 'podman'"],
  [['agent', '--name', 'Not_A_Node'], "invalid --name 'Not_A_Node'"],
])('%j is a usage error with one line', async (args, message) => {
  const exit = await run(args);
  expect(exit.code).toBe(2);
  expect(exit.stderr.trim().split('\n')).toHaveLength(1);
  expect(exit.stderr).toContain(message);
});

it('fails with one line when the server does not answer', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chronokube-agent-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'kubeconfig'), 'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n');
  const exit = await run(['agent', '--name', 'x', '--runtime', 'sim', '--data', dir]);
  expect(exit.code).toBe(1);
  expect(exit.stderr.trim()).toMatch(/^chronokube: the node agent did not start: connect ECONNREFUSED 127\.0\.0\.1:1$/);
});

it('without a Docker engine, says so in one line with how to get one', async () => {
  const server = await startServer();
  const agent = launch(['agent', '--name', 'no-docker', '--data', server.dir], { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
  const exit = await agent.exited;
  expect(exit.code).toBe(1);
  expect(exit.stderr.trim().split('\n')).toHaveLength(1);
  expect(exit.stderr.trim()).toMatch(/^chronokube: the node agent did not start: no Docker engine answers on \/nonexistent\/docker\.sock .*bash scripts\/docker-host\.sh.*, or use --runtime sim$/);
  await server.stop();
});

it('fails with one line when the kubeconfig is missing', async () => {
  const exit = await run(['agent', '--name', 'x', '--kubeconfig', '/nonexistent/kubeconfig']);
  expect(exit.code).toBe(1);
  expect(exit.stderr.trim()).toBe('chronokube: cannot read kubeconfig /nonexistent/kubeconfig: ENOENT');
});
