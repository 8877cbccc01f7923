/** `chronokube sim` from the outside: its ready line, the nodes it registers, its usage errors. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { killAll, launch, run } from './testing/launch';

const dirs: string[] = [];
afterAll(async () => {
  await killAll();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function kubectl(kubeconfig: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/kubectl', args, { env: { PATH: process.env.PATH ?? '', HOME: path.dirname(kubeconfig), KUBECONFIG: kubeconfig } }, (err, stdout, stderr) =>
      err ? reject(new Error(String(stderr))) : resolve(String(stdout)));
  });
}

it('registers N Ready nodes against the server in DIR/kubeconfig and says so in one line', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chronokube-sim-'));
  dirs.push(dir);
  const server = launch(['server', '--data', dir, '--port', '0', '--eventstore-port', '0']);
  await server.waitForLine(/^chronokube server listening on /);
  const sim = launch(['sim', '--nodes', '3', '--data', dir, '--prefix', 'n-', '--cpu', '2', '--memory', '4Gi']);
  const [line] = await sim.waitForLine(/^chronokube sim: .*$/);
  expect(line).toBe('chronokube sim: 3 nodes ready (n-0 .. n-2)');
  const nodes = await kubectl(path.join(dir, 'kubeconfig'), ['get', 'nodes', '--no-headers']);
  expect(nodes.trim().split('\n').map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual(['n-0 Ready', 'n-1 Ready', 'n-2 Ready']);
  const cpu = await kubectl(path.join(dir, 'kubeconfig'), ['get', 'node', 'n-1', '-o', 'jsonpath={.status.allocatable.cpu}']);
  expect(cpu).toBe('2');
  sim.child.kill('SIGTERM');
  expect((await sim.exited).code).toBe(0);
  server.child.kill('SIGTERM');
  expect((await server.exited).code).toBe(0);
});

it('a --scheduler-config profile takes effect: MostAllocated packs pods onto one node', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chronokube-sim-'));
  dirs.push(dir);
  const profile = path.join(dir, 'profile.yaml');
  fs.writeFileSync(profile, 'scoringStrategy: MostAllocated\nscores:\n  NodeResourcesFit: 1\n');
  const server = launch(['server', '--data', dir, '--port', '0', '--eventstore-port', '0', '--scheduler-config', profile]);
  await server.waitForLine(/^chronokube server listening on /);
  const sim = launch(['sim', '--nodes', '3', '--data', dir, '--prefix', 'pack-']);
  await sim.waitForLine(/^chronokube sim: 3 nodes ready/);
  const kubeconfig = path.join(dir, 'kubeconfig');
  await kubectl(kubeconfig, ['create', 'deployment', 'packed', '--image=busybox:1.36', '--replicas=4']);
  await kubectl(kubeconfig, ['set', 'resources', 'deployment/packed', '--requests=cpu=500m']);
  await kubectl(kubeconfig, ['rollout', 'status', 'deployment/packed', '--timeout=60s']);
  const nodes = (await kubectl(kubeconfig, ['get', 'pods', '-l', 'app=packed', '-o', 'jsonpath={.items[*].spec.nodeName}'])).split(' ');
  expect(nodes).toHaveLength(4);
  // The default LeastAllocated profile would spread 4 pods over 3 empty nodes.
  expect(new Set(nodes).size).toBe(1);
  sim.child.kill('SIGTERM');
  await sim.exited;
  server.child.kill('SIGTERM');
  await server.exited;
});

it.each([
  [['sim'], 'missing --nodes'],
  [['sim', '--nodes', '0'], "invalid --nodes '0'"],
  [['sim', '--nodes', '2', '--ready-delay', 'soon'], "invalid --ready-delay 'soon'"],
])('%j is a usage error with one line', async (args, message) => {
  const exit = await run(args);
  expect(exit.code).toBe(2);
  expect(exit.stderr.trim().split('\n')).toHaveLength(1);
  expect(exit.stderr).toContain(message);
});

it('fails with one line when the kubeconfig is missing', async () => {
  const exit = await run(['sim', '--nodes', '1', '--kubeconfig', '/nonexistent/kubeconfig']);
  expect(exit.code).toBe(1);
  expect(exit.stderr.trim()).toBe('chronokube: cannot read kubeconfig /nonexistent/kubeconfig: ENOENT');
});
