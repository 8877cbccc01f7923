/**
 * The web UI is built where a newcomer does not have to think of it: by
 * the root postinstall after `npm ci` (scripts/postinstall.js) and again by
 * `chronokube web` when apps/web/out is missing or older than its sources
 * (an edit, a pull). A checkout without apps/web has nothing to build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { CliError, oneLine } from '../errors';

/** The repository root, from this source file (the CLI runs from the repository). */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** The workspace that builds the UI, and what it builds (a static export). */
export const WEB_WORKSPACE = '@chronokube/web';

/** Folders that are build output or dependencies, never sources. */
const NOT_SOURCES = new Set(['out', '.next', 'node_modules', '.turbo']);

/** absent: no apps/web; fresh: out/ is newer than every source; stale: it must be (re)built. */
export type WebBuildState = 'absent' | 'fresh' | 'stale';

/** The newest modification time (ms) of a source file under `dir`; tests (*.spec.*) do not count. */
export function newestSourceTime(dir: string): number {
  let newest = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!NOT_SOURCES.has(e.name)) newest = Math.max(newest, newestSourceTime(full));
    } else if (e.isFile() && !/\.spec\.[cm]?[jt]sx?$/.test(e.name)) {
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

/**
 * Whether the UI under `root` needs building. The built page out/index.html
 * stands for the build; the sources are apps/web and libs/core/src, which
 * the UI bundles (transpilePackages).
 */
export function webBuildState(root: string): WebBuildState {
  const web = path.join(root, 'apps', 'web');
  if (!fs.existsSync(path.join(web, 'package.json'))) return 'absent';
  let built: number;
  try {
    built = fs.statSync(path.join(web, 'out', 'index.html')).mtimeMs;
  } catch {
    return 'stale';
  }
  const sources = Math.max(newestSourceTime(web), newestSourceTime(path.join(root, 'libs', 'core', 'src')));
  return sources > built ? 'stale' : 'fresh';
}

/** Runs `npm run build -w @chronokube/web`; resolves undefined on success, else its failure in one line. */
export function runWebBuild(root: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const child = spawn(npm, ['run', 'build', '-w', WEB_WORKSPACE], {
      cwd: root,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (d: Buffer): void => {
      output = (output + d.toString('utf8')).slice(-8192);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (err) => resolve(oneLine(err)));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(undefined);
      // npm's own trailer ("npm error ...") says less than the build's last words before it.
      const lines = output.split('\n').map((l) => l.trim()).filter((l) => l && !/^npm (error|ERR!)/.test(l));
      resolve(`${WEB_WORKSPACE} build exited ${code ?? signal}${lines.length ? `: ${lines[lines.length - 1]}` : ''}`);
    });
  });
}

export interface EnsureWebOptions {
  root?: string;
  /** The build; injectable so tests need not run Next. */
  build?: (root: string) => Promise<string | undefined>;
}

/**
 * Builds the UI when it is missing or stale, with one progress line to
 * `log`; does nothing when it is fresh or there is no apps/web. Throws a
 * one-line CliError when the build fails. Returns what it found.
 */
export async function ensureWebBuilt(log: (line: string) => void, opts: EnsureWebOptions = {}): Promise<WebBuildState> {
  const root = opts.root ?? REPO_ROOT;
  const state = webBuildState(root);
  if (state !== 'stale') return state;
  log('building the web UI (apps/web, next build; once after install or a change, about a minute)');
  const failure = await (opts.build ?? runWebBuild)(root);
  if (failure !== undefined) throw new CliError(`could not build the web UI (${failure})`, 1);
  if (webBuildState(root) !== 'fresh') throw new CliError(`could not build the web UI (the build left no ${path.join('apps', 'web', 'out', 'index.html')})`, 1);
  return state;
}
