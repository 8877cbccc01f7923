import path from 'node:path';
import { CliError } from './errors';
import { prepareStoreSecurity, redactConnectionString } from './store-security';

/** What the launcher passes to the embedded store. */
export interface EmbeddedStoreOptions {
  /** The launcher's --data directory; the store itself lives in its `eventstore/` subdirectory. */
  dataDir: string;
  port: number;
  host: string;
  batchAppend: boolean;
  /** Largest append accepted, in bytes by EventStoreDB's measure; default 1 MiB. */
  maxAppendSize?: number;
}

/** A running embedded store, as the commands need to see it. */
export interface RunningStore {
  /** With the password: esdb://admin:PASS@127.0.0.1:2113?tls=true&tlsCAFile=DIR/eventstore/tls/ca.crt */
  readonly connectionString: string;
  /** The file holding `user:password` (0600); printed instead of the password. */
  readonly credentialsFile: string;
  /** Absolute path of the store's files. */
  readonly dir: string;
  /** Stops serving and closes the data files; idempotent. */
  close(): Promise<void>;
}

/**
 * Where a store of `options` keeps its data, its credentials file, and the
 * options its server starts with (TLS and the user made at first start):
 * the same for a store in this thread or in its own (plain data, so it can
 * be posted to a worker).
 */
export async function storeServerOptions(options: EmbeddedStoreOptions) {
  const dir = path.resolve(options.dataDir, 'eventstore');
  const security = await prepareStoreSecurity(dir, [options.host]);
  return {
    dir,
    credentialsFile: security.credentialsFile,
    server: {
      dataDir: dir,
      port: options.port,
      host: options.host,
      batchAppend: options.batchAppend,
      maxAppendSize: options.maxAppendSize,
      tls: security.tls,
      user: security.user,
    },
  };
}

/**
 * Starts the embedded EventStoreDB-compatible server in `<dataDir>/eventstore`
 * and resolves once it accepts connections. A taken port or an unusable
 * directory becomes a {@link CliError} (exit 1) with the store's one-line message.
 */
export async function startEmbeddedStore(options: EmbeddedStoreOptions): Promise<RunningStore> {
  quietGrpcLogs();
  // Loaded lazily so `--help` and usage errors do not pay for gRPC and SQLite.
  const { startEventStoreServer, StartupError } = await import('@chronokube/eventstore');
  const { dir, credentialsFile, server: serverOptions } = await storeServerOptions(options);
  try {
    const server = await startEventStoreServer(serverOptions);
    return {
      connectionString: server.connectionString,
      credentialsFile,
      dir,
      close: () => server.close(),
    };
  } catch (err) {
    if (err instanceof StartupError) throw new CliError(err.message, 1);
    throw err;
  }
}

/** How the commands print a store: no password, but the file to read it from. */
export function describeStore(store: Pick<RunningStore, 'connectionString' | 'credentialsFile'>): string {
  return `${redactConnectionString(store.connectionString)} (credentials: ${store.credentialsFile})`;
}

/**
 * grpc-js prints its own "E No address added ..." line on a failed bind, which
 * would break the one-line error contract; the store already reports that
 * failure in words. It reads the setting once, at load, hence before the
 * import above. A user who sets GRPC_VERBOSITY (or GRPC_NODE_VERBOSITY) wins.
 */
export function quietGrpcLogs(): void {
  if (process.env.GRPC_VERBOSITY === undefined && process.env.GRPC_NODE_VERBOSITY === undefined) {
    process.env.GRPC_VERBOSITY = 'NONE';
  }
}
