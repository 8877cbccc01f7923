/**
 * What the event-log scenarios need from a store. chronokube (the embedded
 * EventStoreDB-compatible server through the official client) and etcd
 * (through etcd3) each implement it, so both run the very same scenarios.
 */
export interface BenchTarget {
  /** Display name, e.g. "chronokube" or "etcd 3.4.23". */
  readonly name: string;
  /**
   * Appends `events` atomically to the log named `log` (an EventStoreDB
   * stream; an etcd key prefix, one new key per event). Every `seq` is
   * unique within its log, so nothing is ever overwritten.
   */
  append(log: string, events: readonly BenchEvent[]): Promise<void>;
  /**
   * Reads events from the very beginning in log order, up to `maxEvents`,
   * and resolves to how many were read.
   */
  readAll(maxEvents: number): Promise<number>;
  /**
   * Like readAll, but counts what the server delivers without the client's
   * per-event decoding (raw gRPC). Optional: only where it means something
   * (chronokube); the report shows '-' for targets without it.
   */
  readAllRaw?(maxEvents: number): Promise<number>;
  /**
   * Starts a live subscription to new probe events (nothing from the past);
   * `onProbe` receives each probe's data and the time it arrived
   * (performance.now()).
   */
  subscribeProbes(onProbe: (probe: LagProbe, receivedAt: number) => void): Promise<Closable>;
  /** Writes one probe event where `subscribeProbes` listens. */
  sendProbe(probe: LagProbe): Promise<void>;
  /** Disposes the client(s) and stops anything this target started. Idempotent. */
  close(): Promise<void>;
}

export interface Closable {
  close(): Promise<void>;
}

/** One event to append: its position in its log and its JSON body. */
export interface BenchEvent {
  seq: number;
  data: BenchPayload;
}

/** A ~200-byte JSON body, shaped like a small cluster-object change. */
export interface BenchPayload {
  [key: string]: string | number;
  kind: string;
  namespace: string;
  name: string;
  seq: number;
  pad: string;
}

/** Body of a subscription-lag probe. */
export interface LagProbe {
  [key: string]: string | number;
  seq: number;
  /** performance.now() just before the append; the subscriber runs in this process. */
  sentAt: number;
  pad: string;
}

/** Target size of an event body in bytes of JSON. */
export const PAYLOAD_BYTES = 200;

const FILLER = 'x'.repeat(PAYLOAD_BYTES);

/**
 * Builds the body of event `seq` of `log`, padded so that its JSON is
 * PAYLOAD_BYTES long (measured, not guessed, so both stores get the same size).
 */
export function benchPayload(log: string, seq: number): BenchPayload {
  const body: BenchPayload = { kind: 'Pod', namespace: 'bench', name: `${log}-${seq}`, seq, pad: '' };
  const room = PAYLOAD_BYTES - JSON.stringify(body).length;
  body.pad = FILLER.slice(0, Math.max(0, room));
  return body;
}

/** Builds a probe body of PAYLOAD_BYTES of JSON. */
export function lagProbe(seq: number, sentAt: number): LagProbe {
  const body: LagProbe = { seq, sentAt, pad: '' };
  body.pad = FILLER.slice(0, Math.max(0, PAYLOAD_BYTES - JSON.stringify(body).length));
  return body;
}
