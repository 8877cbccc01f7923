/**
 * `up`'s Docker set-up against the real engine and a real bash: where an
 * engine answers with the image (scripts/docker-host.sh ran, as every
 * Docker test makes sure), nothing is rerun; a failing script is reported
 * by its last line. The machine's dockerd is never stopped or restarted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { DOCKER_HOST_SCRIPT, ensureDockerHost, realDockerHostDeps } from './docker-host';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

beforeAll(() => {
  execFileSync('bash', [DOCKER_HOST_SCRIPT], { stdio: 'inherit' });
}, 120_000);

it('does not rerun the script when Docker already answers with the image', async () => {
  const lines: string[] = [];
  let runs = 0;
  const deps = { ...realDockerHostDeps((l) => lines.push(l), '/var/run/docker.sock'), runScript: async () => void runs++ };
  expect(await deps.engineAnswers()).toBe(true);
  expect(await ensureDockerHost(deps)).toBe('ready');
  expect(runs).toBe(0);
  expect(lines).toEqual([]);
});

it('runs the script with bash and reports its last stderr line when it fails', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chronokube-dockerhost-'));
  dirs.push(dir);
  const script = path.join(dir, 'fails.sh');
  fs.writeFileSync(script, 'echo "docker-host: first" >&2\necho "docker-host: no engine for you" >&2\nexit 3\n');
  const lines: string[] = [];
  // A socket nobody listens on: no engine answers there.
  const deps = { ...realDockerHostDeps((l) => lines.push(l), path.join(dir, 'none.sock'), script), isRoot: () => true };
  expect(await deps.engineAnswers()).toBe(false);
  expect(await ensureDockerHost(deps)).toBe('failed');
  expect(lines).toEqual([expect.stringMatching(/^starting Docker/), 'scripts/docker-host.sh failed: docker-host: no engine for you']);
});
