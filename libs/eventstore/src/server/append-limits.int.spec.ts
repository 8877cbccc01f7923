import { DeadlineExceededError, jsonEvent, MaxAppendSizeExceededError, StreamNotFoundError } from '@eventstore/db-client';
import type { EventStoreDBClient } from '@eventstore/db-client';
import { Harness, startHarness } from '../testing/harness';
import { DEFAULT_MAX_APPEND_SIZE } from './append-limits';

const events = (n: number, pad = '') => Array.from({ length: n }, (_, i) => jsonEvent({ type: 'Tick', data: { i, pad } }));

async function streamLength(client: EventStoreDBClient, stream: string): Promise<number> {
  try {
    let n = 0;
    for await (const e of client.readStream(stream)) if (e.event) n++;
    return n;
  } catch (err) {
    if (err instanceof StreamNotFoundError) return 0;
    throw err;
  }
}

// EventStoreDB's limits, through both append paths of the protocol.
describe.each([
  ['BatchAppend', true],
  ['Append', false],
])('the maximum append size over %s', (_path, batchAppend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ batchAppend });
  });
  afterAll(() => h.stop());

  it('refuses 40,000 events in one call with MaxAppendSizeExceeded (1 MiB by default) and writes nothing', async () => {
    // A long deadline: the client needs seconds to stream 40,000 messages over Append, and the refusal must win.
    const err = await h.client.appendToStream('ticks-big', events(40_000, 'x'.repeat(20)), { deadline: 120_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MaxAppendSizeExceededError);
    expect((err as MaxAppendSizeExceededError).maxAppendSize).toBe(DEFAULT_MAX_APPEND_SIZE);
    expect(await streamLength(h.client, 'ticks-big')).toBe(0);
    // The connection goes on serving: the next append lands.
    await h.client.appendToStream('ticks-big', events(3));
    expect(await streamLength(h.client, 'ticks-big')).toBe(3);
  });
});

describe('a configured maximum append size', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ maxAppendSize: 1000 });
  });
  afterAll(() => h.stop());

  it('counts data, metadata and two bytes per type character, as EventStoreDB does', async () => {
    // One event of type "Blob" (8) with 900 data bytes and 92 metadata bytes: exactly 1000.
    const exact = jsonEvent({ type: 'Blob', data: 'd'.repeat(898), metadata: 'm'.repeat(90) });
    await expect(h.client.appendToStream('blobs', [exact])).resolves.toMatchObject({ success: true });
    const over = jsonEvent({ type: 'Blob', data: 'd'.repeat(899), metadata: 'm'.repeat(90) });
    const err = await h.client.appendToStream('blobs', [over]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MaxAppendSizeExceededError);
    expect((err as MaxAppendSizeExceededError).maxAppendSize).toBe(1000);
    expect(await streamLength(h.client, 'blobs')).toBe(1);
  });
});

describe('the deadline inside a BatchAppend request', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ batchAppend: true });
  });
  afterAll(() => h.stop());

  it('fails 30,000 events sent with a 1 ms deadline with DeadlineExceeded and writes nothing', async () => {
    const err = await h.client.appendToStream('ticks-late', events(30_000), { deadline: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeadlineExceededError);
    expect(await streamLength(h.client, 'ticks-late')).toBe(0);
  });

  it('refuses a deadline already passed when the request arrives, and still serves the next append', async () => {
    const err = await h.client.appendToStream('ticks-past', events(1), { deadline: -1000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeadlineExceededError);
    expect(await streamLength(h.client, 'ticks-past')).toBe(0);
    await h.client.appendToStream('ticks-past', events(2), { deadline: 10_000 });
    expect(await streamLength(h.client, 'ticks-past')).toBe(2);
  });

  it('writes a large append whose deadline leaves time', async () => {
    await expect(h.client.appendToStream('ticks-on-time', events(3_000), { deadline: 60_000 })).resolves.toMatchObject({ success: true });
    expect(await streamLength(h.client, 'ticks-on-time')).toBe(3_000);
  });
});
