/**
 * An incident bundle as an event log: the events of (from, to] held in
 * memory, read and subscribed to like the store, with their original
 * positions, ids, metadata and times. Appends are refused, so a replayed
 * incident can never change.
 */
import { EventEmitter } from 'node:events';
import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import { ApiError, type IncidentBundle, type RecordedEvent } from '@chronokube/core';
import type { EventLog, LogSubscription } from '../store/event-log';
import type { AppendOutcome } from '../store/event-store.service';

/** The 405 every write to a replayed incident gets (docs/history-api.md). */
export function replayReadOnly(name: string): ApiError {
  return new ApiError(405, 'MethodNotAllowed', `this server replays incident "${name}" read-only; writes are refused`, {});
}

export class BundleEventLog implements EventLog {
  private readonly events: RecordedEvent[];

  constructor(private readonly bundle: IncidentBundle) {
    this.events = bundle.events
      .map((e) => ({ streamId: e.stream, revision: BigInt(e.revision), type: e.type, data: e.data, position: e.position, id: e.id, metadata: e.metadata, time: Date.parse(e.time) }))
      .sort((a, b) => a.position - b.position);
  }

  /** The bundle's checksum was verified as a whole when it was loaded; its events carry another install's signatures. */
  verify(): boolean {
    return true;
  }

  /** In memory: always there. */
  async ping(): Promise<void> {}

  subscribeAll(fromPosition: number): LogSubscription {
    const emitter = new EventEmitter();
    let stopped = false;
    setImmediate(() => {
      for (const e of this.events) {
        if (stopped) return;
        if (e.position > fromPosition) emitter.emit('data', resolvedOf(e));
      }
      if (!stopped) emitter.emit('caughtUp');
    });
    return Object.assign(emitter, {
      unsubscribe: async () => {
        stopped = true;
      },
    }) as unknown as LogSubscription;
  }

  async *readRange(after: number, upTo: number): AsyncGenerator<RecordedEvent> {
    for (const e of this.events) if (e.position > after && e.position <= upTo) yield e;
  }

  async readStream(stream: string): Promise<RecordedEvent[]> {
    return this.events.filter((e) => e.streamId === stream);
  }

  async eventIdAt(position: number): Promise<string | undefined> {
    return this.events.find((e) => e.position === position)?.id;
  }

  async readPositions(positions: number[]): Promise<RecordedEvent[]> {
    const wanted = new Set(positions);
    return this.events.filter((e) => wanted.has(e.position));
  }

  async headPosition(): Promise<number> {
    return this.events.length ? this.events[this.events.length - 1].position : this.bundle.snapshot.position;
  }

  append(): Promise<AppendOutcome> {
    return Promise.reject(replayReadOnly(this.bundle.incident.name));
  }

  async close(): Promise<void> {}
}

/** The shape the store client delivers, so the projection's toRecorded reads it unchanged. */
function resolvedOf(e: RecordedEvent): AllStreamResolvedEvent {
  const position = { commit: BigInt(e.position), prepare: BigInt(e.position) };
  return {
    event: { streamId: e.streamId, revision: e.revision, type: e.type, data: e.data, metadata: e.metadata, id: e.id, position, created: new Date(e.time ?? 0), isJson: true },
  } as unknown as AllStreamResolvedEvent;
}
