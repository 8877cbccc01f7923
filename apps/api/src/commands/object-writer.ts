/**
 * The write path every command handler shares: load the object and its
 * stream revision from the projection, decide, append with that revision
 * as expectedRevision, then wait until the projection shows the write, so
 * the response and every later read include it.
 */
import {
  internal,
  staleConflict,
  streamName,
  unavailable,
  type Decision,
  type KubeObject,
  type ResourceInfo,
} from '@chronokube/core';
import type { ProjectionService } from '../projection/projection.service';
import type { EventLog } from '../store/event-log';
import { RevisionConflict } from '../store/event-store.service';
import { eventMetadata, type RequestContext } from './request-context';

export interface WriteOutcome {
  /** The object after the write (undefined when it is gone). */
  object: KubeObject | undefined;
  /** The object before the write. */
  before: KubeObject | undefined;
  /** False when the decision was to change nothing. */
  changed: boolean;
}

export interface WriteOptions {
  /**
   * Decide again after a lost race (creates, patches, unconditional updates,
   * deletes: the decider then sees what won, e.g. an AlreadyExists); without
   * it a race is a 409 Conflict (an update naming its resourceVersion).
   */
  retry: boolean;
}

const MAX_ATTEMPTS = 8;

export class ObjectWriter {
  constructor(private readonly store: EventLog, private readonly projection: ProjectionService) {}

  /** Decides against the current object and appends; see the class comment. */
  async write(
    resource: ResourceInfo,
    namespace: string | undefined,
    name: string,
    ctx: RequestContext,
    decideFn: (current: KubeObject | undefined) => Decision,
    options: WriteOptions,
  ): Promise<WriteOutcome> {
    const ns = resource.namespaced ? namespace : undefined;
    const stream = streamName(resource.kind, ns, name);
    for (let attempt = 1; ; attempt++) {
      const stored = this.projection.state.get(resource, ns, name);
      const decision = decideFn(stored?.object);
      if (decision.events.length === 0 || ctx.dryRun) {
        return { object: decision.object, before: stored?.object, changed: decision.events.length > 0 };
      }
      const expected = stored ? stored.revision : this.projection.state.streamRevision(stream);
      try {
        const outcome = await this.store.append(stream, decision.events, expected, eventMetadata(ctx));
        if (!(await this.projection.waitFor(outcome.position))) {
          throw unavailable('the write is stored but the projection has not caught up yet; retry the read');
        }
        const after = this.projection.state.get(resource, ns, name);
        return { object: after?.object ?? finalVersion(decision.object, outcome.position), before: stored?.object, changed: true };
      } catch (err) {
        if (!(err instanceof RevisionConflict)) throw err;
        if (!options.retry || attempt >= MAX_ATTEMPTS) throw staleConflict(resource.plural, name, resource.group);
        await this.catchUp();
      }
    }
  }

  /** Waits until the projection has everything the store has. */
  private async catchUp(): Promise<void> {
    const head = await this.store.headPosition();
    if (!(await this.projection.waitFor(head))) throw internal('the projection is not keeping up with the event log');
  }
}

function finalVersion(object: KubeObject | undefined, position: number): KubeObject | undefined {
  if (!object) return undefined;
  return { ...object, metadata: { ...object.metadata, resourceVersion: String(position) } };
}
