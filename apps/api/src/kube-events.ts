/**
 * Recording core/v1 Events (what `kubectl describe` and `kubectl get
 * events` show) through the command bus, as components do in Kubernetes.
 */
import type { CommandBus } from '@nestjs/cqrs';
import { RESOURCES, eventObject, type EventRecord } from '@chronokube/core';
import { CreateObjectCommand } from './commands/create-object.command';
import type { RequestContext } from './commands/request-context';

export type { EventRecord };

const EVENTS = RESOURCES.find((r) => r.kind === 'Event')!;

let sequence = Math.floor(Math.random() * 0x10000);

/** Creates one Event about `regarding`; failures are the caller's to ignore (events are best effort). */
export async function recordEvent(commands: CommandBus, e: EventRecord, ctx: RequestContext): Promise<void> {
  sequence = (sequence + 1) & 0xffff;
  const event = eventObject(e, ctx.now, sequence);
  await commands.execute(new CreateObjectCommand({ resource: EVENTS, namespace: event.metadata.namespace }, event, { ...ctx, verb: 'create' }));
}

/** A queued event and the context it was recorded in. */
interface Pending {
  record: EventRecord;
  ctx: RequestContext;
}

/**
 * Records events off the caller's path, like kube's event broadcaster: the
 * caller queues and goes on; while the owner is busy (a scheduler binding
 * thousands of pods) only a couple of event writes run at a time, so the
 * burst is not slowed much by the events it emits; the backlog follows at
 * full speed once the burst is over. Events are best effort, as in kube:
 * past `maxQueued` the oldest queued ones are dropped (and counted), and
 * those still queued at stop() are not written.
 */
export class EventRecorder {
  private readonly queue: Pending[] = [];
  private head = 0;
  private inFlight = 0;
  private stopped = false;
  private readonly idleWaiters: (() => void)[] = [];
  /** Events dropped because the queue was full. */
  dropped = 0;
  /** Events written. */
  written = 0;

  /**
   * `busy` says whether the owner has more urgent writes going (a scheduler
   * binding pods): then only `busyConcurrency` events are written at a
   * time, otherwise up to `concurrency`.
   */
  constructor(
    private readonly commands: CommandBus,
    private readonly busy: () => boolean = () => false,
    private readonly concurrency = 32,
    private readonly busyConcurrency = 2,
    private readonly maxQueued = 100_000,
  ) {}

  /** Let a waiting backlog go faster once the owner is no longer busy. */
  resume(): void {
    this.pump();
  }

  /** Queue an event; never throws, never waits. */
  record(record: EventRecord, ctx: RequestContext): void {
    if (this.stopped) return;
    if (this.queue.length - this.head >= this.maxQueued) {
      this.head++;
      this.dropped++;
    }
    this.queue.push({ record, ctx });
    this.pump();
  }

  /** Events queued or being written. */
  get pending(): number {
    return this.queue.length - this.head + this.inFlight;
  }

  /** Resolves once nothing is queued or in flight. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stop writing; queued events are dropped. */
  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
    this.head = 0;
    this.settle();
  }

  private pump(): void {
    while (!this.stopped && this.inFlight < (this.busy() ? this.busyConcurrency : this.concurrency) && this.head < this.queue.length) {
      const next = this.queue[this.head++];
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      this.inFlight++;
      recordEvent(this.commands, next.record, next.ctx)
        .then(() => void this.written++, () => undefined)
        .finally(() => {
          this.inFlight--;
          this.pump();
          this.settle();
        });
    }
  }

  private settle(): void {
    if (this.pending > 0) return;
    for (const w of this.idleWaiters.splice(0)) w();
  }
}
