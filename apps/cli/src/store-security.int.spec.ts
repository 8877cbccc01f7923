import { AccessDeniedError, EventStoreDBClient, jsonEvent, MaxAppendSizeExceededError, StreamNotFoundError } from '@eventstore/db-client';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { killAll, launch, STORE_READY, withCredentials } from './testing/launch';

// The embedded store as `chronokube eventstore` serves it, judged with the
// official client: TLS with the CA in the data dir, and a user and password
// the launcher generated, checked on every call.

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chronokube-secure-'));
let shown: string;
let credentialsFile: string;
let storeDir: string;
const clients: EventStoreDBClient[] = [];

function client(connectionString: string): EventStoreDBClient {
  const c = EventStoreDBClient.connectionString(connectionString);
  clients.push(c);
  return c;
}

async function streamLength(c: EventStoreDBClient, stream: string): Promise<number> {
  try {
    let n = 0;
    for await (const e of c.readStream(stream)) if (e.event) n++;
    return n;
  } catch (err) {
    if (err instanceof StreamNotFoundError) return 0;
    throw err;
  }
}

const mode = (p: string) => fs.statSync(p).mode & 0o777;

beforeAll(async () => {
  const proc = launch(['eventstore', '--data', dataDir, '--port', '0', '--max-append-size', '4096']);
  [, shown, credentialsFile, storeDir] = await proc.waitForLine(STORE_READY);
}, 60_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await killAll();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('prints a TLS connection string with the generated CA, and no password', () => {
  expect(shown).toMatch(/^esdb:\/\/localhost:\d+\?tls=true&tlsCAFile=(\S+)$/);
  expect(shown).toContain(`tlsCAFile=${path.join(storeDir, 'tls', 'ca.crt')}`);
  const [, password] = fs.readFileSync(credentialsFile, 'utf8').trim().split(':');
  expect(password.length).toBeGreaterThanOrEqual(32);
  expect(shown).not.toContain(password);
});

it('keeps the credentials, CA key and log private: files 0600, directories 0700', () => {
  expect(credentialsFile).toBe(path.join(storeDir, 'credentials'));
  expect(mode(storeDir)).toBe(0o700);
  for (const f of ['credentials', 'events.sqlite', 'tls/ca.key', 'tls/server.key']) expect([f, mode(path.join(storeDir, f))]).toEqual([f, 0o600]);
});

it('serves the official client over TLS with the generated CA and the generated credentials', async () => {
  const c = client(withCredentials(shown, credentialsFile));
  await c.appendToStream('secure-ok', [jsonEvent({ type: 'Pinged', data: { n: 1 } })]);
  expect(await streamLength(c, 'secure-ok')).toBe(1);
});

it('refuses an unauthenticated append and an unauthenticated read, and writes nothing', async () => {
  const anonymous = client(shown);
  await expect(anonymous.appendToStream('secure-anon', [jsonEvent({ type: 'NamespaceCreated', data: {} })])).rejects.toBeInstanceOf(AccessDeniedError);
  await expect(streamLength(anonymous, 'secure-ok')).rejects.toBeInstanceOf(AccessDeniedError);
  expect(await streamLength(client(withCredentials(shown, credentialsFile)), 'secure-anon')).toBe(0);
});

it('refuses a wrong password', async () => {
  const [user] = fs.readFileSync(credentialsFile, 'utf8').trim().split(':');
  const wrong = client(shown.replace('://', `://${user}:not-the-password@`));
  await expect(wrong.appendToStream('secure-wrong', [jsonEvent({ type: 'NamespaceCreated', data: {} })])).rejects.toBeInstanceOf(AccessDeniedError);
  expect(await streamLength(client(withCredentials(shown, credentialsFile)), 'secure-wrong')).toBe(0);
});

it('speaks no plain text, and is not trusted without its CA', async () => {
  const port = /:(\d+)\?/.exec(shown)![1];
  const userInfo = fs.readFileSync(credentialsFile, 'utf8').trim();
  const plain = client(`esdb://localhost:${port}?tls=false`);
  await expect(plain.appendToStream('secure-plain', [jsonEvent({ type: 'A', data: {} })], { deadline: 5000 })).rejects.toThrow();
  const untrusted = client(`esdb://${userInfo}@localhost:${port}?tls=true`);
  await expect(untrusted.appendToStream('secure-untrusted', [jsonEvent({ type: 'A', data: {} })], { deadline: 5000 })).rejects.toThrow();
  expect(await streamLength(client(withCredentials(shown, credentialsFile)), 'secure-plain')).toBe(0);
  expect(await streamLength(client(withCredentials(shown, credentialsFile)), 'secure-untrusted')).toBe(0);
});

it('holds appends to --max-append-size', async () => {
  const c = client(withCredentials(shown, credentialsFile));
  const err = await c.appendToStream('secure-big', [jsonEvent({ type: 'Blob', data: 'x'.repeat(5000) })]).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(MaxAppendSizeExceededError);
  expect((err as MaxAppendSizeExceededError).maxAppendSize).toBe(4096);
  expect(await streamLength(c, 'secure-big')).toBe(0);
});
