/**
 * Whether the event store answers, as the API server sees it. Every write
 * needs the store (a 2xx means the event is durable there), so while it is
 * away writes answer 503 ServiceUnavailable with Retry-After, as a Status,
 * /readyz fails, and the outage is logged once when it starts and once when
 * it ends, never once per request.
 */
import { ApiError } from '@chronokube/core';

/** gRPC's UNAVAILABLE: the db-client's word for "no connection to the store" (refused, reset, TLS down). */
const GRPC_UNAVAILABLE = 14;

/** Seconds a client should wait before retrying a write while the store is away. */
export const STORE_RETRY_AFTER_SECONDS = 1;

/** True for an error that means the store cannot be reached (not that it refused the request). */
export function isStoreUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; type?: unknown; message?: unknown };
  if (e.code === GRPC_UNAVAILABLE || e.type === 'unavailable') return true;
  return typeof e.message === 'string' && /\b(ECONNREFUSED|ECONNRESET|EHOSTUNREACH)\b/.test(e.message) && !(err instanceof ApiError);
}

/** The Status a request gets while the store is away. */
export function storeUnavailableError(): ApiError {
  return new ApiError(503, 'ServiceUnavailable', 'the event store is unavailable; the request changed nothing, retry shortly', {
    retryAfterSeconds: STORE_RETRY_AFTER_SECONDS,
  });
}

export interface StoreHealthOptions {
  /** One cheap call to the store; rejects when it cannot be reached. */
  ping: () => Promise<void>;
  log?: (line: string) => void;
  /** A /readyz answer is reused this long, so probes never hammer the store. */
  cacheMs?: number;
  /** How often an outage is re-checked in the background, to notice the store is back. */
  recheckMs?: number;
}

export class StoreHealth {
  private down = false;
  private checkedAt = 0;
  private checking: Promise<boolean> | undefined;
  private recheck: NodeJS.Timeout | undefined;
  private readonly log: (line: string) => void;

  constructor(private readonly options: StoreHealthOptions) {
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  }

  /** False while an outage is known. */
  get available(): boolean {
    return !this.down;
  }

  /**
   * The error to answer a request with: a store outage becomes the 503
   * Status (and marks the outage, logging its start once); anything else is
   * passed on unchanged.
   */
  translate(err: unknown): unknown {
    if (!isStoreUnavailable(err)) return err;
    this.markDown(err);
    return storeUnavailableError();
  }

  /** Whether the store answers now (a probe at most every cacheMs); for /readyz. */
  async ready(): Promise<boolean> {
    if (Date.now() - this.checkedAt < (this.options.cacheMs ?? 1000)) return !this.down;
    this.checking ??= this.options
      .ping()
      .then(() => {
        this.markUp();
        return true;
      })
      .catch((err: unknown) => {
        this.markDown(err);
        return false;
      })
      .finally(() => {
        this.checkedAt = Date.now();
        this.checking = undefined;
      });
    return this.checking;
  }

  stop(): void {
    if (this.recheck) clearTimeout(this.recheck);
    this.recheck = undefined;
  }

  private markDown(err: unknown): void {
    this.checkedAt = Date.now();
    if (this.down) return;
    this.down = true;
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    this.log(`chronokube api: the event store is unavailable (${why}); writes answer 503 until it is back`);
    this.scheduleRecheck();
  }

  private markUp(): void {
    if (!this.down) return;
    this.down = false;
    this.stop();
    this.log('chronokube api: the event store is back; writes are accepted again');
  }

  private scheduleRecheck(): void {
    if (this.recheck) return;
    this.recheck = setTimeout(() => {
      this.recheck = undefined;
      this.checkedAt = 0;
      void this.ready().then((ok) => {
        if (!ok) this.scheduleRecheck();
      });
    }, this.options.recheckMs ?? 2000);
    this.recheck.unref();
  }
}
