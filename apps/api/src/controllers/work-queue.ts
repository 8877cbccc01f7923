/**
 * A controller's work queue: keys only (level-triggered), each key queued
 * at most once, one reconcile at a time per queue, failed keys retried
 * with exponential backoff. Like client-go's rate-limited workqueue.
 */
export class WorkQueue {
  private readonly pending = new Set<string>();
  private readonly failures = new Map<string, number>();
  private running = false;
  private stopped = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly reconcile: (key: string) => Promise<void>,
    private readonly onError: (key: string, err: unknown) => void = () => undefined,
    private readonly baseDelayMs = 50,
    private readonly maxDelayMs = 30_000,
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    this.pending.add(key);
    if (!this.running) void this.drain();
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (!this.stopped && this.pending.size > 0) {
      const key = this.pending.values().next().value as string;
      this.pending.delete(key);
      try {
        await this.reconcile(key);
        this.failures.delete(key);
      } catch (err) {
        const n = (this.failures.get(key) ?? 0) + 1;
        this.failures.set(key, n);
        this.onError(key, err);
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.add(key);
        }, Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (n - 1)));
        timer.unref();
        this.timers.add(timer);
      }
    }
    this.running = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
