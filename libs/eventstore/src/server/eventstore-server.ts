import { Server, ServerCredentials, ServiceDefinition } from '@grpc/grpc-js';
import { EventLog } from '../storage/event-log';
import { encodeSupportedMethods, SupportedMethod } from '../wire/messages';
import { DEFAULT_MAX_APPEND_SIZE } from './append-limits';
import { authenticationInterceptor, StoreUser } from './authentication';
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
  /**
   * Serve gRPC over TLS with this PEM certificate chain and key. `caFile`,
   * the CA that signed it, only goes into the connection string. Without
   * TLS the server is plain text and open to anyone who reaches the port:
   * for tests only.
   */
  tls?: { certPem: string; keyPem: string; caFile?: string };
  /** The user every Streams call must authenticate as (Basic, over TLS; the official client sends it nowhere else). Needs `tls`. */
  user?: StoreUser;
  /** Largest append accepted, in EventStoreDB's measure (data + metadata + 2 bytes per type character). Default 1 MiB. */
  maxAppendSize?: number;
}

/** A running embedded server. */
export interface EventStoreServer {
  /** The port actually bound. */
  readonly port: number;
  /**
   * Connection string for the official client: esdb://127.0.0.1:2113?tls=false
   * without TLS, else esdb://USER:PASS@127.0.0.1:2113?tls=true&tlsCAFile=CA.
   */
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
  if (options.user && !options.tls) throw new StartupError('credentials need TLS: the official client sends them only over TLS');
  const maxAppendSize = options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE;
  if (!Number.isSafeInteger(maxAppendSize) || maxAppendSize <= 0) throw new StartupError(`invalid maximum append size ${maxAppendSize}`);
  let credentials: ServerCredentials;
  try {
    credentials = options.tls
      ? ServerCredentials.createSsl(null, [{ cert_chain: Buffer.from(options.tls.certPem), private_key: Buffer.from(options.tls.keyPem) }], false)
      : ServerCredentials.createInsecure();
  } catch (err) {
    throw new StartupError(`unusable TLS certificate or key: ${(err as Error).message}`);
  }
  let log: EventLog;
  try {
    log = new EventLog({ dataDir: options.dataDir, now: options.now });
  } catch (err) {
    throw new StartupError(`cannot use data directory ${options.dataDir}: ${(err as Error).message}`);
  }
  const open = new Set([`/${SERVER_FEATURES}/GetSupportedMethods`]);
  const server = new Server({
    'grpc.max_receive_message_length': 64 * 1024 * 1024,
    'grpc.keepalive_permit_without_calls': 1,
    'grpc.http2.min_ping_interval_without_data_ms': 1000,
    interceptors: options.user ? [authenticationInterceptor(options.user, open)] : [],
  });
  server.addService(streamsService, streamsHandlers(log, { maxAppendSize }));
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
      server.bindAsync(`${host}:${wanted}`, credentials, (err, p) => (err ? reject(err) : resolve(p))),
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
    connectionString: connectionString(host, port, options),
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

/**
 * Where TLS clients dial a server bound to `host`: a loopback or any-address
 * bind by the name localhost, since grpc-js sends the host as the TLS server
 * name and Node warns (DEP0123) on every process that does so with an IP.
 * The certificate covers both.
 */
function dialHost(host: string): string {
  return ['127.0.0.1', '0.0.0.0', '::', '::1'].includes(host) ? 'localhost' : host;
}

function connectionString(host: string, port: number, o: EventStoreServerOptions): string {
  if (!o.tls) return `esdb://${host}:${port}?tls=false`;
  host = dialHost(host);
  const user = o.user ? `${encodeURIComponent(o.user.username)}:${encodeURIComponent(o.user.password)}@` : '';
  // Only what would end the value is escaped (the client decodes it), so the path stays readable.
  const ca = o.tls.caFile ? `&tlsCAFile=${o.tls.caFile.replace(/[%&?#\s]/g, encodeURIComponent)}` : '';
  return `esdb://${user}${host}:${port}?tls=true${ca}`;
}
