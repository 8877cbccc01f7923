/**
 * What makes the embedded store private to this install: a TLS CA and
 * serving certificate in `<store>/tls`, and one user whose password is
 * generated at first start into `<store>/credentials` (0600). The control
 * plane reads the same files, so only processes that can read them (the
 * install's owner) can talk to the store.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { CliError, oneLine } from './errors';

/** The store's user, its TLS material, and where they live. */
export interface StoreSecurity {
  user: { username: string; password: string };
  /** `username:password`, as the connection string's user info takes it. */
  credentialsFile: string;
  tls: { certPem: string; keyPem: string; caFile: string };
}

/** The user name the launcher creates; EventStoreDB's own default admin is called the same. */
export const STORE_USERNAME = 'admin';

/**
 * Makes sure `storeDir` (0700) holds the credentials file and a CA plus a
 * serving certificate valid for `hosts`, creating what is missing, and
 * returns them. Idempotent: a restart reuses the same password and CA, so
 * connection strings handed out earlier keep working. A damaged credentials
 * file is a one-line CliError, never silently replaced.
 */
export async function prepareStoreSecurity(storeDir: string, hosts: readonly string[]): Promise<StoreSecurity> {
  try {
    fs.mkdirSync(storeDir, { recursive: true, mode: 0o700 });
    fs.chmodSync(storeDir, 0o700);
  } catch (err) {
    throw new CliError(`cannot use data directory ${storeDir}: ${oneLine(err)}`, 1);
  }
  const credentialsFile = path.join(storeDir, 'credentials');
  const user = ensureCredentials(credentialsFile);
  // Only the certificate code: the API package's index would load NestJS for nothing.
  const { ensureServerPki } = await import('@chronokube/api/src/tls');
  let pki;
  try {
    pki = ensureServerPki(path.join(storeDir, 'tls'), { hosts: [...new Set([...hosts, '127.0.0.1', 'localhost'])] });
  } catch (err) {
    throw new CliError(oneLine(err), 1);
  }
  return { user, credentialsFile, tls: { certPem: pki.certPem, keyPem: pki.keyPem, caFile: pki.caPath } };
}

function ensureCredentials(file: string): { username: string; password: string } {
  try {
    if (!fs.existsSync(file)) {
      // Hex: safe in a URL's user info without escaping.
      fs.writeFileSync(file, `${STORE_USERNAME}:${randomBytes(24).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    }
    fs.chmodSync(file, 0o600);
    const match = /^([A-Za-z0-9._-]+):([A-Za-z0-9._~-]{16,})\s*$/.exec(fs.readFileSync(file, 'utf8'));
    if (!match) throw new Error('expected one line "user:password"');
    return { username: match[1], password: match[2] };
  } catch (err) {
    throw new CliError(`the event store's credentials file ${file} is unusable: ${oneLine(err)}`, 1);
  }
}

/**
 * The connection string as it may be shown: no password, which stays in
 * the credentials file (a line on a terminal or in a log should not hand
 * out write access to the cluster's history).
 */
export function redactConnectionString(connectionString: string): string {
  return connectionString.replace(/^([a-z+]+:\/\/)[^@/?]*@/i, '$1');
}
