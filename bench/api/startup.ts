/**
 * Startup over a long log: `chronokube server` restarted over 100,000
 * events, once replaying from the start (no snapshot file) and once from
 * the projection snapshot it wrote when stopped. The goal: under
 * 10 s. The events are written straight into the server's store with the
 * official client, in chronokube's own event format (ConfigMapCreated then
 * ConfigMapUpdated patches), which is much faster than 100,000 API calls.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { EventSigner } from '../../apps/api/src/store/event-signer';
import { onCleanup } from '../eventstore/cleanup';
import { ApiClient } from './client';
import { Problems } from './problems';
import { startApiServer } from './server';

const OBJECTS = 10_000;
const UPDATES_PER_OBJECT = 9;
const GOAL_MS = 10_000;

/** Seeds through the store directly, signing each event with the install's history key as the API would. */
async function seed(connectionString: string, historyKey: Buffer): Promise<number> {
  const client = EventStoreDBClient.connectionString(connectionString);
  const signer = new EventSigner(historyKey);
  const meta = { actor: 'bench', verb: 'create', correlationId: 'bench-startup', causationId: 'bench-startup' };
  let written = 0;
  const inFlight: Promise<unknown>[] = [];
  try {
    for (let i = 0; i < OBJECTS; i++) {
      const name = `cm-${i}`;
      const object = {
        apiVersion: 'v1', kind: 'ConfigMap',
        metadata: { name, namespace: 'default', uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, creationTimestamp: '2026-01-01T00:00:00Z', labels: { app: 'startup', shard: String(i % 10) } },
        data: { v: '0', payload: 'x'.repeat(400) },
      };
      const stream = `configmap-default.${name}`;
      const signed = (type: string, data: unknown, m: Record<string, unknown>) => jsonEvent({ type, data: data as never, metadata: signer.sign(stream, type, data, m) as never });
      const events = [signed('ConfigMapCreated', { object }, meta)];
      for (let v = 1; v <= UPDATES_PER_OBJECT; v++) {
        events.push(signed('ConfigMapUpdated', { patch: [{ op: 'replace', path: '/data/v', value: String(v) }] }, { ...meta, verb: 'patch' }));
      }
      inFlight.push(client.appendToStream(stream, events));
      written += events.length;
      if (inFlight.length >= 64) await Promise.all(inFlight.splice(0));
    }
    await Promise.all(inFlight);
  } finally {
    await client.dispose();
  }
  return written;
}

export interface StartupResults {
  events: number;
  fullReplayMs: number;
  fromSnapshotMs: number;
  goalMs: number;
}

/** Runs the scenario and prints its lines; rejects only if it could not be measured. */
export async function runStartupBench(): Promise<StartupResults> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chronokube-bench-startup-'));
  onCleanup(async () => rmSync(dataDir, { recursive: true, force: true }));
  console.log('startup: seeding 100,000 events...');
  const first = await startApiServer(dataDir);
  const events = await seed(first.eventstore, readFileSync(join(dataDir, 'history-key')));
  await first.stop();

  // Without the snapshot file: every event is folded again.
  rmSync(join(dataDir, 'snapshots'), { recursive: true, force: true });
  let t0 = performance.now();
  const replayed = await startApiServer(dataDir);
  const fullReplayMs = performance.now() - t0;
  await check(replayed.endpoint);
  await replayed.stop();

  t0 = performance.now();
  const restored = await startApiServer(dataDir);
  const fromSnapshotMs = performance.now() - t0;
  await check(restored.endpoint);
  await restored.stop();

  const line = (what: string, ms: number) =>
    `  ${what.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms   goal < ${GOAL_MS} ms  ${ms < GOAL_MS ? 'MET' : 'MISSED'}`;
  console.log([
    `startup over ${events.toLocaleString('en-US')} events (${OBJECTS.toLocaleString('en-US')} objects), from spawn to serving:`,
    line('full replay (no snapshot file)', fullReplayMs),
    line('from the projection snapshot', fromSnapshotMs),
  ].join('\n'));
  return { events, fullReplayMs, fromSnapshotMs, goalMs: GOAL_MS };
}

/** The replayed state must be the written one: the last object carries its last update. */
async function check(endpoint: ConstructorParameters<typeof ApiClient>[0]): Promise<void> {
  const client = new ApiClient(endpoint, new Problems(), 2);
  const res = await client.send('GET', `/api/v1/namespaces/default/configmaps/cm-${OBJECTS - 1}`, { scenario: 'startup' });
  client.agent.destroy();
  const data = res.ok ? (JSON.parse(res.body.toString('utf8')) as { data?: { v?: string } }).data : undefined;
  if (data?.v !== String(UPDATES_PER_OBJECT)) throw new Error(`startup: after restart cm-${OBJECTS - 1} has ${JSON.stringify(data)} (status ${res.status})`);
}
