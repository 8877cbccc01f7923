import { AppendResult, EventStoreDBClient, jsonEvent, NO_STREAM, ResolvedEvent } from '@eventstore/db-client';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir, waitFor } from '../testing/harness';

const ROOT = path.resolve(__dirname, '../../../..');

/** Starts `chronokube eventstore` as a child process and resolves with its connection string once it listens. */
function startServerProcess(dataDir: string): Promise<{ child: ChildProcess; connectionString: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/chronokube.js'), 'eventstore', '--data', dataDir, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /(esdb:\/\/\S+)/.exec(out);
      if (m) resolve({ child, connectionString: m[1] });
    });
    child.stderr!.on('data', (d) => (err += d));
    child.on('exit', (code) => reject(new Error(`server exited early (${code}): ${err}`)));
  });
}

async function readStream(client: EventStoreDBClient, name: string): Promise<ResolvedEvent[]> {
  const out: ResolvedEvent[] = [];
  for await (const e of client.readStream(name)) out.push(e);
  return out;
}

describe('durability under kill -9', () => {
  let child: ChildProcess | undefined;
  const dataDir = tempDir('chronokube-crash-');
  afterAll(() => {
    child?.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged event and leaves no partial append', async () => {
    const started = await startServerProcess(dataDir);
    child = started.child;
    const client = EventStoreDBClient.connectionString(started.connectionString);
    const writers = 16;
    const batchSize = 5;
    /** Per stream: the event ids of each acknowledged batch, in order. */
    const acked = new Map<string, string[][]>();
    let ackedEvents = 0;
    let killed = false;
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
          expected = r.nextExpectedRevision;
        } catch {
          return; // the server is gone
        }
      }
    };
    const writing = Promise.all([...Array(writers).keys()].map(write));
    await waitFor(() => ackedEvents >= 2000, 60000, 'acknowledged appends');
    child.kill('SIGKILL'); // mid-flight: appends are being decided and committed right now
    killed = true;
    await writing;
    await client.dispose().catch(() => undefined);

    const restarted = await startServerProcess(dataDir);
    child = restarted.child;
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
      child.kill('SIGTERM');
    }
  }, 120000);
});
