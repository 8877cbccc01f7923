import { ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Repository root: the launcher runs from here, as `npx chronokube` would. */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');
const BIN = path.join(REPO_ROOT, 'bin/chronokube.js');

/** How a launched process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A `chronokube` child process with its output captured as it arrives. */
export interface Launched {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout line matching `pattern`; rejects if the process exits first. */
  waitForLine(pattern: RegExp): Promise<RegExpMatchArray>;
  /** Resolves when the process has exited (already, or later). */
  readonly exited: Promise<Exit>;
}

const running = new Set<Launched>();

/**
 * Starts the real launcher (`node bin/chronokube.js ...args`) from the repo
 * root, exactly as a user would. Every launched process is tracked so that
 * {@link killAll} can clean up after a failing test.
 */
export function launch(args: string[], extraEnv: Record<string, string> = {}): Launched {
  // The launcher's defaults are under test, so a developer's gRPC log setting must not leak in.
  const { GRPC_VERBOSITY, GRPC_NODE_VERBOSITY, EVENTSTORE_URL, ...inherited } = process.env;
  const env = { ...inherited, ...extraEnv };
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  // 'close' rather than 'exit': it fires after the pipes are drained, so output is complete.
  const exited = new Promise<Exit>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout: out, stderr: err })),
  );
  const launched: Launched = {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForLine(pattern) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          for (const line of out.split('\n').slice(0, -1)) {
            const match = line.match(pattern);
            if (match) {
              child.stdout!.off('data', check);
              resolve(match);
              return true;
            }
          }
          return false;
        };
        if (check()) return;
        child.stdout!.on('data', check);
        void exited.then((exit) => {
          if (!check()) {
            reject(new Error(`exited (${exit.code ?? exit.signal}) before printing ${pattern}:\n${exit.stdout}${exit.stderr}`));
          }
        });
      });
    },
  };
  running.add(launched);
  void exited.then(() => running.delete(launched));
  return launched;
}

/** Runs the launcher to completion (for commands that do not serve). */
export function run(args: string[]): Promise<Exit> {
  return launch(args).exited;
}

/** SIGKILLs whatever a test left running and waits until it is gone. */
export async function killAll(): Promise<void> {
  const left = [...running];
  for (const l of left) l.child.kill('SIGKILL');
  await Promise.all(left.map((l) => l.exited));
}

/**
 * The ready line of `chronokube eventstore`: the connection string without
 * its password (1), the credentials file (2) and the store's directory (3).
 */
export const STORE_READY = /^eventstore listening on (esdb:\/\/\S+) \(credentials: (.+), data: (.+)\)$/;

/** The usable connection string: the printed one with the credentials file's `user:password` put in. */
export function withCredentials(shownUrl: string, credentialsFile: string): string {
  const userInfo = fs.readFileSync(credentialsFile, 'utf8').trim();
  return shownUrl.replace('://', `://${userInfo}@`);
}

/** SIGTERMs a launched process and resolves with its exit code once it ended. */
export async function stopLaunched(proc: Launched): Promise<number | null> {
  proc.child.kill('SIGTERM');
  return (await proc.exited).code;
}

/** Runs /usr/bin/kubectl with one kubeconfig (and nothing else of the caller's environment but PATH). */
export function kubectlWith(kubeconfig: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('/usr/bin/kubectl', args, { env: { PATH: process.env.PATH ?? '', HOME: path.dirname(kubeconfig), KUBECONFIG: kubeconfig }, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}
