import { Server, ServerCredentials, ServiceDefinition } from '@grpc/grpc-js';
import { EventLog } from '../storage/event-log';
import { encodeSupportedMethods, SupportedMethod } from '../wire/messages';
import { streamsHandlers } from './streams-service';

/** The EventStoreDB server version this one presents itself as (protocol level). */
export const COMPATIBLE_SERVER_VERSION = '24.10.0';

const STREAMS = 'event_store.client.streams.Streams';
const SERVER_FEATURES = 'event_store.client.server_features.ServerFeatures';

const passthrough = (b: Buffer) => b;

function method(service: string, name: string, requestStream: boolean, responseStream: boolean) {
  return {
    path: `/${service}/${name}`,
    requestStream,
    responseStream,
    requestSerialize: passthrough,
    requestDeserialize: passthrough,
    responseSerialize: passthrough,
    responseDeserialize: passthrough,
    originalName: name,
  };
}

// Messages cross this boundary as raw bytes; libs/eventstore/src/wire encodes them.
const streamsService: ServiceDefinition = {
  Read: method(STREAMS, 'Read', false, true),
  Append: method(STREAMS, 'Append', true, false),
  Delete: method(STREAMS, 'Delete', false, false),
  Tombstone: method(STREAMS, 'Tombstone', false, false),
  BatchAppend: method(STREAMS, 'BatchAppend', true, true),
};

const serverFeaturesService: ServiceDefinition = {
  GetSupportedMethods: method(SERVER_FEATURES, 'GetSupportedMethods', false, false),
};

export interface EventStoreServerOptions {
  /** Directory for the data files (created if missing). */
  dataDir: string;
  /** Port to listen on; 0 picks a free one. Default 2113. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Advertise BatchAppend (default true); false makes clients use the Append call. */
  batchAppend?: boolean;
  /** Clock in ms since the epoch (event `created`, $maxAge); injectable for tests. */
  now?: () => number;
}

/** A running embedded server. */
export interface EventStoreServer {
  /** The port actually bound. */
  readonly port: number;
  /** Connection string for the official client, e.g. esdb://127.0.0.1:2113?tls=false */
  readonly connectionString: string;
  readonly log: EventLog;
  /** Stops serving, commits what is queued, closes the data files. Idempotent. */
  close(): Promise<void>;
}

/** Thrown for a startup failure that deserves a one-line message (taken port, bad data dir). */
export class StartupError extends Error {}

/**
 * Starts the EventStoreDB-compatible gRPC server over an EventLog in
 * `dataDir`. Resolves once it accepts connections.
 */
export async function startEventStoreServer(options: EventStoreServerOptions): Promise<EventStoreServer> {
  const host = options.host ?? '127.0.0.1';
  let log: EventLog;
  try {
    log = new EventLog({ dataDir: options.dataDir, now: options.now });
  } catch (err) {
    throw new StartupError(`cannot use data directory ${options.dataDir}: ${(err as Error).message}`);
  }
  const server = new Server({
    'grpc.max_receive_message_length': 64 * 1024 * 1024,
    'grpc.keepalive_permit_without_calls': 1,
    'grpc.http2.min_ping_interval_without_data_ms': 1000,
  });
  server.addService(streamsService, streamsHandlers(log));
  const methods: SupportedMethod[] = [
    { service: STREAMS, method: 'read', features: ['position', 'events'] },
    { service: STREAMS, method: 'append' },
    { service: STREAMS, method: 'delete' },
    { service: STREAMS, method: 'tombstone' },
    ...(options.batchAppend === false ? [] : [{ service: STREAMS, method: 'batchappend' }]),
    { service: SERVER_FEATURES, method: 'getsupportedmethods' },
  ].map((m) => ({ ...m, service: m.service.toLowerCase() }));
  const features = encodeSupportedMethods(methods, COMPATIBLE_SERVER_VERSION);
  server.addService(serverFeaturesService, {
    GetSupportedMethods: (_call: unknown, cb: (e: null, r: Buffer) => void) => cb(null, features),
  });

  const wanted = options.port ?? 2113;
  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`${host}:${wanted}`, ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
  } catch (err) {
    await log.close();
    const msg = (err as Error).message;
    throw new StartupError(
      /EADDRINUSE|address already in use|No address added/i.test(msg)
        ? `port ${wanted} on ${host} is already in use`
        : `cannot listen on ${host}:${wanted}: ${msg}`,
    );
  }
  let closing: Promise<void> | undefined;
  return {
    port,
    connectionString: `esdb://${host}:${port}?tls=false`,
    log,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        // Open subscriptions never end by themselves: cut them after a short grace.
        setTimeout(() => server.forceShutdown(), 200).unref();
      }).then(() => log.close());
      return closing;
    },
  };
}
