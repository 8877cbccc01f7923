/**
 * bench/history: the history API over a long log. 1,000,000 events on
 * 10,000 objects (BENCH_HISTORY_EVENTS / BENCH_HISTORY_OBJECTS for a
 * smaller one while developing), generated through the deciders and
 * written signed into a `chronokube server --api-only`'s embedded store
 * while it runs; then the server is restarted over that log (a fresh
 * process: nothing cached) and queried over HTTPS. See queries.ts for what
 * is asked, replay.ts for the replay and snapshot figures.
 */
import { envInt } from '../env';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import { onCleanup } from '../eventstore/cleanup';
import { waitForHistoryApi } from './ready';
import { ApiClient } from '../api/client';
import { Problems } from '../api/problems';
import { startApiServer, type ApiServer } from '../api/server';
import { HistoryQueries, type QueryCounts } from './queries';
import { renderHistory, type HistoryResults } from './report';
import { replayFromStore } from './replay';
import { seedHistory } from './seed';

/** How long the restarted server may take to read the log back before its history API answers. */
const READY_TIMEOUT_MS = 15 * 60_000;
const COUNTS: QueryCounts = { cold: 10, warmup: 10, warm: 50, diffs: 30, queries: 100, timelines: 200, whys: 100 };

/** Bytes of every file named `name` under `dir`. */
function fileBytes(dir: string, name: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += fileBytes(path, name);
    else if (entry.name === name) total += statSync(path).size;
  }
  return total;
}

/** Runs the bench and prints its table; rejects only if it could not be measured. */
export async function runHistoryBench(): Promise<void> {
  const events = envInt('BENCH_HISTORY_EVENTS', 1_000_000);
  const objects = envInt('BENCH_HISTORY_OBJECTS', 10_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'chronokube-bench-history-'));
  onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  const historyKey = () => readFileSync(join(dataDir, 'history-key'));

  console.log(`history: generating and appending ${events.toLocaleString('en-US')} events on ${objects.toLocaleString('en-US')} objects...`);
  const first = await startApiServer(dataDir, ['--api-only']);
  const log = await seedHistory(first.eventstore, historyKey(), events, objects, (n) => console.log(`history:   ${n.toLocaleString('en-US')} appended`));
  await first.stop();

  console.log('history: restarting the server over the log...');
  let server: ApiServer | undefined;
  const problems = new Problems();
  const t0 = performance.now();
  server = await startApiServer(dataDir, ['--api-only']);
  const client = new ApiClient(server.endpoint, problems, 1);
  const store = EventStoreDBClient.connectionString(server.eventstore);
  try {
    await waitForHistoryApi(server, t0, READY_TIMEOUT_MS, 50);
    const restartMs = performance.now() - t0;
    const queries = new HistoryQueries(client, store, log);
    console.log('history: querying...');
    const cold = await queries.states(COUNTS.cold);
    const figures = await queries.run(COUNTS, cold);
    console.log('history: replaying the log in this process...');
    const head = log.positions[log.positions.length - 1];
    // The server runs on its embedded store, so it reads history from the store's file: so does the replay.
    const replay = await replayFromStore(server.eventstore, historyKey(), head, join(dataDir, 'eventstore', 'events.sqlite'));
    const results: HistoryResults = {
      events: log.events,
      objects: log.objects.size,
      seedPerSec: log.events / (log.ms / 1000),
      logFileBytes: fileBytes(dataDir, 'events.sqlite'),
      payloadBytes: log.payloadBytes,
      restartMs,
      counts: COUNTS,
      queries: figures,
      replay,
      problems: problems.total,
    };
    console.log(renderHistory(results));
    if (problems.total > 0) console.log(JSON.stringify(problems.summary(), null, 2));
  } finally {
    client.close();
    await store.dispose();
    await server.stop();
    server = undefined;
  }
}
