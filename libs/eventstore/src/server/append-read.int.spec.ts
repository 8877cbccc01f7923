import {
  BACKWARDS,
  binaryEvent,
  END,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  ResolvedEvent,
  START,
  STREAM_EXISTS,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { Harness, startHarness } from '../testing/harness';

async function collect(it: AsyncIterable<ResolvedEvent>): Promise<ResolvedEvent[]> {
  const out: ResolvedEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}

const ev = (type: string, data: Record<string, unknown> = {}, id?: string) => jsonEvent({ type, data, id });

// Both append paths of the protocol: the server advertises BatchAppend, or not (then the client uses Append).
describe.each([
  ['BatchAppend', true],
  ['Append', false],
])('appends through %s', (_path, batchAppend) => {
  let h: Harness;
  let client: EventStoreDBClient;
  beforeAll(async () => {
    h = await startHarness({ batchAppend });
    client = h.client;
  });
  afterAll(() => h.stop());

  it('appends and reads a stream back with type, content-type, created, data and metadata', async () => {
    const before = Date.now();
    const r = await client.appendToStream('pod-default.web', [
      jsonEvent({ type: 'PodCreated', data: { name: 'web' }, metadata: { actor: 'alice' } }),
      binaryEvent({ type: 'Blob', data: Buffer.from([0, 1, 2, 255]) }),
    ]);
    expect(r.success).toBe(true);
    expect(r.nextExpectedRevision).toBe(1n);
    const events = await collect(client.readStream('pod-default.web'));
    expect(events.map((e) => [e.event!.type, e.event!.revision])).toEqual([
      ['PodCreated', 0n],
      ['Blob', 1n],
    ]);
    const [json, bin] = events.map((e) => e.event!);
    expect(json.isJson).toBe(true);
    expect(json.data).toEqual({ name: 'web' });
    expect(json.metadata).toEqual({ actor: 'alice' });
    expect(bin.isJson).toBe(false);
    expect(Buffer.from(bin.data as Uint8Array)).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(json.created.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(json.created.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(json.position!.commit).toBe(json.position!.prepare);
    expect(bin.position!.commit).toBeGreaterThan(json.position!.commit);
    expect(r.position!.commit).toBe(bin.position!.commit);
  });

  it('honours expected revision any / no_stream / stream_exists / exact', async () => {
    const s = `exp-${randomUUID()}`;
    await expect(client.appendToStream(s, ev('A'), { expectedRevision: STREAM_EXISTS })).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    await client.appendToStream(s, ev('A'), { expectedRevision: NO_STREAM });
    const noStreamAgain = await client.appendToStream(s, ev('B'), { expectedRevision: NO_STREAM }).catch((e) => e);
    expect(noStreamAgain).toBeInstanceOf(WrongExpectedVersionError);
    expect(noStreamAgain.actualVersion).toBe(0n);
    expect(noStreamAgain.expectedVersion).toBe('no_stream');
    await client.appendToStream(s, ev('B'), { expectedRevision: STREAM_EXISTS });
    await client.appendToStream(s, ev('C'), { expectedRevision: 1n });
    const stale = await client.appendToStream(s, ev('D'), { expectedRevision: 1n }).catch((e) => e);
    expect(stale).toBeInstanceOf(WrongExpectedVersionError);
    expect(stale.expectedVersion).toBe(1n);
    expect(stale.actualVersion).toBe(2n);
    await client.appendToStream(s, ev('D'), { expectedRevision: 'any' });
    const types = (await collect(client.readStream(s))).map((e) => e.event!.type);
    expect(types).toEqual(['A', 'B', 'C', 'D']); // rejected appends wrote nothing
  });

  it('is idempotent: re-appending the same event ids writes nothing twice', async () => {
    const s = `idem-${randomUUID()}`;
    const batch = [ev('A', {}, randomUUID()), ev('B', {}, randomUUID())];
    const first = await client.appendToStream(s, batch, { expectedRevision: NO_STREAM });
    const retry = await client.appendToStream(s, batch, { expectedRevision: NO_STREAM });
    expect(retry.nextExpectedRevision).toBe(first.nextExpectedRevision);
    expect(retry.position).toEqual(first.position);
    const anyRetry = await client.appendToStream(s, batch);
    expect(anyRetry.nextExpectedRevision).toBe(1n);
    expect((await collect(client.readStream(s))).length).toBe(2);
  });

  it('soft delete hides the stream; a new append continues its revisions', async () => {
    const s = `soft-${randomUUID()}`;
    await client.appendToStream(s, [ev('A'), ev('B')]);
    await client.deleteStream(s, { expectedRevision: 1n });
    await expect(collect(client.readStream(s))).rejects.toBeInstanceOf(StreamNotFoundError);
    await client.appendToStream(s, ev('C'), { expectedRevision: NO_STREAM });
    const after = await collect(client.readStream(s));
    expect(after.map((e) => [e.event!.type, e.event!.revision])).toEqual([['C', 2n]]);
  });

  it('delete with a stale expected revision is refused and deletes nothing', async () => {
    const s = `softx-${randomUUID()}`;
    await client.appendToStream(s, [ev('A'), ev('B')]);
    const err = await client.deleteStream(s, { expectedRevision: 0n }).catch((e) => e);
    expect(err).toBeInstanceOf(WrongExpectedVersionError);
    expect(err.actualVersion).toBe(1n);
    expect((await collect(client.readStream(s))).length).toBe(2);
  });

  it('an empty append checks the expectation and writes nothing, also for a stream that does not exist', async () => {
    const s = `empty-${randomUUID()}`;
    expect((await client.appendToStream(s, [], { expectedRevision: NO_STREAM })).success).toBe(true);
    await expect(collect(client.readStream(s))).rejects.toBeInstanceOf(StreamNotFoundError);
    await client.appendToStream(s, [ev('A'), ev('B')], { expectedRevision: NO_STREAM });
    expect((await client.appendToStream(s, [], { expectedRevision: 1n })).nextExpectedRevision).toBe(1n);
    await expect(client.appendToStream(s, [], { expectedRevision: 0n })).rejects.toBeInstanceOf(WrongExpectedVersionError);
  });

  it('tombstone makes a stream deleted for good: reads and appends fail', async () => {
    const s = `tomb-${randomUUID()}`;
    await client.appendToStream(s, ev('A'));
    await client.tombstoneStream(s);
    await expect(collect(client.readStream(s))).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(client.appendToStream(s, ev('B'))).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(client.appendToStream(s, ev('B'), { expectedRevision: NO_STREAM })).rejects.toBeInstanceOf(
      StreamDeletedError,
    );
  });
});

describe('group commit and call lifetime', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  it('concurrent appends share commits (one transaction and fsync for many writes)', async () => {
    const before = { ...h.server.log.stats };
    const n = 200;
    await Promise.all([...Array(n).keys()].map((i) => h.client.appendToStream(`gc-${i}`, ev('G'))));
    const commits = h.server.log.stats.commits - before.commits;
    expect(h.server.log.stats.writes - before.writes).toBe(n);
    expect(commits).toBeLessThan(n / 2);
  });

  it('frees the BatchAppend call when the client goes away', async () => {
    const { batchStats } = await import('./streams-service');
    const { waitFor } = await import('../testing/harness');
    const before = batchStats.callsOpen;
    const other = EventStoreDBClient.connectionString(h.server.connectionString);
    await other.appendToStream(`bye-${randomUUID()}`, ev('A'));
    expect(batchStats.callsOpen).toBe(before + 1);
    await other.dispose();
    await waitFor(() => batchStats.callsOpen === before, 10000, 'the BatchAppend call to close');
  });
});

describe('reads', () => {
  let h: Harness;
  let client: EventStoreDBClient;
  let now = Date.now();
  beforeAll(async () => {
    h = await startHarness({ now: () => now });
    client = h.client;
    await client.appendToStream('r-a', [ev('A0'), ev('A1'), ev('A2'), ev('A3'), ev('A4')]);
    await client.appendToStream('r-b', [ev('B0'), ev('B1')]);
  });
  afterAll(() => h.stop());

  it('reads a stream forwards and backwards, from a revision, with a count', async () => {
    const types = async (o: Parameters<EventStoreDBClient['readStream']>[1]) =>
      (await collect(client.readStream('r-a', o))).map((e) => e.event!.type);
    expect(await types({ direction: BACKWARDS, fromRevision: END })).toEqual(['A4', 'A3', 'A2', 'A1', 'A0']);
    expect(await types({ fromRevision: 2n, maxCount: 2 })).toEqual(['A2', 'A3']);
    expect(await types({ direction: BACKWARDS, fromRevision: 2n })).toEqual(['A2', 'A1', 'A0']);
    expect(await types({ direction: FORWARDS, fromRevision: START, maxCount: 1 })).toEqual(['A0']);
    await expect(collect(client.readStream('never-written'))).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('reads $all in position order, inclusive of the position it starts from', async () => {
    const all = await collect(client.readAll());
    const positions = all.map((e) => e.event!.position!.commit);
    for (let i = 1; i < positions.length; i++) expect(positions[i]).toBeGreaterThan(positions[i - 1]);
    expect(all.map((e) => e.event!.type)).toEqual(['A0', 'A1', 'A2', 'A3', 'A4', 'B0', 'B1']);
    const from = all[3].event!.position!;
    const tail = await collect(client.readAll({ fromPosition: from, maxCount: 2 }));
    expect(tail.map((e) => e.event!.type)).toEqual(['A3', 'A4']);
    const back = await collect(client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 3 }));
    expect(back.map((e) => e.event!.type)).toEqual(['B1', 'B0', 'A4']);
    const backFrom = await collect(client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: 2 }));
    expect(backFrom.map((e) => e.event!.type)).toEqual(['A3', 'A2']);
  });

  it('honours $maxCount, $tb and $maxAge from the $$stream metadata on stream reads', async () => {
    await client.appendToStream('m-count', [ev('0'), ev('1'), ev('2'), ev('3')]);
    await client.setStreamMetadata('m-count', { maxCount: 2 });
    expect((await collect(client.readStream('m-count'))).map((e) => e.event!.type)).toEqual(['2', '3']);
    expect((await collect(client.readStream('m-count', { direction: BACKWARDS, fromRevision: END }))).length).toBe(2);
    expect((await client.getStreamMetadata('m-count')).metadata?.maxCount).toBe(2);

    await client.appendToStream('m-tb', [ev('0'), ev('1'), ev('2')]);
    await client.setStreamMetadata('m-tb', { truncateBefore: 1 });
    expect((await collect(client.readStream('m-tb'))).map((e) => e.event!.type)).toEqual(['1', '2']);

    await client.appendToStream('m-age', [ev('old')]);
    now += 10_000;
    await client.appendToStream('m-age', [ev('new')]);
    await client.setStreamMetadata('m-age', { maxAge: 5 });
    expect((await collect(client.readStream('m-age'))).map((e) => e.event!.type)).toEqual(['new']);
  });

  it('shows metadata writes in $all as $metadata events of the $$stream, like EventStoreDB', async () => {
    // (The 6.x client sends no filter on readAll; server-side filters are exercised by subscriptions.)
    const all = await collect(client.readAll());
    const meta = all.filter((e) => e.event!.type === '$metadata');
    expect(meta.map((e) => e.event!.streamId)).toEqual(['$$m-count', '$$m-tb', '$$m-age']);
  });
});
