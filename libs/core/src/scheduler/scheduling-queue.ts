/**
 * The pending-pod queue, after kube's PriorityQueue: an active queue
 * (highest priority first, then first come), a backoff queue for pods
 * waiting out a retry delay, and an unschedulable set for pods that failed
 * and wait for a cluster change that might help. Time comes in as `now`
 * (ms), so the queue is pure and tests control the clock.
 */
import type { Pod } from '../api/types';
import { KeyedHeap } from './keyed-heap';
import { podKey, podPriority } from './pod-helpers';

/** Timing knobs; kube's defaults. */
export interface SchedulingQueueOptions {
  /** First retry delay (podInitialBackoffSeconds = 1s). */
  initialBackoffMs?: number;
  /** Longest retry delay (podMaxBackoffSeconds = 10s). */
  maxBackoffMs?: number;
  /** An unschedulable pod is retried after this long even without an event (5 min). */
  maxUnschedulableMs?: number;
}

interface QueuedPod {
  key: string;
  pod: Pod;
  priority: number;
  /** When it was last queued; earlier goes first among equal priority. */
  timestamp: number;
  /** Arrival order, to keep FIFO when timestamps are equal. */
  seq: number;
  attempts: number;
  backoffExpiry: number;
  unschedulableSince: number;
  /** The scheduling cycle in which it was popped. */
  cycle: number;
}

/** Queue sizes, for metrics and tests. */
export interface QueueSizes {
  active: number;
  backoff: number;
  unschedulable: number;
  inFlight: number;
}

/** The scheduler's queue of pods to place. */
export class SchedulingQueue {
  private readonly active = new KeyedHeap<QueuedPod>(
    (p) => p.key,
    (a, b) => a.priority > b.priority || (a.priority === b.priority && (a.timestamp < b.timestamp || (a.timestamp === b.timestamp && a.seq < b.seq))),
  );
  private readonly backoff = new KeyedHeap<QueuedPod>(
    (p) => p.key,
    (a, b) => a.backoffExpiry < b.backoffExpiry || (a.backoffExpiry === b.backoffExpiry && a.seq < b.seq),
  );
  private readonly unschedulable = new Map<string, QueuedPod>();
  private readonly inFlight = new Map<string, QueuedPod>();
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxUnschedulableMs: number;
  private seq = 0;
  private cycle = 0;
  // The cycle during which the last "cluster changed" event arrived: a pod
  // popped before it and found unschedulable after it must not miss that event.
  private moveRequestCycle = -1;
  /** The reason of the last moveAllToActive, for tracing. */
  lastMoveReason: string | undefined;

  constructor(opts: SchedulingQueueOptions = {}) {
    this.initialBackoffMs = opts.initialBackoffMs ?? 1000;
    this.maxBackoffMs = opts.maxBackoffMs ?? 10_000;
    this.maxUnschedulableMs = opts.maxUnschedulableMs ?? 5 * 60_000;
  }

  /** The retry delay after `attempts` failed attempts: initial * 2^(attempts-1), capped. */
  backoffDuration(attempts: number): number {
    let d = this.initialBackoffMs;
    for (let i = 1; i < attempts; i++) {
      d *= 2;
      if (d >= this.maxBackoffMs) return this.maxBackoffMs;
    }
    return Math.min(d, this.maxBackoffMs);
  }

  /**
   * A new pending pod: into the active queue (out of backoff/unschedulable
   * if it was there). For a pod being scheduled right now only the stored
   * object is refreshed; the attempt's outcome decides where it goes.
   */
  add(pod: Pod, now: number): void {
    const key = podKey(pod);
    const flying = this.inFlight.get(key);
    if (flying) {
      flying.pod = pod;
      flying.priority = podPriority(pod);
      return;
    }
    const existing = this.active.get(key) ?? this.backoff.delete(key) ?? this.unschedulable.get(key);
    this.unschedulable.delete(key);
    const entry: QueuedPod = existing
      ? { ...existing, pod, priority: podPriority(pod) }
      : { key, pod, priority: podPriority(pod), timestamp: now, seq: this.seq++, attempts: 0, backoffExpiry: now, unschedulableSince: now, cycle: 0 };
    this.active.push(entry);
  }

  /** The next pod to schedule (highest priority, then longest waiting), now in flight; undefined when none. */
  pop(): Pod | undefined {
    const entry = this.active.pop();
    if (!entry) return undefined;
    entry.attempts++;
    entry.cycle = ++this.cycle;
    this.inFlight.set(entry.key, entry);
    return entry.pod;
  }

  /**
   * The popped pod did not fit. It waits in the unschedulable set for a
   * cluster event, with a retry delay of 1s, 2s, 4s ... up to 10s by
   * attempts. If an event arrived while it was in flight it goes straight to
   * backoff instead, so that event is not lost. Returns false for a pod that
   * is not in flight (deleted meanwhile, or never popped).
   */
  markUnschedulable(pod: Pod, now: number): boolean {
    const key = podKey(pod);
    const entry = this.inFlight.get(key);
    if (!entry) return false;
    this.inFlight.delete(key);
    entry.pod = pod;
    entry.priority = podPriority(pod);
    entry.timestamp = now;
    entry.seq = this.seq++;
    entry.backoffExpiry = now + this.backoffDuration(entry.attempts);
    entry.unschedulableSince = now;
    if (this.moveRequestCycle >= entry.cycle) this.backoff.push(entry);
    else this.unschedulable.set(key, entry);
    return true;
  }

  /** The popped pod was bound (or given up on): forget it. */
  done(key: string): void {
    this.inFlight.delete(key);
  }

  /**
   * A cluster event that may make pods schedulable (node added or updated,
   * pod deleted): every unschedulable pod moves to active, or to backoff if
   * its retry delay has not passed. Returns how many moved.
   */
  moveAllToActive(now: number, reason: string): number {
    this.lastMoveReason = reason;
    this.moveRequestCycle = this.cycle;
    const entries = [...this.unschedulable.values()];
    for (const e of entries) this.requeue(e, now);
    return entries.length;
  }

  /** Move pods whose retry delay has passed from backoff to active. Returns how many moved. */
  flushBackoff(now: number): number {
    let moved = 0;
    for (let top = this.backoff.peek(); top && top.backoffExpiry <= now; top = this.backoff.peek()) {
      this.backoff.pop();
      this.active.push(top);
      moved++;
    }
    return moved;
  }

  /** Retry pods that have been unschedulable for maxUnschedulableMs without any helpful event. */
  flushUnschedulableLeftover(now: number): number {
    const stale = [...this.unschedulable.values()].filter((e) => now - e.unschedulableSince >= this.maxUnschedulableMs);
    for (const e of stale) this.requeue(e, now);
    return stale.length;
  }

  private requeue(e: QueuedPod, now: number): void {
    this.unschedulable.delete(e.key);
    if (e.backoffExpiry > now) this.backoff.push(e);
    else this.active.push(e);
  }

  /** Forget the pod everywhere (deleted, or bound by someone else). Returns whether it was known. */
  delete(key: string): boolean {
    const found = this.active.delete(key) ?? this.backoff.delete(key) ?? this.unschedulable.get(key) ?? this.inFlight.get(key);
    this.unschedulable.delete(key);
    this.inFlight.delete(key);
    return found !== undefined;
  }

  /**
   * A queued pod changed. Its object (and priority) is replaced in place;
   * an unschedulable pod is retried, since the change may make it fit
   * (to backoff, or active when `now` shows its delay has passed). Unknown
   * pods are not added: use add. Returns whether the pod was known.
   */
  update(pod: Pod, now?: number): boolean {
    const key = podKey(pod);
    const priority = podPriority(pod);
    const inQueue = this.active.get(key) ?? this.backoff.get(key);
    if (inQueue) {
      const heap = this.active.has(key) ? this.active : this.backoff;
      heap.push({ ...inQueue, pod, priority });
      return true;
    }
    const waiting = this.unschedulable.get(key);
    if (waiting) {
      const e = { ...waiting, pod, priority };
      this.unschedulable.delete(key);
      if (now !== undefined && e.backoffExpiry <= now) this.active.push(e);
      else this.backoff.push(e);
      return true;
    }
    const flying = this.inFlight.get(key);
    if (flying) {
      flying.pod = pod;
      flying.priority = priority;
      return true;
    }
    return false;
  }

  /** Is the pod anywhere in the queue (including in flight)? */
  has(key: string): boolean {
    return this.active.has(key) || this.backoff.has(key) || this.unschedulable.has(key) || this.inFlight.has(key);
  }

  /** How many attempts the pod has had. */
  attempts(key: string): number {
    return (this.active.get(key) ?? this.backoff.get(key) ?? this.unschedulable.get(key) ?? this.inFlight.get(key))?.attempts ?? 0;
  }

  /** When the next backed-off pod becomes ready, so a driver can set one timer; undefined when none waits. */
  nextBackoffExpiry(): number | undefined {
    return this.backoff.peek()?.backoffExpiry;
  }

  /** Sizes of the sub-queues. */
  sizes(): QueueSizes {
    return { active: this.active.size, backoff: this.backoff.size, unschedulable: this.unschedulable.size, inFlight: this.inFlight.size };
  }
}
