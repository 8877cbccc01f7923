/**
 * Incidents as events: stream `incident-<id>` holds IncidentOpened,
 * IncidentClosed and IncidentAnnotated; an Incident is their fold. Not a
 * cluster kind, so the projection never sees them; the event index lists
 * their streams.
 */
import { randomUUID } from 'node:crypto';
import { conflict, formatTime, notFound, type DomainEvent, type EventMetadata, type Incident, type PointRef, type RecordedEvent } from '@chronokube/core';
import type { UserInfo } from '../auth/token-file';
import type { EventLog } from '../store/event-log';
import { RevisionConflict } from '../store/event-store.service';
import type { ProjectionService } from '../projection/projection.service';
import { Category } from './event-columns';
import type { HistoryIndexService } from './history-index.service';
import { HISTORY_GROUP } from './history-authz';

export const INCIDENT_PREFIX = 'incident-';

/** Who asks, for the events' metadata. */
export interface IncidentActor {
  user: UserInfo;
  userAgent?: string;
  sourceIP?: string;
}

/** An incident with the stream revision it was folded at (expectedRevision of the next append). */
export interface FoldedIncident {
  incident: Incident;
  revision: bigint;
}

/** The incident its events describe, or undefined for an empty or foreign stream. */
export function foldIncident(events: RecordedEvent[]): FoldedIncident | undefined {
  let folded: FoldedIncident | undefined;
  for (const e of events) {
    const data = (e.data ?? {}) as Record<string, unknown>;
    if (e.type === 'IncidentOpened') {
      folded = {
        revision: e.revision,
        incident: {
          kind: 'Incident',
          id: e.streamId.slice(INCIDENT_PREFIX.length),
          name: String(data.name ?? ''),
          notes: String(data.notes ?? ''),
          tags: Array.isArray(data.tags) ? data.tags.map(String) : [],
          from: data.from as PointRef,
          createdBy: String(data.createdBy ?? ''),
          createdAt: formatTime(e.time ?? 0),
        },
      };
      continue;
    }
    if (!folded) continue;
    folded.revision = e.revision;
    if (e.type === 'IncidentClosed') folded.incident.to = data.to as PointRef;
    if (e.type === 'IncidentAnnotated') {
      if (typeof data.notes === 'string') folded.incident.notes = data.notes;
      if (Array.isArray(data.tags)) folded.incident.tags = data.tags.map(String);
    }
  }
  return folded;
}

/** A fact of ours through the store's one append path (the stored type is kind + suffix). */
function fact(type: string, data: unknown): DomainEvent {
  return { kind: type, suffix: '', data } as unknown as DomainEvent;
}

export class IncidentStore {
  /** `replayed`: the incident a replayed bundle holds, shown as it was exported (its own stream's events may lie outside the bundle). */
  constructor(private readonly log: EventLog, private readonly projection: ProjectionService, private readonly indexes: HistoryIndexService, private readonly replayed?: Incident) {}

  /** Every incident, oldest first. */
  async list(): Promise<Incident[]> {
    if (this.replayed) return [this.replayed];
    const index = this.indexes.index;
    const { rows } = index.scan({ category: Category.Incident, after: 0, upTo: Number.MAX_SAFE_INTEGER }, 'asc', Number.MAX_SAFE_INTEGER);
    const byStream = new Map<string, RecordedEvent[]>();
    for (const e of await this.indexes.fetchRows(rows)) {
      if (!byStream.has(e.streamId)) byStream.set(e.streamId, []);
      byStream.get(e.streamId)!.push(e);
    }
    return [...byStream.values()].map((events) => foldIncident(events)?.incident).filter((i): i is Incident => i !== undefined);
  }

  /** One incident with its revision; 404 when there is none. */
  async get(id: string): Promise<FoldedIncident> {
    if (this.replayed) {
      if (id !== this.replayed.id) throw notFound('incidents', id, HISTORY_GROUP);
      return { incident: this.replayed, revision: 0n };
    }
    const folded = /^[A-Za-z0-9-]+$/.test(id) ? foldIncident(await this.log.readStream(INCIDENT_PREFIX + id)) : undefined;
    if (!folded) throw notFound('incidents', id, HISTORY_GROUP);
    return folded;
  }

  /** Opens an incident at `from`; resolves once it is durable and indexed. */
  async open(actor: IncidentActor, fields: { name: string; notes: string; tags: string[]; from: PointRef }): Promise<Incident> {
    const id = randomUUID();
    const data = { ...fields, createdBy: actor.user.name };
    await this.append(id, [fact('IncidentOpened', data)], undefined, actor, 'create');
    return (await this.get(id)).incident;
  }

  /** Closes an open incident at `to` (409 when already closed), with notes when given. */
  async close(actor: IncidentActor, id: string, to: PointRef, notes?: string): Promise<Incident> {
    const current = await this.get(id);
    if (current.incident.to) throw conflict('incidents', id, 'the incident is already stopped', HISTORY_GROUP);
    const events = [fact('IncidentClosed', { to })];
    if (notes !== undefined) events.push(fact('IncidentAnnotated', { notes }));
    await this.append(id, events, current.revision, actor, 'update');
    return (await this.get(id)).incident;
  }

  /** Replaces notes and/or tags. */
  async annotate(actor: IncidentActor, id: string, change: { notes?: string; tags?: string[] }): Promise<Incident> {
    const current = await this.get(id);
    await this.append(id, [fact('IncidentAnnotated', change)], current.revision, actor, 'patch');
    return (await this.get(id)).incident;
  }

  private async append(id: string, events: DomainEvent[], expected: bigint | undefined, actor: IncidentActor, verb: string): Promise<void> {
    const requestId = randomUUID();
    const metadata: EventMetadata = { actor: actor.user.name, actorUid: actor.user.uid, verb, correlationId: requestId, causationId: requestId };
    if (actor.userAgent) metadata.userAgent = actor.userAgent;
    if (actor.sourceIP) metadata.sourceIP = actor.sourceIP;
    try {
      const outcome = await this.log.append(INCIDENT_PREFIX + id, events, expected, metadata);
      // Answer once the index (fed by the projection) lists it, like every write.
      await this.projection.waitFor(outcome.position, 10_000);
    } catch (err) {
      if (err instanceof RevisionConflict) {
        throw conflict('incidents', id, 'the incident was changed by another request; try again', HISTORY_GROUP);
      }
      throw err;
    }
  }
}
