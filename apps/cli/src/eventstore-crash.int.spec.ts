import { AppendResult, EventStoreDBClient, jsonEvent, NO_STREAM, ResolvedEvent } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { killAll, launch, Launched, STORE_READY, withCredentials } from './testing/launch';

// The store's durability promise, judged on the real launcher process: kill -9
// while appends are in flight, restart on the same data, and look.

/** Starts `chronokube eventstore` on a free port over `dataDir`; resolves once it listens. */
async function startStore(dataDir: string): Promise<{ proc: Launched; connectionString: string }> {
  const proc = launch(['eventstore', '--data', dataDir, '--port', '0']);
  const [, shown, credentialsFile] = await proc.waitForLine(STORE_READY);
  return { proc, connectionString: withCredentials(shown, credentialsFile) };
}

async function readStream(client: EventStoreDBClient, name: string): Promise<ResolvedEvent[]> {
  const out: ResolvedEvent[] = [];
  for await (const e of client.readStream(name)) out.push(e);
  return out;
}

describe('durability under kill -9', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chronokube-crash-'));
  afterAll(async () => {
    await killAll();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged event and leaves no partial append', async () => {
    const first = await startStore(dataDir);
    const client = EventStoreDBClient.connectionString(first.connectionString);
    const writers = 16;
    const batchSize = 5;
    const killAfter = 2000;
    /** Per stream: the event ids of each acknowledged batch, in order. */
    const acked = new Map<string, string[][]>();
    let ackedEvents = 0;
    let killed = false;
    let enoughAcked!: () => void;
    const enough = new Promise<void>((resolve) => (enoughAcked = resolve));
    const write = async (w: number) => {
      const stream = `crash-${w}`;
      acked.set(stream, []);
      let expected: bigint | typeof NO_STREAM = NO_STREAM;
      while (!killed) {
        const ids = [...Array(batchSize)].map(() => randomUUID());
        try {
          const r: AppendResult = await client.appendToStream(
            stream,
            ids.map((id, k) => jsonEvent({ id, type: 'Crash', data: { w, k } })),
            { expectedRevision: expected },
          );
          acked.get(stream)!.push(ids);
          ackedEvents += batchSize;
          if (ackedEvents >= killAfter) enoughAcked();
          expected = r.nextExpectedRevision;
        } catch {
          return; // the server is gone
        }
      }
    };
    const writing = Promise.all([...Array(writers).keys()].map(write));
    await enough;
    first.proc.child.kill('SIGKILL'); // mid-flight: appends are being decided and committed right now
    killed = true;
    await writing;
    await client.dispose().catch(() => undefined);
    await first.proc.exited;

    const restarted = await startStore(dataDir);
    const reader = EventStoreDBClient.connectionString(restarted.connectionString);
    try {
      for (const [stream, batches] of acked) {
        const stored = (await readStream(reader, stream)).map((e) => e.event!);
        // Whole batches only: an append is all or nothing.
        expect(stored.length % batchSize).toBe(0);
        stored.forEach((e, i) => expect(e.revision).toBe(BigInt(i)));
        // Every acknowledged batch is there, at its place, in order.
        const ackedIds = batches.flat();
        expect(stored.slice(0, ackedIds.length).map((e) => e.id)).toEqual(ackedIds);
        // At most the one batch in flight at the kill may have landed unacknowledged.
        expect(stored.length - ackedIds.length).toBeLessThanOrEqual(batchSize);
      }
      let last = -1n;
      for await (const e of reader.readAll()) {
        expect(e.event!.position!.commit).toBeGreaterThan(last);
        last = e.event!.position!.commit;
      }
      // The log accepts writes after recovery, continuing each stream.
      const stream = [...acked.keys()][0];
      const count = (await readStream(reader, stream)).length;
      const r = await reader.appendToStream(stream, jsonEvent({ type: 'After', data: {} }), { expectedRevision: BigInt(count - 1) });
      expect(r.nextExpectedRevision).toBe(BigInt(count));
    } finally {
      await reader.dispose();
      restarted.proc.child.kill('SIGTERM');
    }
  }, 120000);
});
