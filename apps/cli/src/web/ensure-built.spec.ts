import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CliError } from '../errors';
import { ensureWebBuilt, newestSourceTime, webBuildState } from './ensure-built';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

/** A repository in a temp dir: files given relative to it, each with its mtime in seconds. */
function repo(files: Record<string, number>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chronokube-web-'));
  roots.push(root);
  for (const [rel, mtime] of Object.entries(files)) touch(root, rel, mtime);
  return root;
}

function touch(root: string, rel: string, mtime: number): void {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, rel);
  fs.utimesSync(file, mtime, mtime);
}

describe('webBuildState', () => {
  it('is absent without apps/web, whatever else exists', () => {
    expect(webBuildState(repo({ 'libs/core/src/a.ts': 100 }))).toBe('absent');
  });

  it('is stale when out/index.html is missing', () => {
    expect(webBuildState(repo({ 'apps/web/package.json': 100, 'apps/web/app/page.tsx': 100, 'apps/web/out/other.html': 200 }))).toBe('stale');
  });

  it('is fresh when the build is newer than every source, stale once one changes', () => {
    const root = repo({ 'apps/web/package.json': 100, 'apps/web/app/page.tsx': 150, 'libs/core/src/state.ts': 120, 'apps/web/out/index.html': 200 });
    expect(webBuildState(root)).toBe('fresh');
    touch(root, 'apps/web/app/page.tsx', 300);
    expect(webBuildState(root)).toBe('stale');
    touch(root, 'apps/web/out/index.html', 400);
    expect(webBuildState(root)).toBe('fresh');
    // libs/core is bundled into the UI: a change there is a change of the UI.
    touch(root, 'libs/core/src/state.ts', 500);
    expect(webBuildState(root)).toBe('stale');
  });

  it('ignores build output, dependencies and tests', () => {
    const root = repo({
      'apps/web/package.json': 100, 'apps/web/out/index.html': 200,
      'apps/web/.next/cache/x.js': 900, 'apps/web/node_modules/dep/index.js': 900, 'apps/web/app/page.spec.tsx': 900, 'libs/core/src/a.spec.ts': 900,
    });
    expect(webBuildState(root)).toBe('fresh');
    expect(newestSourceTime(path.join(root, 'apps/web')) / 1000).toBe(100);
  });
});

describe('ensureWebBuilt', () => {
  it('does nothing when there is nothing to build or the build is fresh', async () => {
    const lines: string[] = [];
    const build = jest.fn(async () => undefined);
    expect(await ensureWebBuilt((l) => lines.push(l), { root: repo({}), build })).toBe('absent');
    expect(await ensureWebBuilt((l) => lines.push(l), { root: repo({ 'apps/web/package.json': 1, 'apps/web/out/index.html': 2 }), build })).toBe('fresh');
    expect(build).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
  });

  it('builds a stale UI with one progress line', async () => {
    const root = repo({ 'apps/web/package.json': 100 });
    const lines: string[] = [];
    const build = jest.fn(async (r: string) => {
      touch(r, 'apps/web/out/index.html', 200);
      return undefined;
    });
    expect(await ensureWebBuilt((l) => lines.push(l), { root, build })).toBe('stale');
    expect(build).toHaveBeenCalledWith(root);
    expect(lines).toEqual([expect.stringMatching(/^building the web UI/)]);
    expect(webBuildState(root)).toBe('fresh');
  });

  it('throws a one-line CliError when the build fails or leaves no page', async () => {
    const root = repo({ 'apps/web/package.json': 100 });
    const failed = ensureWebBuilt(() => {}, { root, build: async () => '@chronokube/web build exited 1: Type error: x' });
    await expect(failed).rejects.toThrow(CliError);
    await expect(failed).rejects.toThrow('could not build the web UI (@chronokube/web build exited 1: Type error: x)');
    await expect(ensureWebBuilt(() => {}, { root, build: async () => undefined })).rejects.toThrow(/left no apps\/web\/out\/index.html/);
  });
});
