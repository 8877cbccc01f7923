/**
 * kubelet's restart back-off per container: after each failed start the
 * wait doubles from `baseMs` up to `maxMs` (kube: 10 s doubling, cap 5 min);
 * a container that then ran for `resetAfterMs` starts from the base again.
 * Pure: callers pass the clock.
 */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  resetAfterMs: number;
}

export const KUBE_BACKOFF: BackoffOptions = { baseMs: 10_000, maxMs: 300_000, resetAfterMs: 600_000 };

interface Entry {
  delayMs: number;
  /** Not before this instant. */
  until: number;
}

export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly o: BackoffOptions = KUBE_BACKOFF) {}

  /**
   * The container `key` ended at `finishedAt` after running `ranMs`: record
   * one more failure (idempotent per finishedAt) and return the wait.
   */
  failed(key: string, finishedAt: number, ranMs: number): number {
    const e = this.entries.get(key);
    if (e && e.until - e.delayMs === finishedAt) return e.delayMs;
    const delayMs = !e || ranMs >= this.o.resetAfterMs ? this.o.baseMs : Math.min(e.delayMs * 2, this.o.maxMs);
    this.entries.set(key, { delayMs, until: finishedAt + delayMs });
    return delayMs;
  }

  /** Milliseconds left before `key` may start again (0 = now). */
  remaining(key: string, now: number): number {
    const e = this.entries.get(key);
    return e ? Math.max(0, e.until - now) : 0;
  }

  /** The current wait of `key` (for the CrashLoopBackOff message). */
  delay(key: string): number {
    return this.entries.get(key)?.delayMs ?? 0;
  }

  /** Forget keys with this prefix (a pod that is gone). */
  clear(prefix: string): void {
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) this.entries.delete(k);
  }
}
