import { EventStoreDBClient } from '@eventstore/db-client';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventStoreServer, EventStoreServerOptions, startEventStoreServer } from '../server/eventstore-server';

/** A started server on a free port with a temp data dir, and an official client connected to it. */
export interface Harness {
  server: EventStoreServer;
  client: EventStoreDBClient;
  dataDir: string;
  /** Disposes the client, stops the server, removes the data dir. */
  stop(): Promise<void>;
}

/** Makes a fresh temp directory for a test's data; removed by the caller (or Harness.stop). */
export function tempDir(prefix = 'chronokube-es-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Starts a server (port 0, temp dir unless given) and connects the official client. */
export async function startHarness(options: Partial<EventStoreServerOptions> = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? tempDir();
  const server = await startEventStoreServer({ port: 0, ...options, dataDir });
  const client = EventStoreDBClient.connectionString(server.connectionString);
  return {
    server,
    client,
    dataDir,
    async stop() {
      await client.dispose();
      await server.close();
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves once `predicate` holds, polling; rejects after `timeoutMs`. For readiness, never for timing. */
export async function waitFor(predicate: () => boolean, timeoutMs = 10000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
