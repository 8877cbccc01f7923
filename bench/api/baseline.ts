import { EventStoreDBClient, NO_STREAM, jsonEvent } from '@eventstore/db-client';
import { measurePaced, type PacedFigures } from './paced';

export interface BaselineSettings {
  ratePerSec: number;
  warmupMs: number;
  durationMs: number;
}

/**
 * The floor under a pod create: one small JSON event appended to a new
 * stream (expected revision "no stream", as a create must), durable when
 * acknowledged, through the official EventStoreDB client against the very
 * store the API server embeds, at the same open-loop pace as the creates.
 * The API's overhead ratio is measured against this. Append failures count
 * as errors (they are the store's, so they are reported, not thrown).
 */
export async function measureBaselineAppends(
  connectionString: string,
  settings: BaselineSettings,
  onError: (message: string) => void,
): Promise<PacedFigures> {
  const client = EventStoreDBClient.connectionString(connectionString);
  try {
    return await measurePaced({
      ...settings,
      op: async (i) => {
        const event = jsonEvent({ type: 'BenchBaselineAppended', data: { seq: i, at: Date.now() } });
        try {
          // Distinct streams, so no append waits on another's stream lock.
          await client.appendToStream(`benchbaseline-${i}`, event, { expectedRevision: NO_STREAM });
          return true;
        } catch (err) {
          onError(`appendToStream benchbaseline-${i}: ${(err as Error).message}`);
          return false;
        }
      },
    });
  } finally {
    await client.dispose();
  }
}
