/**
 * DIR/history-key through the launcher: made once (0600), never replaced
 * when damaged, and an install upgraded from a log without signatures keeps
 * its history while anything appended unsigned afterwards stays invisible.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventStoreDBClient, jsonEvent, NO_STREAM } from '@eventstore/db-client';
import { ensureHistoryKey } from './history-key';
import { killAll, kubectlWith, launch, stopLaunched, STORE_READY, withCredentials } from './testing/launch';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chronokube-hkey-'));
  dirs.push(dir);
  return dir;
}

afterAll(async () => {
  await killAll();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});



/** An unsigned NamespaceCreated, as a version of chronokube from before signatures (or a forger) writes it. */
async function appendNamespace(connectionString: string, name: string): Promise<void> {
  const client = EventStoreDBClient.connectionString(connectionString);
  try {
    const object = { apiVersion: 'v1', kind: 'Namespace', metadata: { name, uid: randomUUID(), creationTimestamp: '2026-01-01T00:00:00Z' }, spec: {}, status: { phase: 'Active' } };
    await client.appendToStream(`namespace-${name}`, jsonEvent({ type: 'NamespaceCreated', data: { object }, metadata: { actor: 'admin', verb: 'create', correlationId: randomUUID() } }), { expectedRevision: NO_STREAM });
  } finally {
    await client.dispose();
  }
}

it('makes a 32-byte key once (0600), asks for the head only then, and refuses a damaged key', async () => {
  const dir = tempDir();
  let asked = 0;
  const first = await ensureHistoryKey(dir, async () => (++asked, 0));
  expect(first.key).toHaveLength(32);
  expect(first.unsignedUpTo).toBe(0);
  expect(fs.statSync(path.join(dir, 'history-key')).mode & 0o777).toBe(0o600);
  expect(fs.existsSync(path.join(dir, 'history-key.unsigned-until'))).toBe(false);
  const again = await ensureHistoryKey(dir, async () => (++asked, 99));
  expect(again.key.equals(first.key)).toBe(true);
  expect(asked).toBe(1);
  fs.writeFileSync(path.join(dir, 'history-key'), 'short');
  await expect(ensureHistoryKey(dir, async () => 0)).rejects.toThrow(/history key .* is damaged \(5 bytes, expected 32\)/);
  expect(fs.readFileSync(path.join(dir, 'history-key'), 'utf8')).toBe('short');
});

it('keeps serving a log written before signatures, and nothing unsigned appended after the key', async () => {
  const dir = tempDir();
  // The log as an older chronokube left it: events without signatures.
  const store = launch(['eventstore', '--data', dir, '--port', '0']);
  const [, shown, credentialsFile] = await store.waitForLine(STORE_READY);
  await appendNamespace(withCredentials(shown, credentialsFile), 'from-before');
  expect(await stopLaunched(store)).toBe(0);

  const server = launch(['server', '--data', dir, '--port', '0', '--eventstore-port', '0']);
  const [, storeShown, storeCredentials] = await server.waitForLine(/^\s+eventstore\s+(\S+) \(credentials: (.+)\)$/);
  await server.waitForLine(/^\s+kubeconfig /);
  expect(Number(fs.readFileSync(path.join(dir, 'history-key.unsigned-until'), 'utf8'))).toBeGreaterThan(0);
  const kubeconfig = path.join(dir, 'kubeconfig');
  await appendNamespace(withCredentials(storeShown, storeCredentials), 'forged-after');
  expect((await kubectlWith(kubeconfig, ['create', 'namespace', 'signed-after'])).code).toBe(0);
  const names = (await kubectlWith(kubeconfig, ['get', 'namespaces', '-o', 'name'])).stdout.trim().split('\n');
  expect(names).toEqual(expect.arrayContaining(['namespace/from-before', 'namespace/signed-after']));
  expect(names).not.toContain('namespace/forged-after');
  expect(await stopLaunched(server)).toBe(0);
});
