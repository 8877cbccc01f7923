/**
 * What `chronokube up` does about Docker before starting its node agent:
 * when no engine answers or the busybox image is missing, and it can fix
 * that (as root, or the engine answers already), it runs
 * scripts/docker-host.sh, as `npm test` does, with one progress line. When
 * it cannot, or the script fails, it says so and leaves the agent to fall
 * back to a simulated node with its own notice. It never stops or restarts
 * an engine that answers.
 */
import http from 'node:http';
import path from 'node:path';
import { spawn } from 'node:child_process';

/** The image the node agent's pod sandboxes use (kubelet.ts), made by the script. */
export const SANDBOX_IMAGE = 'chronokube/busybox:latest';

/** scripts/docker-host.sh, from this source file (the CLI runs from the repository). */
export const DOCKER_HOST_SCRIPT = path.resolve(__dirname, '../../../../scripts/docker-host.sh');

export interface DockerHostDeps {
  /** True when a Docker engine answers. */
  engineAnswers(): Promise<boolean>;
  /** True when the engine holds `image`. */
  imagePresent(image: string): Promise<boolean>;
  isRoot(): boolean;
  /** Runs scripts/docker-host.sh; resolves with its failure as one line, or undefined on success. */
  runScript(): Promise<string | undefined>;
  log(line: string): void;
}

/** ready: nothing to do; prepared: the script ran and succeeded; needs-root / failed: the agent will fall back. */
export type DockerHostOutcome = 'ready' | 'prepared' | 'needs-root' | 'failed';

/** Brings the engine and the sandbox image up when it can; never throws for Docker's sake. */
export async function ensureDockerHost(deps: DockerHostDeps): Promise<DockerHostOutcome> {
  const engine = await deps.engineAnswers();
  if (engine && (await deps.imagePresent(SANDBOX_IMAGE))) return 'ready';
  // Without an engine only root can start one; with one, the script only builds the image.
  if (!engine && !deps.isRoot()) return 'needs-root';
  deps.log(engine
    ? `making the ${SANDBOX_IMAGE} image (scripts/docker-host.sh)`
    : 'starting Docker for the node agent (scripts/docker-host.sh; the first time it installs docker.io, which takes a minute)');
  const failure = await deps.runScript();
  if (failure === undefined) return 'prepared';
  deps.log(`scripts/docker-host.sh failed: ${failure}`);
  return 'failed';
}

/** The engine's unix socket, as the agent's DockerRuntime picks it; undefined for a non-unix DOCKER_HOST. */
export function dockerSocketPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const host = env.DOCKER_HOST;
  if (!host) return '/var/run/docker.sock';
  return host.startsWith('unix://') ? host.slice('unix://'.length) : undefined;
}

function dockerGet(socketPath: string, urlPath: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ socketPath, path: urlPath, timeout: 5000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
  });
}

/** Runs the script, keeping its stderr to report the last line when it fails. */
function runDockerHostScript(script: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn('bash', [script], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-4096)));
    child.on('error', (err) => resolve(err.message));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(undefined);
      const last = stderr.trim().split('\n').pop()?.trim();
      resolve(last || `exit ${code ?? signal}`);
    });
  });
}

/** The real dependencies: the engine's HTTP API on its socket, the uid, bash. */
export function realDockerHostDeps(log: (line: string) => void, socketPath: string, script = DOCKER_HOST_SCRIPT): DockerHostDeps {
  return {
    engineAnswers: async () => (await dockerGet(socketPath, '/_ping')) === 200,
    imagePresent: async (image) => (await dockerGet(socketPath, `/images/${encodeURIComponent(image)}/json`)) === 200,
    isRoot: () => process.getuid?.() === 0,
    runScript: () => runDockerHostScript(script),
    log,
  };
}
