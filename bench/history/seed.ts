/**
 * Writes the generated log straight into the server's embedded store with
 * the official client, generating while appending (the generator costs
 * about as much per event as the append), each event signed with the
 * install's history key exactly as the API server signs its own, so the
 * projection and the history API accept every one of them. Consecutive
 * episodes of one stream go in one append, and appends of one stream never
 * overlap, so each stream's events land in the order the deciders made them.
 */
import { EventStoreDBClient, jsonEvent, type EventData } from '@eventstore/db-client';
import { parseStreamName } from '@chronokube/core';
import { EventSigner } from '../../apps/api/src/store/event-signer';
import { generateHistory, type Episode } from './generate';

/** Appends in flight at once (as the eventstore bench's concurrency 16..128). */
const WINDOW = 64;
/** How many pod events' ids are kept for /why. */
const POD_EVENT_SAMPLE = 2_000;

/** One object the log wrote, as the history API names it. */
export interface ObjectName {
  kind: string;
  namespace?: string;
  name: string;
}

/** What the bench needs to aim its queries at the log it wrote. */
export interface SeededLog {
  events: number;
  /** Commit positions of the last event of every append, ascending: points that are real events. */
  positions: Float64Array;
  /** Every stream written (objects), by stream name. */
  objects: Map<string, ObjectName>;
  /** Ids of pod events (a uniform sample), for why-trees. */
  podEventIds: string[];
  /** Sum of the JSON bytes of every event's data and metadata as appended. */
  payloadBytes: number;
  ms: number;
}

/** Drops undefined fields, so the signed canonical JSON is what the store gives back. */
function defined(metadata: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(metadata)) if (v !== undefined) out[k] = v;
  return out;
}

/** Merges consecutive episodes of one stream (a pod's deletion and its restart) into one append. */
function* merged(episodes: Iterable<Episode>): Generator<Episode> {
  let pending: Episode | undefined;
  for (const e of episodes) {
    if (pending && pending.stream === e.stream) {
      pending.events.push(...e.events);
      continue;
    }
    if (pending) yield pending;
    pending = { stream: e.stream, events: [...e.events] };
  }
  if (pending) yield pending;
}

/** Generates `events` events on about `objects` objects (seed 1) and appends them; resolves when all are durable. */
export async function seedHistory(connectionString: string, historyKey: Buffer, events: number, objects: number, progress: (done: number) => void): Promise<SeededLog> {
  const client = EventStoreDBClient.connectionString(connectionString);
  const signer = new EventSigner(historyKey);
  const t0 = performance.now();
  let positions = new Float64Array(1 << 16);
  let appends = 0;
  let written = 0;
  let payloadBytes = 0;
  let podEventsSeen = 0;
  let nextProgress = 100_000;
  const podEventIds: string[] = [];
  const objectsSeen = new Map<string, ObjectName>();
  const inFlight = new Map<string, Promise<void>>();
  let seed = 0x2545f491;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  try {
    for (const episode of merged(generateHistory({ events, objects, seed: 1 }))) {
      const { stream } = episode;
      if (!objectsSeen.has(stream)) {
        const a = parseStreamName(stream);
        if (a) objectsSeen.set(stream, { kind: a.resource.kind, namespace: a.namespace, name: a.name });
      }
      const data: EventData[] = episode.events.map((e) => {
        const metadata = signer.sign(stream, e.type, e.data, defined(e.metadata));
        payloadBytes += JSON.stringify(e.data).length + JSON.stringify(metadata).length;
        if (stream.startsWith('pod-')) {
          // Reservoir sampling: every pod event equally likely to be kept.
          podEventsSeen++;
          if (podEventIds.length < POD_EVENT_SAMPLE) podEventIds.push(e.id);
          else if (random() * podEventsSeen < POD_EVENT_SAMPLE) podEventIds[Math.floor(random() * POD_EVENT_SAMPLE)] = e.id;
        }
        return jsonEvent({ id: e.id, type: e.type, data: e.data as never, metadata: metadata as never });
      });
      written += data.length;
      const before = inFlight.get(stream);
      const slot = appends++;
      const append = (before ?? Promise.resolve()).then(async () => {
        const result = await client.appendToStream(stream, data);
        if (slot >= positions.length) {
          const bigger = new Float64Array(positions.length * 2);
          bigger.set(positions);
          positions = bigger;
        }
        positions[slot] = Number(result.position?.commit ?? 0n);
      });
      const tracked = append.finally(() => {
        if (inFlight.get(stream) === tracked) inFlight.delete(stream);
      });
      inFlight.set(stream, tracked);
      if (inFlight.size >= WINDOW) await Promise.race(inFlight.values());
      if (written >= nextProgress) {
        progress(written);
        nextProgress += 100_000;
      }
    }
    await Promise.all(inFlight.values());
  } finally {
    await client.dispose();
  }
  const ordered = positions.slice(0, appends).sort();
  return { events: written, positions: ordered, objects: objectsSeen, podEventIds, payloadBytes, ms: performance.now() - t0 };
}
