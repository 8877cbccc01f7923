import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory under the OS temp dir and a function that removes it; for specs only. */
export function makeTempDir(prefix = 'chronokube-tls-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Whether an executable is on PATH (asked once per name and remembered). */
export function hasBinary(name: string): boolean {
  if (!(name in found)) {
    try {
      execFileSync('which', [name], { stdio: 'ignore' });
      found[name] = true;
    } catch {
      found[name] = false;
    }
  }
  return found[name];
}
const found: Record<string, boolean> = {};

/** Runs openssl and returns stdout; throws with its stderr when it fails, so the assertion shows why. */
export function openssl(args: string[], input?: Buffer): string {
  try {
    return execFileSync('openssl', args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`openssl ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`);
  }
}

/**
 * `it` when openssl is installed, otherwise `it.skip` after one console note,
 * so a machine without openssl reports skipped checks instead of failures.
 */
export function itWithOpenssl(): jest.It {
  if (hasBinary('openssl')) return it;
  if (!warned) console.warn('openssl not found on PATH: skipping the openssl cross-checks');
  warned = true;
  return it.skip;
}
let warned = false;
