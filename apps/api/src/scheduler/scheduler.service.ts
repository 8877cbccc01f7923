/**
 * The scheduler module: kube-scheduler's loop on the projection. Pending
 * pods wait in the SchedulingQueue; each is placed by the pure schedulePod
 * against an incremental SchedulerCache, then bound through the command
 * bus (BindPodCommand). The binding's event metadata records the decision
 * (feasible nodes, the best scores per plugin), so history can answer "why
 * this node". A pod that fits nowhere gets PodScheduled=False and a
 * FailedScheduling event, and waits for a cluster change that could help.
 */
import type { CommandBus } from '@nestjs/cqrs';
import {
  ApiError,
  RESOURCES,
  SchedulerCache,
  SchedulingQueue,
  podKey,
  rfc3339,
  schedulePod,
  typeMismatch,
  type Change,
  type Node,
  type Pod,
  type SchedulerProfile,
} from '@chronokube/core';
import type { ProjectionService } from '../projection/projection.service';
import { BindPodCommand } from '../commands/bind-pod.command';
import { UpdateObjectCommand } from '../commands/update-object.command';
import { controllerContext, reportContext } from '../controllers/controller-context';
import type { WriteOutcome } from '../commands/object-writer';
import { EventRecorder } from '../kube-events';
import { isStoreUnavailable } from '../http/store-health';
import { MalformedObjectReporter } from '../projection/malformed-reporter';

const PODS = RESOURCES.find((r) => r.kind === 'Pod')!;
const NODES = RESOURCES.find((r) => r.kind === 'Node')!;
const COMPONENT = 'default-scheduler';
/** Bindings in flight at once; each is an append and a projection round trip. */
const BIND_PARALLELISM = 64;

export interface SchedulerOptions {
  profile: SchedulerProfile;
  /** Record a core/v1 "Scheduled" Event per binding (kube does; a benchmark may turn it off). */
  scheduledEvents?: boolean;
}

function needsScheduling(pod: Pod): boolean {
  return !pod.spec?.nodeName && !pod.metadata.deletionTimestamp && (pod.spec?.schedulerName ?? COMPONENT) === COMPONENT &&
    pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
}

export class SchedulerService {
  readonly cache = new SchedulerCache();
  readonly queue = new SchedulingQueue();
  /** Scheduled / FailedScheduling events, written behind the bindings (kube's broadcaster). */
  readonly events: EventRecorder;
  private startIndex = 0;
  private unsubscribe: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;
  private binding = 0;
  private readonly bindWaiters: (() => void)[] = [];
  /** Pods scheduled and bound since start (for the bench). */
  bound = 0;
  private readonly malformed: MalformedObjectReporter;

  constructor(private readonly projection: ProjectionService, private readonly commands: CommandBus, private readonly options: SchedulerOptions) {
    this.events = new EventRecorder(commands, () => this.running || this.binding > 0);
    this.malformed = MalformedObjectReporter.for(projection, commands);
  }

  /**
   * Puts a node into the cache, unless it is wrongly typed: such a node
   * would make every scheduling cycle throw, so it is reported and left out
   * (removed, if an earlier version was in).
   */
  private upsertNode(node: Node): void {
    const wrong = typeMismatch('Node', node);
    if (!wrong) return this.cache.upsertNode(node);
    this.malformed.report(COMPONENT, NODES, node, new Error(wrong.message));
    if (typeof node.metadata.name === 'string') this.cache.removeNode(node.metadata.name);
  }

  /** Runs `step` for one object; a throw is that object's fault: reported once, skipped. */
  private guarded(resource: typeof PODS, object: Pod | Node | undefined, step: () => void): void {
    try {
      step();
    } catch (err) {
      this.malformed.report(COMPONENT, resource, object, err);
      if (resource === PODS && object) {
        try {
          this.queue.delete(podKey(object as Pod));
        } catch {
          // a pod without a usable key is not in the queue either
        }
      }
    }
  }

  start(): void {
    const now = Date.now();
    for (const stored of this.projection.state.list(NODES)) this.guarded(NODES, stored.object as Node, () => this.upsertNode(stored.object as Node));
    for (const stored of this.projection.state.list(PODS)) {
      const pod = stored.object as Pod;
      this.guarded(PODS, pod, () => {
        if (pod.spec?.nodeName) this.cache.upsertPod(pod);
        else if (needsScheduling(pod)) this.queue.add(pod, now);
      });
    }
    this.unsubscribe = this.projection.onChange((c) => this.onChange(c));
    this.timer = setInterval(() => {
      const t = Date.now();
      this.queue.flushBackoff(t);
      this.queue.flushUnschedulableLeftover(t);
      this.kick();
    }, 500);
    this.timer.unref();
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    this.events.stop();
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
  }

  private onChange(change: Change): void {
    if (change.resource !== NODES && change.resource !== PODS) return;
    this.guarded(change.resource, (change.after ?? change.before) as Pod | Node | undefined, () => this.react(change));
  }

  private react(change: Change): void {
    const now = Date.now();
    if (change.resource === NODES) {
      if (change.after) this.upsertNode(change.after as Node);
      else if (change.before) this.cache.removeNode(change.before.metadata.name!);
      // A new or changed node may fit pods that fit nowhere before.
      if (change.after) this.queue.moveAllToActive(now, change.before ? 'NodeUpdate' : 'NodeAdd');
    } else if (change.resource === PODS) {
      const pod = change.after as Pod | undefined;
      if (pod) {
        if (pod.spec?.nodeName) {
          this.cache.upsertPod(pod);
          this.queue.delete(podKey(pod));
        } else if (needsScheduling(pod)) {
          if (!this.queue.update(pod, now)) this.queue.add(pod, now);
        } else this.queue.delete(podKey(pod));
      } else if (change.before) {
        this.cache.removePod(change.before);
        this.queue.delete(podKey(change.before));
        if ((change.before as Pod).spec?.nodeName) this.queue.moveAllToActive(now, 'AssignedPodDelete');
      }
    } else return;
    this.kick();
  }

  private kick(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    setImmediate(() => void this.loop().catch((err: Error) => process.stderr.write(`scheduler: the scheduling loop stopped a round early: ${err?.message ?? String(err)}\n`)));
  }

  /** Scheduling cycles one pod at a time; bindings run concurrently behind them, as in kube-scheduler. */
  private async loop(): Promise<void> {
    try {
      let sinceYield = 0;
      for (let pod = this.queue.pop(); pod && !this.stopped; pod = this.queue.pop()) {
        await this.scheduleOne(pod);
        // Let the projection apply what the bindings wrote.
        if (++sinceYield >= 32) {
          sinceYield = 0;
          await new Promise((r) => setImmediate(r));
        }
      }
    } finally {
      this.running = false;
      this.events.resume();
    }
  }

  private async scheduleOne(pod: Pod): Promise<void> {
    const key = podKey(pod);
    const stored = this.projection.state.get(PODS, pod.metadata.namespace, pod.metadata.name!);
    const current = stored?.object as Pod | undefined;
    if (!stored || !current || !needsScheduling(current)) {
      this.queue.done(key);
      return;
    }
    let result: ReturnType<typeof schedulePod>;
    try {
      result = schedulePod(current, this.cache, this.options.profile, { startIndex: this.startIndex, rand: Math.random });
    } catch (err) {
      // Scheduling is pure over this pod and the cache: it would throw again, so the pod waits for its next change.
      this.queue.done(key);
      this.malformed.report(COMPONENT, PODS, current, err);
      return;
    }
    this.startIndex = result.nextStartIndex;
    if (result.status === 'Unschedulable') {
      this.queue.markUnschedulable(current, Date.now());
      void this.reportUnschedulable(current, result.message, this.causeOf(stored.position)).catch(() => undefined);
      return;
    }
    this.queue.done(key);
    this.cache.assume(current, result.nodeName);
    while (this.binding >= BIND_PARALLELISM) await new Promise<void>((r) => this.bindWaiters.push(r));
    this.binding++;
    void this.bind(current, result.nodeName, {
      feasibleNodes: result.feasibleNodes,
      evaluatedNodes: result.evaluatedNodes,
      topScores: result.topScores,
    }, this.causeOf(stored.position)).finally(() => {
      this.binding--;
      this.bindWaiters.shift()?.();
      if (this.binding === 0) this.events.resume();
    });
  }

  /** The event that made the pod version being scheduled: what a binding or an Unschedulable status reacts to. */
  private causeOf(position: number): Change | undefined {
    return this.projection.changes.at(position);
  }

  private async bind(pod: Pod, nodeName: string, decision: Record<string, unknown>, cause: Change | undefined): Promise<void> {
    // No cause held only for a pod pending since before a restart: then a resync of what the scheduler found.
    const ctx = controllerContext(COMPONENT, 'create', `scheduled to ${nodeName}`, cause, 'resync');
    ctx.details = { ...ctx.details, scheduler: decision };
    let write: WriteOutcome;
    try {
      write = await this.commands.execute(new BindPodCommand(pod.metadata.namespace!, pod.metadata.name!, nodeName, ctx, { uid: pod.metadata.uid }));
      this.bound++;
    } catch (err) {
      this.cache.forget(pod);
      const latest = this.projection.state.get(PODS, pod.metadata.namespace, pod.metadata.name!)?.object as Pod | undefined;
      if (latest && needsScheduling(latest)) this.queue.add(latest, Date.now());
      if (!(err instanceof ApiError) && !isStoreUnavailable(err)) process.stderr.write(`scheduler: binding ${podKey(pod)}: ${(err as Error).message}\n`);
      return;
    }
    if (this.options.scheduledEvents !== false) {
      this.events.record({
        regarding: pod, type: 'Normal', reason: 'Scheduled', component: COMPONENT,
        message: `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`,
      }, reportContext(ctx, this.projection, write));
    }
  }

  /** PodScheduled=False with kube's reason and message, and a FailedScheduling event, once per distinct message. */
  private async reportUnschedulable(pod: Pod, message: string, cause: Change | undefined): Promise<void> {
    const conditions = pod.status?.conditions ?? [];
    const existing = conditions.find((c) => c.type === 'PodScheduled');
    if (existing?.status === 'False' && existing.message === message) return;
    const ctx = controllerContext(COMPONENT, 'update', 'unschedulable', cause, 'resync');
    const now = rfc3339(ctx.now);
    const condition = { type: 'PodScheduled', status: 'False' as const, reason: 'Unschedulable', message, lastProbeTime: null, lastTransitionTime: now };
    const status = { ...(pod.status ?? {}), conditions: [...conditions.filter((c) => c.type !== 'PodScheduled'), condition] };
    await this.commands.execute(new UpdateObjectCommand(
      { resource: PODS, namespace: pod.metadata.namespace, name: pod.metadata.name!, subresource: 'status' },
      { ...pod, status, metadata: { ...pod.metadata, resourceVersion: undefined } }, ctx,
    ));
    this.events.record({ regarding: pod, type: 'Warning', reason: 'FailedScheduling', message, component: COMPONENT }, ctx);
  }
}
