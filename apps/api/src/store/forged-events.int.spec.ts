/**
 * A log nobody can forge: an event appended straight to the store with the
 * store's own credentials, but without this install's signature, never
 * shows in the API, now or in its history, and is reported once.
 */
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent, NO_STREAM } from '@eventstore/db-client';
import { startInProcess, type InProcess } from '../testing/in-process';
import { EventSigner } from './event-signer';

let h: InProcess;
let client: EventStoreDBClient;
const logged: string[] = [];

beforeAll(async () => {
  const write = process.stderr.write.bind(process.stderr) as (chunk: string | Uint8Array) => boolean;
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    logged.push(String(chunk));
    return write(chunk);
  });
  h = await startInProcess();
  client = EventStoreDBClient.connectionString(h.eventstoreUrl);
});

afterAll(async () => {
  await client.dispose();
  await h.stop();
  jest.restoreAllMocks();
});

/** A NamespaceCreated event exactly as the API would write it, by a made-up actor. */
function namespaceCreated(name: string, sig?: (stream: string, type: string, data: unknown, meta: Record<string, unknown>) => Record<string, unknown>) {
  const stream = `namespace-${name}`;
  const data = {
    object: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, uid: randomUUID(), creationTimestamp: '2026-12-05T03:12:00Z', labels: { 'kubernetes.io/metadata.name': name } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    },
  };
  const meta: Record<string, unknown> = { actor: 'mallory', verb: 'create', correlationId: randomUUID() };
  return { stream, event: jsonEvent({ type: 'NamespaceCreated', data, metadata: sig ? sig(stream, 'NamespaceCreated', data, meta) : meta }) };
}

async function append(forged: ReturnType<typeof namespaceCreated>): Promise<number> {
  const r = await client.appendToStream(forged.stream, forged.event, { expectedRevision: NO_STREAM });
  return Number(r.position!.commit);
}

async function namespaces(query = ''): Promise<string[]> {
  const list = await h.call('GET', `/api/v1/namespaces${query}`);
  expect(list.status).toBe(200);
  return list.body.items.map((n: { metadata: { name: string } }) => n.metadata.name);
}

it('signs what the API writes', async () => {
  expect((await h.call('POST', '/api/v1/namespaces', { metadata: { name: 'real' } })).status).toBe(201);
  let metadata: Record<string, unknown> | undefined;
  for await (const e of client.readStream('namespace-real')) metadata = e.event!.metadata as Record<string, unknown>;
  expect(metadata).toMatchObject({ actor: 'admin', sig: expect.stringMatching(/^v2:[0-9a-f]{64}$/) });
});

it("never serves an event without this install's signature, in lists, gets or history, and logs it once", async () => {
  const unsigned = await append(namespaceCreated('forged-unsigned'));
  const otherKey = new EventSigner(Buffer.alloc(32, 7));
  const wrong = await append(namespaceCreated('forged-other-key', (s, t, d, m) => otherKey.sign(s, t, d, m)));
  // The same payload signed with this install's key is served: the payload is sound, only the signature differs.
  const ownKey = new EventSigner(h.historyKey);
  const signed = await append(namespaceCreated('signed-elsewhere', (s, t, d, m) => ownKey.sign(s, t, d, m)));
  // A write after them: once it is visible, the projection has passed the forged events.
  expect((await h.call('POST', '/api/v1/namespaces', { metadata: { name: 'after' } })).status).toBe(201);

  const names = await namespaces();
  expect(names).toEqual(expect.arrayContaining(['real', 'after', 'signed-elsewhere']));
  expect(names).not.toContain('forged-unsigned');
  expect(names).not.toContain('forged-other-key');
  expect((await h.call('GET', '/api/v1/namespaces/forged-unsigned')).status).toBe(404);
  // History: the list as of each forged event's position leaves it out too.
  expect(await namespaces(`?resourceVersion=${wrong}&resourceVersionMatch=Exact`)).not.toContain('forged-other-key');
  expect(await namespaces(`?resourceVersion=${signed}&resourceVersionMatch=Exact`)).toContain('signed-elsewhere');

  const reports = logged.join('').split('\n').filter((l) => l.includes('ignoring event'));
  expect(reports.filter((l) => l.includes(`position ${unsigned} in stream namespace-forged-unsigned`) && l.includes('no signature'))).toHaveLength(1);
  expect(reports.filter((l) => l.includes(`position ${wrong} in stream namespace-forged-other-key`) && l.includes('does not match'))).toHaveLength(1);

  // A restart replays the log from scratch or a snapshot: still not there.
  await h.restartApi();
  const again = await namespaces();
  expect(again).toEqual(expect.arrayContaining(['real', 'after', 'signed-elsewhere']));
  expect(again).not.toContain('forged-unsigned');
  expect(again).not.toContain('forged-other-key');
});
