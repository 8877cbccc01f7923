/**
 * The shape every controller of the controller manager shares: projection
 * changes only enqueue keys; reconcile(key) re-reads the projection, asks a
 * pure reconciler (libs/core) for the actions that close the gap, and runs
 * them as commands in order, stopping at the first that does not go
 * through (the key then comes back). Actions cite the event that caused
 * them and inherit its correlation id.
 */
import type { CommandBus } from '@nestjs/cqrs';
import { ApiError, type Change, type ControllerAction, type KubeObject, type ReconcileResult, type ResourceInfo } from '@chronokube/core';
import type { ProjectionService } from '../projection/projection.service';
import { executeAction } from './action-executor';
import { EventRecorder, type EventRecord } from '../kube-events';
import type { WriteOutcome } from '../commands/object-writer';
import { controllerContext, reportContext } from './controller-context';
import { WorkQueue } from './work-queue';
import { isStoreUnavailable } from '../http/store-health';
import { MalformedObjectReporter } from '../projection/malformed-reporter';
import { splitKey } from './workload-index';

/** Delay before a key whose actions lost a race is looked at again. */
const CONFLICT_RETRY_MS = 20;

export abstract class ReconcilingController {
  protected readonly queue: WorkQueue;
  /** The controller's events, written behind its actions (kube's broadcaster). */
  readonly events: EventRecorder;
  private readonly causes = new Map<string, Change>();
  private unsubscribe: (() => void) | undefined;
  private readonly malformed: MalformedObjectReporter;

  constructor(
    readonly name: string,
    protected readonly projection: ProjectionService,
    protected readonly commands: CommandBus,
    workers = 4,
  ) {
    // While keys wait, their actions go first and the events trail (two at a time).
    this.events = new EventRecorder(commands, () => this.queue.busy);
    this.malformed = MalformedObjectReporter.for(projection, commands);
    this.queue = new WorkQueue((key) => this.run(key), (key, err) => {
      // A store outage is logged once by the API (StoreHealth), not once per key.
      if (!(err instanceof ApiError)) {
        if (!isStoreUnavailable(err)) process.stderr.write(`${this.name}: ${key}: ${(err as Error).message}\n`);
      } else if (err.code === 400 || err.code === 422) {
        // The API refuses what this controller writes for the key (say the stored object is wrongly typed):
        // the key keeps backing off, and the object hears about it once.
        const target = this.objectOf(key);
        if (target) this.malformed.report(this.name, target.resource, target.object, err);
      }
    }, workers);
  }

  /** Keys to look at for this change (none when it does not concern this controller). */
  protected abstract keysFor(change: Change): Iterable<string>;
  /** Every key at start (level-triggered: the state is reconciled whatever happened while down). */
  protected abstract initialKeys(): Iterable<string>;
  /** The actions for one key, from the projection as it is now. */
  protected abstract reconcile(key: string, now: Date): ReconcileResult | ControllerAction[];

  /**
   * The object a key stands for, to report when reconciling it throws
   * (by default the key is `namespace/name` of `primary`).
   */
  protected objectOf(key: string): { resource: ResourceInfo; object: KubeObject | undefined } | undefined {
    if (!this.primary) return undefined;
    const [namespace, name] = splitKey(key);
    return { resource: this.primary, object: this.projection.state.get(this.primary, namespace, name)?.object };
  }

  /** The resource whose `namespace/name` the keys are, when there is one. */
  protected readonly primary: ResourceInfo | undefined = undefined;

  /** The Event to record once `action` went through, given the write (the object before and after); none by default. */
  protected eventFor(_action: ControllerAction, _write: WriteOutcome | undefined): EventRecord | undefined {
    return undefined;
  }

  private async run1(action: ControllerAction, ctx: ReturnType<typeof controllerContext>): Promise<string> {
    const { outcome, write } = await executeAction(this.commands, action, { ...ctx, now: new Date() });
    // Events are best effort, as in Kubernetes: queued, never failing the reconcile.
    const event = outcome === 'done' && write?.changed !== false ? this.eventFor(action, write) : undefined;
    if (event) this.events.record(event, reportContext({ ...ctx, now: new Date() }, this.projection, write));
    return outcome;
  }

  start(): void {
    this.unsubscribe = this.projection.onChange((change) => {
      try {
        for (const key of this.keysFor(change)) {
          this.causes.set(key, change);
          this.queue.add(key);
        }
      } catch (err) {
        // A change this controller cannot even index (a wrongly-typed object in the log): skip it, say so once.
        this.malformed.report(this.name, change.resource, change.after ?? change.before, err);
      }
    });
    try {
      for (const key of this.initialKeys()) this.queue.add(key);
    } catch (err) {
      process.stderr.write(`${this.name}: could not list every key at start: ${(err as Error)?.message ?? String(err)}\n`);
    }
  }

  stop(): void {
    this.unsubscribe?.();
    this.queue.stop();
    this.events.stop();
  }

  private async run(key: string): Promise<void> {
    // The cause stays until its actions went through, so a retry (a lost race, an error) still cites it.
    const cause = this.causes.get(key);
    let result: ReconcileResult | ControllerAction[];
    try {
      result = this.reconcile(key, new Date());
    } catch (err) {
      // Reconcile is pure over the projection: it throws the same until the object changes, and a
      // change queues the key again. Retrying now would only loop, so report once and drop the key.
      if (err instanceof ApiError) throw err;
      const target = this.objectOf(key);
      if (target) this.malformed.report(this.name, target.resource, target.object, err);
      else process.stderr.write(`${this.name}: ${key}: skipped, cannot be reconciled: ${(err as Error)?.message ?? String(err)}\n`);
      return;
    }
    const { actions, requeueAfterMs } = Array.isArray(result) ? { actions: result, requeueAfterMs: undefined } : result;
    if (actions.length > 0 && !(await this.execute(actions, cause))) {
      this.queue.addAfter(key, CONFLICT_RETRY_MS);
      return;
    }
    if (this.causes.get(key) === cause) this.causes.delete(key);
    if (requeueAfterMs !== undefined) this.queue.addAfter(key, Math.max(10, requeueAfterMs));
  }

  /**
   * Runs the actions in order; consecutive creates go in kube's slow-start
   * batches (1, 2, 4, ...) run in parallel. False when one did not go through.
   */
  private async execute(actions: ControllerAction[], cause: Change | undefined): Promise<boolean> {
    // Without a change to cite, the controller acts on the state it found (its start-up resync, a timed look again).
    const ctx = controllerContext(this.name, 'update', `${this.name} reconcile`, cause, 'resync');
    for (let i = 0; i < actions.length; ) {
      if (actions[i].type !== 'create') {
        if ((await this.run1(actions[i], ctx)) !== 'done') return false;
        i++;
        continue;
      }
      let end = i;
      while (end < actions.length && actions[end].type === 'create') end++;
      for (let batch = 1; i < end; batch *= 2) {
        const slice = actions.slice(i, Math.min(end, i + batch));
        const outcomes = await Promise.all(slice.map((a) => this.run1(a, ctx)));
        i += slice.length;
        if (outcomes.some((o) => o !== 'done')) return false;
      }
    }
    return true;
  }
}
