/** How one API server runs; built by the launcher from flags and environment. */
import type { IncidentBundle, NodeLifecycleOptions, SchedulerProfile } from '@chronokube/core';
import type { UserInfo } from './auth/token-file';

export interface ApiConfig {
  /** esdb:// connection string of the store (embedded or real). */
  eventstoreUrl: string;
  /**
   * The embedded store's SQLite file when this server runs on it
   * (DIR/eventstore/events.sqlite): history reads then read it directly.
   * Absent for a store by URL.
   */
  eventstoreFile?: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** PEM server certificate and key; absent = plain HTTP (only by explicit choice). */
  tls?: { cert: string; key: string };
  tokens: Map<string, UserInfo>;
  /** Secret node agents mint their system:node:<name> tokens with (DIR/node-secret); none = node tokens refused. */
  nodeSecret?: string;
  /** Service cluster IP range (default 127.96.0.0/16: loopback, so proxies can bind it). */
  serviceCidr: string;
  /**
   * The install's history key (DIR/history-key, 32 bytes): every appended
   * event is signed with it, and events not signed with it are ignored.
   * Absent: nothing is signed or checked (a warning is logged).
   */
  historyKey?: Buffer;
  /** Events at or before this $all position are served unsigned: a log from before signatures (DIR/history-key.unsigned-until). */
  trustUnsignedUpTo?: number;
  /** Where the projection keeps its snapshot file (derived; speeds up restarts). */
  snapshotDir?: string;
  /** The scheduler's profile (enabled plugins, weights, sampling); kube's defaults when absent. */
  schedulerProfile?: SchedulerProfile;
  /** Record a "Scheduled" Event per binding (default true). */
  scheduledEvents?: boolean;
  /** Node lifecycle: heartbeat grace period and default toleration (kube's 40 s and 300 s). */
  nodeLifecycle?: NodeLifecycleOptions;
  /** Run no scheduler or controllers (an API-only server). */
  apiOnly?: boolean;
  changeLogCapacity?: number;
  snapshotEvery?: number;
  bookmarkIntervalMs?: number;
  /** Serve this verified incident bundle read-only instead of the store (`chronokube server --replay`). */
  replay?: IncidentBundle;
}

export const DEFAULT_SERVICE_CIDR = '127.96.0.0/16';
