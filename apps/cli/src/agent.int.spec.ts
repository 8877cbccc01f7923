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
import { killAll, launch, run } from './testing/launch';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const dirs: string[] = [];
const node = `cli-agent-${process.pid}`;

beforeAll(() => {
  execFileSync('bash', [path.join(REPO_ROOT, 'scripts/docker-host.sh')], { stdio: 'inherit' });
}, 120_000);

afterAll(async () => {
  await killAll();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  const ids = execFileSync('docker', ['ps', '-aq', '--filter', `label=chronokube.node=${node}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  if (ids.length) execFileSync('docker', ['rm', '-f', ...ids]);
});

function kubectl(kubeconfig: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/kubectl', args, { env: { PATH: process.env.PATH ?? '', HOME: path.dirname(kubeconfig), KUBECONFIG: kubeconfig } }, (err, stdout, stderr) =>
      err ? reject(new Error(String(stderr))) : resolve(String(stdout)));
  });
}

async function startServer(): Promise<{ dir: string; kubeconfig: string; eventstore: string; stop(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chronokube-agent-'));
  dirs.push(dir);
  const server = launch(['server', '--data', dir, '--port', '0', '--eventstore-port', '0']);
  const [, eventstore] = await server.waitForLine(/^ {2}eventstore {2}(\S+)/);
  return {
    dir,
    eventstore,
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

it('fails with one line when the kubeconfig is missing', async () => {
  const exit = await run(['agent', '--name', 'x', '--kubeconfig', '/nonexistent/kubeconfig']);
  expect(exit.code).toBe(1);
  expect(exit.stderr.trim()).toBe('chronokube: cannot read kubeconfig /nonexistent/kubeconfig: ENOENT');
});
