import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ownChild } from '../eventstore/cleanup';
import type { ApiEndpoint } from './client';

const LAUNCHER = join(__dirname, '..', '..', 'bin', 'chronokube.js');
/**
 * The ready line and the store line after it; groups: API URL, store
 * connection string without its password, the file holding `user:password`.
 */
const READY = /chronokube server listening on (https:\/\/\S+) \(data: .+\)\n\s+eventstore\s+(esdb:\/\/\S+) \(credentials: (.+)\)\n/;
const READY_TIMEOUT_MS = 60_000;
/** Server output lines kept for the report; a flood of log lines must not grow without bound. */
const MAX_LOG_LINES = 200;
/**
 * Extra node flags for the server process, space-separated, e.g.
 * "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it under this load
 * (node refuses --cpu-prof in NODE_OPTIONS).
 */
const SERVER_NODE_ARGS_ENV = 'BENCH_SERVER_NODE_ARGS';

/** A running `chronokube server` child process. */
export interface ApiServer {
  endpoint: ApiEndpoint;
  /** Connection string of its embedded store, for the baseline. */
  eventstore: string;
  pid: number;
  /** What the server printed after its ready lines (stdout and stderr), first lines only. */
  log(): { lines: string[]; dropped: number };
  /** SIGTERM, SIGKILL after 5 s; resolves once it exited. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts `bin/chronokube.js server` on free ports over `dataDir` as its own
 * process, so its CPU is not the load generator's, and resolves once it
 * prints its ready lines, with the CA and admin token it wrote. Stopping is
 * registered with runCleanup() before anything can fail, so an error or
 * Ctrl-C during startup also ends it; a process 'exit' hook SIGKILLs it as
 * a last resort.
 */
export async function startApiServer(dataDir: string, extraArgs: string[] = []): Promise<ApiServer> {
  const nodeArgs = (process.env[SERVER_NODE_ARGS_ENV] ?? '').split(' ').filter(Boolean);
  const child = spawn(
    process.execPath,
    [...nodeArgs, LAUNCHER, 'server', '--data', dataDir, '--port', '0', '--eventstore-port', '0', ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const { stop } = ownChild(child);

  // Before the ready lines, stdout is parsed and stderr kept for a failure message.
  const startup = { stdout: '', stderr: '' };
  let ready = false;
  const lines: string[] = [];
  let dropped = 0;
  const keep = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    if (!ready) {
      startup[stream] = (startup[stream] + chunk.toString()).slice(-8000);
      return;
    }
    for (const line of chunk.toString().split('\n')) {
      if (line.trim() === '') continue;
      if (lines.length < MAX_LOG_LINES) lines.push(`${stream}: ${line}`);
      else dropped++;
    }
  };
  child.stdout!.on('data', keep('stdout'));
  child.stderr!.on('data', keep('stderr'));

  try {
    const match = await new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
      const poll = () => {
        const m = READY.exec(startup.stdout);
        if (!m) return;
        clearTimeout(timer);
        child.stdout!.off('data', poll);
        child.off('exit', onExit);
        resolve(m);
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        clearTimeout(timer);
        reject(new Error(`exited (${signal ?? `code ${code}`}) before it was ready`));
      };
      // Registered after `keep`, so it sees the chunk already appended.
      child.stdout!.on('data', poll);
      child.once('exit', onExit);
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    ready = true;
    const endpoint: ApiEndpoint = {
      url: match[1],
      caPem: readFileSync(join(dataDir, 'pki', 'ca.crt'), 'utf8'),
      token: adminToken(readFileSync(join(dataDir, 'tokens.csv'), 'utf8')),
    };
    const eventstore = match[2].replace('://', `://${readFileSync(match[3], 'utf8').trim()}@`);
    return { endpoint, eventstore, pid: child.pid!, log: () => ({ lines: [...lines], dropped }), stop };
  } catch (err) {
    await stop();
    throw new Error(`chronokube server: ${(err as Error).message}; stdout: ${startup.stdout.trim()}; stderr: ${startup.stderr.trim()}`);
  }
}

/** The token of the first entry of a kube-apiserver token file (token,user,uid,"groups"). */
function adminToken(csv: string): string {
  const line = csv.split('\n').find((l) => l.trim() !== '' && !l.startsWith('#'));
  const token = line?.split(',')[0].trim();
  if (!token) throw new Error('no token in tokens.csv');
  return token;
}
