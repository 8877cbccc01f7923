/**
 * The built dashboard (a Next.js static export) as files: the path a URL
 * names, the way `next export` lays pages out (`/workloads/` is
 * `workloads/index.html`), never a file outside the directory.
 */
import fs from 'node:fs';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json',
};

export interface StaticFile {
  file: string;
  contentType: string;
  /** Hashed build assets never change under their name; pages may. */
  immutable: boolean;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The file `urlPath` names under `root`, or undefined. Tries the path as
 * is, then `index.html` inside it, then `.html` after it. A path that
 * escapes `root` (`..`, encoded or not) or holds a NUL names nothing.
 */
export function resolveStatic(root: string, urlPath: string): StaticFile | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const base = path.resolve(root);
  const target = path.resolve(base, `.${path.posix.normalize(`/${decoded}`)}`);
  if (target !== base && !target.startsWith(base + path.sep)) return undefined;
  for (const candidate of [target, path.join(target, 'index.html'), `${target}.html`]) {
    if (candidate.startsWith(base) && isFile(candidate)) {
      return {
        file: candidate,
        contentType: TYPES[path.extname(candidate).toLowerCase()] ?? 'application/octet-stream',
        immutable: candidate.includes(`${path.sep}_next${path.sep}static${path.sep}`),
      };
    }
  }
  return undefined;
}
