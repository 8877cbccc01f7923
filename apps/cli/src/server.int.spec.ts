/**
 * `chronokube server` from the outside: what it writes under --data, that
 * the real kubectl works with the kubeconfig it writes, that state survives
 * a restart, and its one-line failures.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { killAll, kubectlWith, launch, run, stopLaunched, STORE_READY, withCredentials, type Launched } from './testing/launch';

const READY = /^chronokube server listening on (https:\/\/127\.0\.0\.1:(\d+)) \(data: (.+)\)$/;
const dirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chronokube-server-'));
  dirs.push(dir);
  return dir;
}

async function startServer(dir: string, ...extra: string[]): Promise<{ proc: Launched; url: string; port: number }> {
  const proc = launch(['server', '--data', dir, '--port', '0', '--eventstore-port', '0', ...extra]);
  const [, url, port] = await proc.waitForLine(READY);
  return { proc, url, port: Number(port) };
}



afterAll(async () => {
  await killAll();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('chronokube server', () => {
  it('writes an admin kubeconfig and CA that the real kubectl uses over HTTPS, and keeps state across restarts', async () => {
    const dir = tempDir();
    const first = await startServer(dir);
    expect(first.proc.stdout()).toContain(`kubeconfig  ${path.join(dir, 'kubeconfig')}`);
    const kubeconfig = path.join(dir, 'kubeconfig');
    expect(fs.statSync(kubeconfig).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(dir, 'tokens.csv'), 'utf8')).toMatch(/^[\w-]+,admin,[0-9a-f-]{36},"system:masters"$/m);
    expect(fs.existsSync(path.join(dir, 'pki', 'ca.crt'))).toBe(true);
    const ns = await kubectlWith(kubeconfig, ['get', 'namespaces', '-o', 'name']);
    expect(ns.code).toBe(0);
    expect(ns.stdout.split('\n').filter(Boolean).sort()).toEqual(['namespace/default', 'namespace/kube-node-lease', 'namespace/kube-public', 'namespace/kube-system']);
    const nodes = await kubectlWith(kubeconfig, ['get', 'nodes']);
    expect(nodes).toMatchObject({ code: 0, stdout: '' });
    expect(nodes.stderr).toContain('No resources found');
    expect((await kubectlWith(kubeconfig, ['create', 'namespace', 'kept'])).code).toBe(0);
    expect(await stopLaunched(first.proc)).toBe(0);

    const second = await startServer(dir);
    const again = await kubectlWith(kubeconfig, ['get', 'namespace', 'kept', '-o', 'jsonpath={.status.phase}']);
    expect(again).toMatchObject({ code: 0, stdout: 'Active' });
    // The bootstrap namespaces are not created twice: four creations, one for "kept".
    expect(second.proc.stdout()).toContain(second.url);
    expect(await stopLaunched(second.proc)).toBe(0);
  });

  it('uses the store EVENTSTORE_URL names instead of starting one', async () => {
    const storeDir = tempDir();
    const store = launch(['eventstore', '--data', storeDir, '--port', '0']);
    const [, shown, credentialsFile] = await store.waitForLine(STORE_READY);
    const url = withCredentials(shown, credentialsFile);
    const dir = tempDir();
    const proc = launch(['server', '--data', dir, '--port', '0', '--eventstore-port', '0'], { EVENTSTORE_URL: url });
    await proc.waitForLine(READY);
    // Shown without the password.
    expect(proc.stdout()).toContain(`eventstore  ${shown}\n`);
    expect(fs.existsSync(path.join(dir, 'eventstore'))).toBe(false);
    expect((await kubectlWith(path.join(dir, 'kubeconfig'), ['create', 'namespace', 'remote'])).code).toBe(0);
    expect(await stopLaunched(proc)).toBe(0);
    // The namespace's events are in that store: a new server on it sees them, given the install's history key.
    const otherDir = tempDir();
    fs.copyFileSync(path.join(dir, 'history-key'), path.join(otherDir, 'history-key'));
    const again = launch(['server', '--data', otherDir, '--port', '0'], { EVENTSTORE_URL: url });
    await again.waitForLine(READY);
    const kubeconfig = path.join(again.stdout().match(/kubeconfig  (\S+)/)![1]);
    expect((await kubectlWith(kubeconfig, ['get', 'namespace', 'remote', '-o', 'name'])).stdout.trim()).toBe('namespace/remote');
    expect(await stopLaunched(again)).toBe(0);
    expect(await stopLaunched(store)).toBe(0);
  });

  it('serves plain HTTP only when asked with --insecure-http, and says kubectl will not send its token there', async () => {
    const dir = tempDir();
    const proc = launch(['server', '--data', dir, '--port', '0', '--eventstore-port', '0', '--insecure-http']);
    const [, url] = await proc.waitForLine(/^chronokube server listening on (http:\/\/127\.0\.0\.1:\d+) /);
    await proc.waitForLine(/^\s+kubeconfig /);
    expect(proc.stdout()).toContain('plain HTTP: kubectl will not send its token');
    expect(fs.existsSync(path.join(dir, 'pki'))).toBe(false);
    const token = fs.readFileSync(path.join(dir, 'tokens.csv'), 'utf8').split('\n').find((l) => l && !l.startsWith('#'))!.split(',')[0];
    const ok = await fetch(`${url}/api/v1/namespaces/default`, { headers: { Authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    const anonymous = await fetch(`${url}/api/v1/namespaces/default`);
    expect(anonymous.status).toBe(401);
    expect(await stopLaunched(proc)).toBe(0);
  });

  it('refuses a taken API port with one line and exit 1', async () => {
    const holder = await startServer(tempDir());
    const exit = await run(['server', '--data', tempDir(), '--port', String(holder.port), '--eventstore-port', '0']);
    expect(exit.code).toBe(1);
    const lines = exit.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(`chronokube: port ${holder.port} on 127.0.0.1 is already in use`);
    expect(await stopLaunched(holder.proc)).toBe(0);
  });

  it('refuses a scheduler profile naming an unknown plugin, with one line', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'profile.yaml');
    fs.writeFileSync(file, 'scores:\n  NodeResourcesFit: 1\n  NoSuchPlugin: 2\n');
    const exit = await run(['server', '--data', dir, '--port', '0', '--eventstore-port', '0', '--scheduler-config', file]);
    expect(exit.code).toBe(1);
    expect(exit.stderr.trim().split('\n')).toHaveLength(1);
    expect(exit.stderr).toContain(`invalid scheduler config ${file}`);
    expect(exit.stderr).toContain('NoSuchPlugin');
  });

  it('refuses a malformed token file with one line naming it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'tokens.csv');
    fs.writeFileSync(file, 'just-a-token\n');
    const exit = await run(['server', '--data', dir, '--port', '0', '--eventstore-port', '0', '--token-auth-file', file]);
    expect(exit.code).toBe(1);
    expect(exit.stderr.trim().split('\n')).toHaveLength(1);
    expect(exit.stderr).toContain(`${file} line 1: expected token,user,uid`);
  });
});
