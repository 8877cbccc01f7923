/**
 * The direct read path gives exactly what the official client gives: a log
 * written through the API (and straight to the store, forged or v1-signed)
 * read both ways, over real gRPC and the embedded store's SQLite file.
 */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { EventStoreDBClient, FORWARDS, START, jsonEvent, NO_STREAM } from '@eventstore/db-client';
import { signingPayload, type RecordedEvent } from '@chronokube/core';
import { createHmac } from 'node:crypto';
import { startInProcess, type InProcess } from '../testing/in-process';
import { EventStoreService } from './event-store.service';
import { EventSigner } from './event-signer';

let h: InProcess;
let client: EventStoreDBClient;
let viaClient: EventStoreService;
let direct: EventStoreService;
const refusals: string[] = [];

beforeAll(async () => {
  h = await startInProcess();
  client = EventStoreDBClient.connectionString(h.eventstoreUrl);
  const options = { historyKey: h.historyKey, trustUnsignedUpTo: 0 };
  viaClient = new EventStoreService(h.eventstoreUrl, { ...options, log: () => undefined });
  direct = new EventStoreService(h.eventstoreUrl, { ...options, log: (l) => refusals.push(l), eventstoreFile: path.join(h.dir, 'eventstore', 'events.sqlite') });
});

afterAll(async () => {
  await client?.dispose();
  await viaClient?.close();
  await direct?.close();
  await h?.stop();
});

async function collect(gen: AsyncGenerator<RecordedEvent>): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const e of gen) out.push(e);
  return out;
}

/** A ConfigMap written straight to the store with the store's credentials, signed by `sign` (or not at all). */
async function appendRaw(name: string, sign?: (stream: string, type: string, data: unknown, meta: Record<string, unknown>) => Record<string, unknown>): Promise<number> {
  const stream = `configmap-default.${name}`;
  const data = { object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', uid: randomUUID() }, data: { k: 'v' } } };
  const meta = { actor: 'admin', verb: 'create', correlationId: randomUUID() };
  const event = jsonEvent({ type: 'ConfigMapCreated', data, metadata: sign ? sign(stream, 'ConfigMapCreated', data, meta) : meta });
  const r = await client.appendToStream(stream, event, { expectedRevision: NO_STREAM });
  return Number(r.position!.commit);
}

it('reads exactly what the official client reads: pages, streams, ids, positions; forged events left out, v1 accepted', async () => {
  for (let i = 0; i < 12; i++) {
    expect((await h.call('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: `cm-${i}`, labels: { i: `${i}` } }, data: { n: `${i}`, s: 'ü ✓ \u2028' } })).status).toBe(201);
  }
  expect((await h.call('PUT', '/api/v1/namespaces/default/configmaps/cm-3', { metadata: { name: 'cm-3' }, data: { n: 'changed' } })).status).toBe(200);
  const unsigned = await appendRaw('forged-unsigned');
  const otherKey = new EventSigner(Buffer.alloc(32, 7));
  const wrongKey = await appendRaw('forged-other-key', (s, t, d, m) => otherKey.sign(s, t, d, m));
  // An event as an API server before v2 signed it: sorted JSON, bare hex.
  const v1 = await appendRaw('v1-signed', (stream, type, data, metadata) => ({
    ...metadata,
    sig: createHmac('sha256', h.historyKey).update(signingPayload({ stream, type, data, metadata }), 'utf8').digest('hex'),
  }));
  expect((await h.call('DELETE', '/api/v1/namespaces/default/configmaps/cm-5')).status).toBe(200);
  const head = await viaClient.headPosition();

  // Pages of 2 and up: the client path re-reads its inclusive start, so a page of 1 cannot advance there.
  for (const pageSize of [2, 7, 1000]) {
    const expected = await collect(viaClient.readRange(0, head, pageSize));
    expect(await collect(direct.readRange(0, head, pageSize))).toEqual(expected);
  }
  const all = await collect(viaClient.readRange(0, head));
  expect(all.length).toBeGreaterThan(14);
  // A range in the middle, bounds exclusive then inclusive.
  const [lo, hi] = [all[3].position, all[all.length - 3].position];
  expect(await collect(direct.readRange(lo, hi, 4))).toEqual(await collect(viaClient.readRange(lo, hi, 4)));

  const positions = all.map((e) => e.position);
  expect(positions).toContain(v1);
  expect(positions).not.toContain(unsigned);
  expect(positions).not.toContain(wrongKey);
  expect(refusals.filter((l) => l.includes(`position ${unsigned} `) && l.includes('no signature'))).toHaveLength(1);
  expect(refusals.filter((l) => l.includes(`position ${wrongKey} `) && l.includes('does not match'))).toHaveLength(1);

  for (const stream of ['configmap-default.cm-3', 'configmap-default.cm-5', 'configmap-default.v1-signed', 'configmap-default.forged-unsigned', 'no-such-stream']) {
    expect(await direct.readStream(stream)).toEqual(await viaClient.readStream(stream));
  }
  expect((await direct.readStream('configmap-default.cm-3')).map((e) => e.type)).toEqual(['ConfigMapCreated', 'ConfigMapUpdated']);

  for (const p of [all[0].position, v1, unsigned, head, head + 1000]) expect(await direct.eventIdAt(p)).toBe(await viaClient.eventIdAt(p));
  expect(await direct.eventIdAt(all[0].position)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

  const asked = [all[5].position, unsigned, all[1].position, all[5].position, head + 1000, v1];
  const byPosition = await direct.readPositions(asked);
  expect(byPosition).toEqual(await viaClient.readPositions(asked));
  expect(byPosition.map((e) => e.position)).toEqual([all[1].position, all[5].position, v1].sort((a, b) => a - b));
  const many = Array.from({ length: 1200 }, (_, i) => i + 1);
  expect(await direct.readPositions(many)).toEqual(all.filter((e) => e.position <= 1200));
});

it('stores data as the JSON.stringify of what was appended, the bytes a v2 signature covers', async () => {
  const stream = 'configmap-default.cm-0';
  let stored: { data: unknown; metadata: unknown } | undefined;
  for await (const resolved of client.readStream(stream, { fromRevision: START, direction: FORWARDS })) stored = { data: resolved.event!.data, metadata: resolved.event!.metadata };
  const [event] = await direct.readStream(stream);
  expect(event.data).toEqual(stored!.data);
  expect(event.metadata).toEqual(stored!.metadata);
  // The file's text is JSON.stringify of the value, byte for byte.
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(path.join(h.dir, 'eventstore', 'events.sqlite'), { readonly: true });
  try {
    const [data, metadata] = db.prepare('SELECT data, metadata FROM events WHERE position = ?').raw(true).get(event.position) as [Buffer, Buffer];
    expect(data.equals(Buffer.from(JSON.stringify(event.data), 'utf8'))).toBe(true);
    expect(metadata.toString('utf8')).toMatch(/,"sig":"v2:[0-9a-f]{64}"}$/);
    expect(new EventSigner(h.historyKey).checkStored(stream, event.type, data.toString('utf8'), metadata.toString('utf8'))).toBeUndefined();
  } finally {
    db.close();
  }
});
