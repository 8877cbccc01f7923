import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as grpc from '@grpc/grpc-js';
import { ANY, END, EventStoreDBClient, START, jsonEvent } from '@eventstore/db-client';
import { Writer } from '../../libs/eventstore/src/wire/protobuf';
import { ownChild } from './cleanup';
import type { BenchEvent, BenchTarget, Closable, LagProbe } from './target';

const EVENT_TYPE = 'BenchEventRecorded';
const PROBE_TYPE = 'BenchLagProbe';
const PROBE_STREAM = 'benchprobe-lag';

const LAUNCHER = join(__dirname, '..', '..', 'bin', 'chronokube.js');
/**
 * The launcher's one ready line: group 1 is the connection string without
 * its password, 2 the port, 3 the CA file, 4 the credentials file
 * (`user:password`).
 */
const READY = /eventstore listening on (esdb:\/\/localhost:(\d+)\?tls=true&tlsCAFile=(\S+)) \(credentials: (.+), data: .+\)/;
const READY_TIMEOUT_MS = 30_000;
const READ_METHOD = '/event_store.client.streams.Streams/Read';

/** A running `chronokube eventstore` child process. */
interface ServerProcess {
  /** With the credentials: the store accepts nothing else. */
  connectionString: string;
  port: number;
  /** PEM of the CA the store's certificate is signed with. */
  caPem: Buffer;
  /** The `authorization` header value every call must carry (Basic user:password). */
  authorization: string;
  /** SIGTERM, SIGKILL after 5 s; resolves once the child has exited. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts the real launcher (`bin/chronokube.js eventstore`) as a child
 * process on 127.0.0.1 with a free port over `dataDir`, so the server has its
 * own event loop as etcd does, and connects the official EventStoreDB client
 * to it over gRPC with TLS and the generated credentials, as any user must. The caller owns `dataDir` (creates and removes it);
 * close() stops client and server.
 */
export async function openChronokube(dataDir: string): Promise<BenchTarget> {
  const server = await startServer(dataDir);
  const client = EventStoreDBClient.connectionString(server.connectionString);
  let rawClient: grpc.Client | undefined;
  let closing: Promise<void> | undefined;

  return {
    name: 'chronokube',

    async append(log: string, events: readonly BenchEvent[]) {
      const data = events.map((e) => jsonEvent({ type: EVENT_TYPE, data: e.data }));
      // One stream per log: a single event goes as itself, as an application would.
      await client.appendToStream(`bench-${log}`, data.length === 1 ? data[0] : data, { expectedRevision: ANY });
    },

    async readAll(maxEvents: number) {
      let count = 0;
      for await (const _event of client.readAll({ fromPosition: START, maxCount: maxEvents })) count++;
      return count;
    },

    readAllRaw(maxEvents: number) {
      rawClient ??= new grpc.Client(`localhost:${server.port}`, grpc.credentials.createSsl(server.caPem));
      const metadata = new grpc.Metadata();
      metadata.set('authorization', server.authorization);
      const call = rawClient.makeServerStreamRequest(
        READ_METHOD,
        (b: Buffer) => b,
        (b: Buffer) => b,
        readAllRequest(maxEvents),
        metadata,
      );
      return new Promise<number>((resolve, reject) => {
        // The server sends one ReadResp per event for a plain read of $all.
        let count = 0;
        call.on('data', () => count++);
        call.on('end', () => resolve(count));
        call.on('error', reject);
      });
    },

    async subscribeProbes(onProbe: (probe: LagProbe, receivedAt: number) => void): Promise<Closable> {
      const subscription = client.subscribeToAll({ fromPosition: END });
      subscription.on('data', (resolved) => {
        const receivedAt = performance.now();
        if (resolved.event?.type === PROBE_TYPE) onProbe(resolved.event.data as unknown as LagProbe, receivedAt);
      });
      let closed = false;
      // Without a listener an 'error' would throw; after unsubscribe it is
      // expected, before it the missing probes also show in the results.
      subscription.on('error', (err) => {
        if (!closed) console.error(`chronokube: subscription failed: ${err.message}`);
      });
      return {
        close: () => {
          closed = true;
          return subscription.unsubscribe();
        },
      };
    },

    async sendProbe(probe: LagProbe) {
      await client.appendToStream(PROBE_STREAM, jsonEvent({ type: PROBE_TYPE, data: probe }), { expectedRevision: ANY });
    },

    close() {
      closing ??= (async () => {
        try {
          rawClient?.close();
          await client.dispose();
        } finally {
          await server.stop();
        }
      })();
      return closing;
    },
  };
}

/**
 * ReadReq { options: { all: { start: {} }, count: maxEvents, no_filter: {},
 * uuid_option: { string: {} } } }, forwards, no link resolution (defaults, omitted).
 */
function readAllRequest(maxEvents: number): Buffer {
  return new Writer()
    .fork() // options (1)
    .fork().empty(2).join(2) // all (2): { start (2): Empty }
    .uint(5, maxEvents) // count (5)
    .empty(8) // no_filter (8)
    .fork().empty(2).join(9) // uuid_option (9): { string (2): Empty }
    .join(1)
    .finish();
}

/**
 * Spawns the launcher and resolves once it prints its ready line; rejects
 * with its stderr if it exits (or stays silent for 30 s) first. Stopping is
 * registered with runCleanup() at once, so Ctrl-C during startup also kills
 * it, and a process 'exit' hook kills it as a last resort.
 */
async function startServer(dataDir: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, [LAUNCHER, 'eventstore', '--data', dataDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const { stop } = ownChild(child);

  try {
    const match = await new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no ready line within ${READY_TIMEOUT_MS} ms; stderr: ${stderr.trim()}`)),
        READY_TIMEOUT_MS,
      );
      const onData = (chunk: Buffer) => {
        stdout = (stdout + chunk.toString()).slice(-4000);
        const m = READY.exec(stdout);
        if (m) {
          clearTimeout(timer);
          child.off('exit', onExit);
          child.stdout!.off('data', onData);
          resolve(m);
        }
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        reject(new Error(`exited (${signal ?? `code ${code}`}) before it was ready; stderr: ${stderr.trim()}`));
      };
      child.stdout!.on('data', onData);
      child.once('exit', onExit);
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    // Keep draining (and dropping) stdout so the child never blocks on a full pipe.
    child.stdout!.resume();
    const userInfo = readFileSync(match[4], 'utf8').trim();
    return {
      connectionString: match[1].replace('://', `://${userInfo}@`),
      port: Number(match[2]),
      caPem: readFileSync(decodeURIComponent(match[3])),
      authorization: `Basic ${Buffer.from(userInfo).toString('base64')}`,
      stop,
    };
  } catch (err) {
    await stop();
    throw new Error(`chronokube eventstore: ${(err as Error).message}`);
  }
}
