/** The store wrapper against the real embedded store over gRPC. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEventStoreServer } from '@chronokube/eventstore';
import { EventStoreService, RevisionConflict } from './event-store.service';

let dir: string;
let server: Awaited<ReturnType<typeof startEventStoreServer>>;
let store: EventStoreService;
const meta = { actor: 't', verb: 'create', correlationId: 'c' };
const logged: string[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chronokube-store-'));
  server = await startEventStoreServer({ dataDir: dir, port: 0 });
  store = new EventStoreService(server.connectionString, { historyKey: Buffer.alloc(32, 1), log: (line) => logged.push(line) });
});

afterAll(async () => {
  await store.close();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('reads a position range in pages, exactly (after, upTo]', async () => {
  const positions: number[] = [];
  for (let i = 0; i < 10; i++) {
    const out = await store.append(`configmap-default.r${i}`, [{ kind: 'ConfigMap', suffix: 'Created', data: { object: { metadata: { name: `r${i}` } } } }], undefined, meta);
    positions.push(out.position);
  }
  const got: number[] = [];
  for await (const e of store.readRange(positions[1], positions[7], 3)) got.push(e.position);
  expect(got).toEqual(positions.slice(2, 8));
  const all: number[] = [];
  for await (const e of store.readRange(0, positions[9], 4)) all.push(e.position);
  expect(all).toEqual(positions);
  expect(await store.headPosition()).toBe(positions[9]);
  const ids = await store.eventIdAt(positions[3]);
  expect(ids).toMatch(/^[0-9a-f-]{36}$/);
  expect(await store.eventIdAt(positions[9] + 100)).toBeUndefined();
});

it('turns a lost race into RevisionConflict with the actual revision', async () => {
  await store.append('configmap-default.race', [{ kind: 'ConfigMap', suffix: 'Created', data: { object: { metadata: { name: 'race' } } } }], undefined, meta);
  await expect(store.append('configmap-default.race', [{ kind: 'ConfigMap', suffix: 'Deleted', data: {} }], undefined, meta)).rejects.toEqual(
    expect.objectContaining({ constructor: RevisionConflict, actual: 0n }),
  );
});

it('verifies its own signed events and refuses others, reporting each position once', async () => {
  const out = await store.append('configmap-default.signed', [{ kind: 'ConfigMap', suffix: 'Created', data: { object: { metadata: { name: 'signed' } } } }], undefined, meta);
  const [own] = await collect(store.readRange(out.position - 1, out.position));
  expect(own.metadata).toMatchObject({ actor: 't', sig: expect.stringMatching(/^v2:[0-9a-f]{64}$/) });
  expect(store.verify(own)).toBe(true);
  const tampered = { ...own, data: { object: { metadata: { name: 'other' } } } };
  expect(store.verify(tampered)).toBe(false);
  expect(store.verify(tampered)).toBe(false);
  expect(logged.filter((l) => l.includes(`position ${own.position} in stream configmap-default.signed`))).toHaveLength(1);
  // Streams that are not chronokube's (a shared EventStoreDB) are refused without a report.
  expect(store.verify({ ...own, streamId: 'orders-1', position: own.position + 1000 })).toBe(false);
  expect(logged.some((l) => l.includes('orders-1'))).toBe(false);
});

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

it("turns an append over the store's maximum append size into 413 RequestEntityTooLarge, writing nothing", async () => {
  const small = await startEventStoreServer({ dataDir: path.join(dir, 'small'), port: 0, maxAppendSize: 1000 });
  const client = new EventStoreService(small.connectionString, { historyKey: Buffer.alloc(32, 2), log: () => undefined });
  try {
    const big = { kind: 'ConfigMap', suffix: 'Created' as const, data: { object: { metadata: { name: 'big' }, data: { v: 'x'.repeat(2000) } } } };
    await expect(client.append('configmap-default.big', [big], undefined, meta)).rejects.toMatchObject({ code: 413, reason: 'RequestEntityTooLarge', message: expect.stringContaining('1000 bytes') });
    expect(await client.headPosition()).toBe(0);
  } finally {
    await client.close();
    await small.close();
  }
});
