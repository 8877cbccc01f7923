import path from 'node:path';
import { CliError } from './errors';

/** What the launcher passes to the embedded store. */
export interface EmbeddedStoreOptions {
  /** The launcher's --data directory; the store itself lives in its `eventstore/` subdirectory. */
  dataDir: string;
  port: number;
  host: string;
  batchAppend: boolean;
}

/** A running embedded store, as the commands need to see it. */
export interface RunningStore {
  /** e.g. esdb://127.0.0.1:2113?tls=false */
  readonly connectionString: string;
  /** Absolute path of the store's files. */
  readonly dir: string;
  /** Stops serving and closes the data files; idempotent. */
  close(): Promise<void>;
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
  const dir = path.resolve(options.dataDir, 'eventstore');
  try {
    const server = await startEventStoreServer({
      dataDir: dir,
      port: options.port,
      host: options.host,
      batchAppend: options.batchAppend,
    });
    return {
      connectionString: server.connectionString,
      dir,
      close: () => server.close(),
    };
  } catch (err) {
    if (err instanceof StartupError) throw new CliError(err.message, 1);
    throw err;
  }
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
