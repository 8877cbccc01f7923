import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { onCleanup, terminate } from './cleanup';

/** The etcd binary to use, or why the baseline cannot run. */
export type EtcdAvailability = { binary: string; version: string } | { skipped: string };

/** A running etcd on loopback, with its own temp data dir. */
export interface EtcdProcess {
  /** Client URL, e.g. http://127.0.0.1:40123 */
  readonly endpoint: string;
  /** Kills etcd and removes its data dir. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Finds etcd on PATH; if missing and running as root, installs Debian's
 * `etcd-server` (3.4 on bookworm) with apt-get. Never throws: a failure
 * becomes `{ skipped: reason }` so the rest of the bench still runs.
 */
export async function ensureEtcd(): Promise<EtcdAvailability> {
  let binary = findOnPath('etcd');
  if (!binary) {
    if (process.getuid?.() !== 0) {
      return { skipped: 'etcd is not on PATH and we are not root to apt-get install etcd-server' };
    }
    console.error('etcd not found: installing Debian etcd-server with apt-get (baseline)...');
    // Noninteractive: no prompt may block the bench.
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [['update'], ['install', '-y', 'etcd-server']]) {
      const result = await run('apt-get', args, env, 240_000);
      if (result.code !== 0) return { skipped: `apt-get ${args[0]} failed (${result.code}): ${lastLine(result.output)}` };
    }
    binary = findOnPath('etcd');
    if (!binary) return { skipped: 'apt-get installed etcd-server but no etcd binary is on PATH' };
  }
  const version = await run(binary, ['--version'], process.env, 10_000);
  const match = /etcd Version:\s*(\S+)/.exec(version.output);
  return { binary, version: match ? match[1] : 'unknown' };
}

/**
 * Starts etcd on 127.0.0.1 (free client and peer ports, fresh temp data
 * dir) and resolves once /health answers true. Polls; never just sleeps.
 * stop() is also registered with runCleanup(); a process 'exit' hook
 * kills it as a last resort.
 */
export async function startEtcd(binary: string): Promise<EtcdProcess> {
  // Free ports are picked before etcd binds them; a lost race is retried.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startEtcdOnce(binary);
    } catch (err) {
      if (attempt >= 3) throw err;
      console.error(`etcd start failed, retrying: ${(err as Error).message}`);
    }
  }
}

async function startEtcdOnce(binary: string): Promise<EtcdProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chronokube-bench-etcd-'));
  const [clientPort, peerPort] = await freePorts(2);
  const endpoint = `http://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  // ETCD_* variables would silently override flags: keep only ours.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('ETCD_')));
  const child = spawn(
    binary,
    [
      '--name=default',
      `--data-dir=${dataDir}`,
      `--listen-client-urls=${endpoint}`,
      `--advertise-client-urls=${endpoint}`,
      `--listen-peer-urls=${peer}`,
      `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=default=${peer}`,
      '--initial-cluster-state=new',
      '--logger=zap',
      '--log-outputs=stderr',
      '--log-level=warn',
    ],
    { env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let tail = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);

  // Registered at once, so that SIGINT during startup also removes the dir.
  const stop = onCleanup(async () => {
    process.off('exit', killOnExit);
    await terminate(child, exited);
    rmSync(dataDir, { recursive: true, force: true });
  });

  try {
    await waitHealthy(endpoint, exited, 30_000);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}; etcd said: ${lastLine(tail)}`);
  }
  return { endpoint, stop };
}

/** Polls /health until etcd reports healthy; fails early if etcd exits. */
async function waitHealthy(endpoint: string, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`etcd exited with code ${exitCode} before becoming ready`);
    try {
      const res = await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(1000) });
      const body = (await res.json()) as { health?: string };
      if (res.ok && body.health === 'true') return;
    } catch {
      // Not listening yet: poll again.
    }
    await sleep(100);
  }
  throw new Error(`etcd not healthy at ${endpoint} after ${timeoutMs} ms`);
}

/** Reserves `n` distinct free loopback ports (held together so they differ), then releases them. */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const s = createServer();
          s.once('error', reject);
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

/** Runs a command to completion, capturing stdout+stderr; a timeout kills it (code null). */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8000);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('error', (err) => resolve({ code: -1, output: err.message }));
    child.once('close', (code) => resolve({ code, output }));
  });
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return lines[lines.length - 1] ?? '';
}
