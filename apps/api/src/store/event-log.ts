/**
 * The event log as the projection and the history read it. The store
 * (EventStoreService) is the real one; a replayed incident bundle is an
 * in-memory one (history/bundle-event-log.ts), so the same projection and
 * history code serve both.
 */
import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import type { DomainEvent, EventMetadata, RecordedEvent } from '@chronokube/core';
import type { AppendOutcome } from './event-store.service';

/** A live subscription to $all: 'data' (a resolved event), 'caughtUp', 'error'. */
export interface LogSubscription {
  on(event: 'data', listener: (resolved: AllStreamResolvedEvent) => void): unknown;
  on(event: 'caughtUp', listener: () => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  unsubscribe(): Promise<void>;
}

/** Reads (and, for the store, appends) of the log; see EventStoreService for each method's contract. */
export interface EventLog {
  /** False for an event this control plane did not write (no valid signature): readers skip it. */
  verify(event: RecordedEvent): boolean;
  /** Resolves once the log answers one cheap read (within a deadline); rejects as its client does when it cannot. */
  ping(): Promise<void>;
  subscribeAll(fromPosition: number): LogSubscription;
  readRange(after: number, upTo: number, pageSize?: number): AsyncGenerator<RecordedEvent>;
  readStream(stream: string): Promise<RecordedEvent[]>;
  eventIdAt(position: number): Promise<string | undefined>;
  readPositions(positions: number[]): Promise<RecordedEvent[]>;
  headPosition(): Promise<number>;
  append(stream: string, events: DomainEvent[], expected: bigint | undefined | 'any', metadata: EventMetadata): Promise<AppendOutcome>;
  close(): Promise<void>;
}
