import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

/** Mode of private keys: readable by the owner only, as kubeadm and ssh insist. */
export const KEY_MODE = 0o600;
/** Mode of certificates, which are public. */
export const CERT_MODE = 0o644;

/**
 * Creates `dir` (owner-only when new) and checks it can be written, throwing
 * a one-line Error that names the directory and the cause: the server cannot
 * serve TLS without these files, so this is what its operator will read.
 */
export function prepareWritableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    throw notWritable(dir, err);
  }
}

/** The file's text, or undefined when it does not exist or cannot be read (the caller then regenerates it). */
export function readIfPresent(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Writes a file through a temporary name and a rename, so a crash never
 * leaves half a key or certificate behind, and sets its mode explicitly
 * because the umask could otherwise loosen a key's permissions. Errors come
 * back as the same one-line "not writable" message as prepareWritableDir.
 */
export function writeFileAtomic(dir: string, path: string, text: string, mode: number): void {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, text, { mode });
    chmodSync(temporary, mode);
    renameSync(temporary, path);
  } catch (err) {
    rmSync(temporary, { force: true });
    throw notWritable(dir, err);
  }
}

function notWritable(dir: string, err: unknown): Error {
  // Duck-typed: errors thrown by fs inside Jest's sandbox are not instances of this realm's Error.
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  const cause = typeof code === 'string' ? code : String(message ?? err).split('\n')[0];
  return new Error(`TLS directory ${dir} is not writable (${cause}): cannot create the API server's CA and certificate`);
}
