/**
 * `chronokube web` as an operator runs it, in its own process (so its proxy
 * does not share an event loop with the load generator), on a free port,
 * against the server in DIR/kubeconfig.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ownChild } from '../eventstore/cleanup';

const LAUNCHER = join(__dirname, '..', '..', 'bin', 'chronokube.js');
/** It (re)builds the UI first when apps/web/out is older than its sources, which takes a while on 2 cores. */
const READY_TIMEOUT_MS = 300_000;
const READY = /chronokube web: dashboard on (http:\/\/\S+)/;

export interface WebProcess {
  url: string;
  stop(): Promise<void>;
}

export async function startWebProcess(dataDir: string): Promise<WebProcess> {
  const args = [LAUNCHER, 'web', '--kubeconfig', join(dataDir, 'kubeconfig'), '--host', '127.0.0.1', '--port', '0'];
  // BENCH_WEB_UI_DIR serves a given build as is (no staleness check, no rebuild).
  if (process.env.BENCH_WEB_UI_DIR) args.push('--ui-dir', process.env.BENCH_WEB_UI_DIR);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const { stop, exited } = ownChild(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
      const poll = () => {
        const m = READY.exec(output);
        if (!m) return;
        clearTimeout(timer);
        resolve(m[1]);
      };
      child.stdout!.on('data', poll);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error('exited before it was ready'));
      });
    });
    return { url, stop };
  } catch (err) {
    await stop();
    throw new Error(`chronokube web: ${(err as Error).message}; output: ${output.trim()}`);
  }
}
