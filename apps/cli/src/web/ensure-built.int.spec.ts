/**
 * The web build hook for real: the root postinstall script (plain node, as
 * npm runs it) and `npm run build -w @chronokube/web`, in a copy of the
 * repository's hook files whose apps/web is a tiny stand-in workspace
 * (no Next): a failed build never fails the install, a good one leaves
 * apps/web/out, and a fresh one is not rebuilt.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { REPO_ROOT, runWebBuild } from './ensure-built';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

/** A repository holding the hook's files and an apps/web whose build runs `script`. */
function fakeRepo(script: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chronokube-postinstall-'));
  roots.push(root);
  const copy = (rel: string): void => fs.cpSync(path.join(REPO_ROOT, rel), path.join(root, rel), { recursive: true });
  ['scripts/postinstall.js', 'tools', 'apps/cli/src/web/ensure-built.ts', 'apps/cli/src/errors.ts'].forEach(copy);
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'));
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'fake', private: true, workspaces: ['apps/web'] }));
  fs.mkdirSync(path.join(root, 'apps/web'), { recursive: true });
  fs.writeFileSync(path.join(root, 'apps/web/build.js'), script);
  fs.writeFileSync(path.join(root, 'apps/web/package.json'), JSON.stringify({ name: '@chronokube/web', private: true, scripts: { build: 'node build.js' } }));
  return root;
}

const GOOD = "require('fs').mkdirSync('out', { recursive: true }); require('fs').writeFileSync('out/index.html', '<html></html>');";
const BAD = "console.error('Type error: boom'); process.exit(1);";

function postinstall(root: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'scripts/postinstall.js')], { cwd: root, timeout: 60_000 }, (err, _stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stderr: String(stderr) });
    });
  });
}

it('runWebBuild runs the workspace build and reports its last words on failure', async () => {
  expect(await runWebBuild(fakeRepo(BAD))).toBe('@chronokube/web build exited 1: Type error: boom');
  const good = fakeRepo(GOOD);
  expect(await runWebBuild(good)).toBeUndefined();
  expect(fs.existsSync(path.join(good, 'apps/web/out/index.html'))).toBe(true);
}, 60_000);

it('postinstall never fails the install, builds once, and says so in one line', async () => {
  const bad = await postinstall(fakeRepo(BAD));
  expect(bad.code).toBe(0);
  expect(bad.stderr.trim().split('\n')).toEqual([
    expect.stringMatching(/^chronokube: building the web UI/),
    'chronokube: could not build the web UI (@chronokube/web build exited 1: Type error: boom); `chronokube web` will try again',
  ]);
  const root = fakeRepo(GOOD);
  const first = await postinstall(root);
  expect(first).toEqual({ code: 0, stderr: expect.stringMatching(/^chronokube: building the web UI[^\n]*\n$/) });
  expect(fs.existsSync(path.join(root, 'apps/web/out/index.html'))).toBe(true);
  expect(await postinstall(root)).toEqual({ code: 0, stderr: '' });
}, 60_000);
