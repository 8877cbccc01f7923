/**
 * The services the controllers and command handlers share, built once per
 * server: the store client, the projection, the write path, admission,
 * field ownership, time travel and watches.
 */
import { Injectable } from '@nestjs/common';
import type { ApiError } from '@chronokube/core';
import type { ApiConfig } from './config';
import { ClusterAdmission } from './admission/cluster-admission';
import { Authenticator } from './auth/authenticator';
import { ManagedFields } from './commands/managed-fields';
import { ObjectWriter } from './commands/object-writer';
import { AuditRecorder } from './history/audit-recorder';
import { BundleEventLog, replayReadOnly } from './history/bundle-event-log';
import { HistoryIndexService } from './history/history-index.service';
import { HistoryService } from './history/history.service';
import { ProjectionService } from './projection/projection.service';
import type { EventLog } from './store/event-log';
import { EventStoreService } from './store/event-store.service';
import { WatchService } from './watch/watch.service';
import { StoreHealth } from './http/store-health';

@Injectable()
export class ApiContext {
  /** The store, or a replayed incident bundle held in memory. */
  readonly store: EventLog;
  readonly projection: ProjectionService;
  readonly writer: ObjectWriter;
  readonly admission: ClusterAdmission;
  readonly managedFields = new ManagedFields();
  readonly history: HistoryService;
  readonly watches: WatchService;
  readonly authenticator: Authenticator;
  readonly indexes: HistoryIndexService;
  readonly audit: AuditRecorder;
  /** Set when serving a replayed incident: the 405 every write gets. */
  readonly readOnly: ApiError | undefined;
  /** Whether the store answers: 503s and /readyz while it is away. */
  readonly storeHealth: StoreHealth;
  /** host:port as clients reach it, for discovery's serverAddressByClientCIDRs. */
  serverAddress = '';

  constructor(readonly config: ApiConfig) {
    const replay = config.replay;
    this.store = replay ? new BundleEventLog(replay) : new EventStoreService(config.eventstoreUrl, { historyKey: config.historyKey, trustUnsignedUpTo: config.trustUnsignedUpTo, eventstoreFile: config.eventstoreFile });
    this.readOnly = replay ? replayReadOnly(replay.incident.name) : undefined;
    this.projection = new ProjectionService(this.store, {
      changeLogCapacity: config.changeLogCapacity,
      snapshotEvery: config.snapshotEvery,
      // A replay starts from the bundle's snapshot and never writes one.
      snapshotDir: replay ? undefined : config.snapshotDir,
      seed: replay ? { snapshot: replay.snapshot } : undefined,
    });
    this.writer = new ObjectWriter(this.store, this.projection);
    this.admission = new ClusterAdmission(this.projection, config.serviceCidr);
    this.history = new HistoryService(this.store, this.projection, replay ? replay.snapshot.position : 0);
    this.indexes = new HistoryIndexService(this.store, this.projection, replay?.from);
    this.audit = new AuditRecorder(this.store);
    this.audit.enabled = !replay;
    this.watches = new WatchService(this.projection);
    if (config.bookmarkIntervalMs) this.watches.bookmarkIntervalMs = config.bookmarkIntervalMs;
    this.authenticator = new Authenticator(config.tokens, config.nodeSecret);
    this.storeHealth = new StoreHealth({ ping: () => this.store.ping() });
  }
}
