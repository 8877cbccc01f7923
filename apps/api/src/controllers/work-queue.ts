/**
 * A controller's work queue: keys only (level-triggered), each key queued
 * at most once, up to `workers` reconciles at a time but never two for the
 * same key, failed keys retried with exponential backoff, and keys that
 * ask for it looked at again later (addAfter). Like client-go's
 * rate-limited workqueue.
 */
export class WorkQueue {
  private readonly pending = new Set<string>();
  private readonly processing = new Set<string>();
  /** Keys added while being processed: run again once the current run ends. */
  private readonly dirty = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private active = 0;
  private stopped = false;

  constructor(
    private readonly reconcile: (key: string) => Promise<void>,
    private readonly onError: (key: string, err: unknown) => void = () => undefined,
    private readonly workers = 1,
    private readonly baseDelayMs = 50,
    private readonly maxDelayMs = 30_000,
  ) {}

  /** Keys queued or being reconciled right now (delayed retries not counted). */
  get busy(): boolean {
    return this.active > 0 || this.pending.size > 0;
  }

  add(key: string): void {
    if (this.stopped) return;
    if (this.processing.has(key)) {
      this.dirty.add(key);
      return;
    }
    this.pending.add(key);
    this.pump();
  }

  /** Adds `key` after `delayMs` (a reconcile that knows when to look again). */
  addAfter(key: string, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.add(key);
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  private pump(): void {
    while (!this.stopped && this.active < this.workers && this.pending.size > 0) {
      const key = this.pending.values().next().value as string;
      this.pending.delete(key);
      this.processing.add(key);
      this.active++;
      void this.work(key);
    }
  }

  private async work(key: string): Promise<void> {
    try {
      await this.reconcile(key);
      this.failures.delete(key);
    } catch (err) {
      const n = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, n);
      this.onError(key, err);
      this.addAfter(key, Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (n - 1)));
    } finally {
      this.active--;
      this.processing.delete(key);
      if (this.dirty.delete(key)) this.pending.add(key);
      this.pump();
    }
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
