/**
 * What the control plane does with an object it cannot process (a field of
 * the wrong type that made a controller or the scheduler throw, a patch in
 * the log that does not apply): one clear log line, one Warning Event on
 * the object, and the component goes on with everything else. The log is
 * forever, so such an object must never stop the control plane, nor make
 * it write an Event per retry: each version of an object is reported once,
 * across components and across restarts (an Event already in the
 * projection for that version counts).
 */
import type { CommandBus } from '@nestjs/cqrs';
import { RESOURCES, apiVersionOf, type KubeObject, type ResourceInfo } from '@chronokube/core';
import { controllerContext } from '../controllers/controller-context';
import { EventRecorder } from '../kube-events';
import type { ProjectionService } from './projection.service';

/** The reason of the Warning Event recorded on an object the control plane had to skip. */
export const MALFORMED_REASON = 'FailedToProcess';

const EVENTS = RESOURCES.find((r) => r.kind === 'Event')!;
/** Versions remembered as reported; past this the oldest are forgotten (the projection check still holds). */
const REMEMBERED = 10_000;
const MAX_MESSAGE = 512;

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function messageOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}...` : text;
}

const REPORTERS = new WeakMap<ProjectionService, MalformedObjectReporter>();

export class MalformedObjectReporter {
  private readonly reported = new Set<string>();
  private readonly logged = new Set<string>();
  private readonly events: EventRecorder;

  private constructor(private readonly projection: ProjectionService, commands: CommandBus) {
    this.events = new EventRecorder(commands, () => false, 2);
  }

  /** The one reporter of a projection, shared by every component that reads it. */
  static for(projection: ProjectionService, commands: CommandBus): MalformedObjectReporter {
    let reporter = REPORTERS.get(projection);
    if (!reporter) REPORTERS.set(projection, (reporter = new MalformedObjectReporter(projection, commands)));
    return reporter;
  }

  /**
   * Reports that `component` skipped `object` (a version from the
   * projection) because of `err`. Idempotent per component and version for
   * the log line, per version for the Event. Never throws.
   */
  report(component: string, resource: ResourceInfo, object: KubeObject | undefined, err: unknown): void {
    try {
      this.reportOrThrow(component, resource, object, err);
    } catch (inner) {
      process.stderr.write(`chronokube api: ${component}: could not report a malformed ${resource.kind}: ${messageOf(inner)}\n`);
    }
  }

  private reportOrThrow(component: string, resource: ResourceInfo, object: KubeObject | undefined, err: unknown): void {
    const meta = (typeof object?.metadata === 'object' && object.metadata !== null ? object.metadata : {}) as Record<string, unknown>;
    const name = str(meta.name) ?? '';
    const namespace = resource.namespaced ? str(meta.namespace) : undefined;
    const resourceVersion = str(meta.resourceVersion);
    const version = `${resource.kind}/${namespace ?? ''}/${name}@${resourceVersion ?? '?'}`;
    const message = messageOf(err);
    if (this.remember(this.logged, `${component} ${version}`)) {
      process.stderr.write(`chronokube api: ${component}: skipping ${resource.kind} ${namespace ? `${namespace}/` : ''}${name} at resourceVersion ${resourceVersion ?? '?'}, which it cannot process: ${message}\n`);
    }
    if (!name || !this.remember(this.reported, version) || this.alreadyRecorded(namespace, str(meta.uid), resourceVersion)) return;
    // Only the identity of the object goes into the Event: its other fields are what is broken.
    const regarding: KubeObject = {
      apiVersion: apiVersionOf(resource),
      kind: resource.kind,
      metadata: { name, namespace, uid: str(meta.uid), resourceVersion },
    };
    this.events.record({
      regarding, type: 'Warning', reason: MALFORMED_REASON, component,
      message: `${component} skipped this version of the object, which it cannot process: ${message}`,
    }, controllerContext(component, 'create', 'malformed object'));
  }

  /** True the first time `key` is seen. */
  private remember(seen: Set<string>, key: string): boolean {
    if (seen.has(key)) return false;
    if (seen.size >= REMEMBERED) seen.delete(seen.values().next().value as string);
    seen.add(key);
    return true;
  }

  /** Whether an earlier run already recorded the Event for this version (a restart replays the same log). */
  private alreadyRecorded(namespace: string | undefined, uid: string | undefined, resourceVersion: string | undefined): boolean {
    for (const stored of this.projection.state.list(EVENTS, namespace ?? 'default')) {
      const e = stored.object as { reason?: string; involvedObject?: { uid?: string; resourceVersion?: string } };
      if (e.reason === MALFORMED_REASON && e.involvedObject?.uid === uid && e.involvedObject?.resourceVersion === resourceVersion) return true;
    }
    return false;
  }

  stop(): void {
    this.events.stop();
  }
}
