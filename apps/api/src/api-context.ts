/**
 * The services the controllers and command handlers share, built once per
 * server: the store client, the projection, the write path, admission,
 * field ownership, time travel and watches.
 */
import { Injectable } from '@nestjs/common';
import type { ApiConfig } from './config';
import { ClusterAdmission } from './admission/cluster-admission';
import { Authenticator } from './auth/authenticator';
import { ManagedFields } from './commands/managed-fields';
import { ObjectWriter } from './commands/object-writer';
import { HistoryService } from './history/history.service';
import { ProjectionService } from './projection/projection.service';
import { EventStoreService } from './store/event-store.service';
import { WatchService } from './watch/watch.service';
import { pingStore, StoreHealth } from './http/store-health';

@Injectable()
export class ApiContext {
  readonly store: EventStoreService;
  readonly projection: ProjectionService;
  readonly writer: ObjectWriter;
  readonly admission: ClusterAdmission;
  readonly managedFields = new ManagedFields();
  readonly history: HistoryService;
  readonly watches: WatchService;
  readonly authenticator: Authenticator;
  /** Whether the store answers: 503s and /readyz while it is away. */
  readonly storeHealth: StoreHealth;
  /** host:port as clients reach it, for discovery's serverAddressByClientCIDRs. */
  serverAddress = '';

  constructor(readonly config: ApiConfig) {
    this.store = new EventStoreService(config.eventstoreUrl);
    this.projection = new ProjectionService(this.store, {
      changeLogCapacity: config.changeLogCapacity,
      snapshotEvery: config.snapshotEvery,
      snapshotDir: config.snapshotDir,
    });
    this.writer = new ObjectWriter(this.store, this.projection);
    this.admission = new ClusterAdmission(this.projection, config.serviceCidr);
    this.history = new HistoryService(this.store, this.projection);
    this.watches = new WatchService(this.projection);
    if (config.bookmarkIntervalMs) this.watches.bookmarkIntervalMs = config.bookmarkIntervalMs;
    this.authenticator = new Authenticator(config.tokens, config.nodeSecret);
    this.storeHealth = new StoreHealth({ ping: () => pingStore(this.store.client) });
  }
}
