/**
 * @chronokube/eventstore: an embedded EventStoreDB-compatible server (gRPC
 * client protocol over a SQLite event log). Talk to it with the official
 * `@eventstore/db-client` and the connection string it reports.
 */
export {
  startEventStoreServer,
  StartupError,
  COMPATIBLE_SERVER_VERSION,
  type EventStoreServer,
  type EventStoreServerOptions,
} from './server/eventstore-server';
export { EventLog, type EventLogOptions, type CommitListener } from './storage/event-log';
export * from './types';
export { sessionStats, LIVE_BUFFER_LIMIT } from './server/read-session';
export { batchStats } from './server/streams-service';
export { DEFAULT_MAX_APPEND_SIZE, eventSize } from './server/append-limits';
export type { StoreUser } from './server/authentication';
