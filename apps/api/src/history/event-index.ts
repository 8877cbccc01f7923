/**
 * The derived event index: every event of the log as one columnar row,
 * fed by the projection's subscription and backfilled from the store for
 * what the projection restored from a snapshot. Answers "which positions
 * match these filters, in this range, this order" and "what time is
 * position P / which position is time T" without reading the store.
 * Rebuildable at any time from the log; `caughtUpTo` says how far it is.
 */
import { parseStreamName, type RecordedEvent } from '@chronokube/core';
import { Category, EventColumns } from './event-columns';
import { hash32 } from './interner';
import type { EventLog } from '../store/event-log';

/** Which rows a query wants; every field optional, ANDed. Strings are exact unless said. */
export interface IndexFilter {
  category: Category;
  kind?: string;
  namespace?: string;
  name?: string;
  /** Exact, or a prefix when it ends in `*`. */
  actor?: string;
  verb?: string;
  types?: string[];
  correlationId?: string;
  excludeNoise?: boolean;
  /** Leave out rows of namespaces the caller may not read ('' = cluster-scoped). */
  readable?: (namespace: string) => boolean;
  /** Leave out rows of these types (audit: the codes of another result class). */
  excludeTypes?: string[];
  /** Positions in (after, upTo]. */
  after: number;
  upTo: number;
}

/** Tells a noise event (Lease renewals, heartbeat-only Node status) from one worth showing. */
export type NoiseTest = (event: RecordedEvent) => boolean;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : v === undefined || v === null ? undefined : String(v));

export class EventIndex {
  readonly columns = new EventColumns();
  private backfilling = true;
  private pending: RecordedEvent[] = [];

  constructor(private readonly isNoise: NoiseTest = () => false) {}

  /** Position of the newest event indexed (0 when none). */
  get caughtUpTo(): number {
    const c = this.columns;
    return c.length ? c.position[c.length - 1] : 0;
  }

  /**
   * Records only the time of a position whose event the log does not hold
   * (a replayed incident's `from`), so points at and after it resolve as
   * on the server it came from. Only before anything else is indexed.
   */
  anchor(position: number, ms: number): void {
    const c = this.columns;
    if (c.length > 0 || position <= 0) return;
    c.push({ position, time: ms, category: Category.Other, kind: 0, namespace: 0, name: 0, type: 0, actor: 0, verb: 0, correlation: 0, id: 0, noise: false });
  }

  /** Takes one event as the subscription delivers it; older or repeated positions are ignored. */
  add(event: RecordedEvent): void {
    if (this.backfilling) {
      this.pending.push(event);
      return;
    }
    this.push(event);
  }

  /**
   * Indexes the log up to `upTo` from the store (what the projection skipped
   * thanks to a snapshot), then what arrived meanwhile. `also` sees each
   * event of that read too (the projection's time-travel snapshots), so the
   * log is read once.
   */
  async backfill(log: EventLog, upTo: number, also?: (event: RecordedEvent) => void): Promise<void> {
    try {
      if (upTo > 0) for await (const event of log.readRange(0, upTo)) {
        this.push(event);
        also?.(event);
      }
    } finally {
      this.backfilling = false;
      for (const event of this.pending) this.push(event);
      this.pending = [];
    }
  }

  private push(event: RecordedEvent): void {
    const c = this.columns;
    if (c.length > 0 && event.position <= c.position[c.length - 1]) return;
    const meta = event.metadata ?? {};
    // Plain locals and one row literal: this runs once per event of the log, so no spreads or temporaries.
    let category: Category;
    let kind = 0;
    let namespace = 0;
    let name: number;
    let type: number;
    let actor: number;
    let verb: number;
    let correlation = 0;
    let noise = false;
    const address = parseStreamName(event.streamId);
    if (address) {
      category = Category.Object;
      kind = c.kinds.intern(address.resource.kind);
      namespace = c.namespaces.intern(address.namespace);
      name = c.names.intern(address.name);
      type = c.types.intern(event.type);
      actor = c.actors.intern(str(meta.actor));
      verb = c.verbs.intern(str(meta.verb));
      correlation = hash32(str(meta.correlationId));
      noise = this.isNoise(event);
    } else if (event.streamId.startsWith('audit-')) {
      // A refused request: the columns hold what /audit filters on (user, verb, resource, namespace, code).
      const data = (event.data ?? {}) as Record<string, unknown>;
      category = Category.Audit;
      kind = c.kinds.intern(str(data.resource));
      namespace = c.namespaces.intern(str(data.namespace));
      name = c.names.intern(str(data.name));
      type = c.types.intern(String(data.code ?? ''));
      actor = c.actors.intern(str(data.user));
      verb = c.verbs.intern(str(data.verb));
    } else {
      category = event.streamId.startsWith('incident-') ? Category.Incident : Category.Other;
      name = c.names.intern(event.streamId);
      type = c.types.intern(event.type);
      actor = c.actors.intern(str(meta.actor));
      verb = c.verbs.intern(str(meta.verb));
    }
    c.push({ position: event.position, time: event.time ?? 0, category, kind, namespace, name, type, actor, verb, correlation, id: hash32(event.id), noise });
  }

  /** Time (ms) of the event at exactly `position`, when indexed. */
  timeAt(position: number): number | undefined {
    const row = this.columns.rowAt(position);
    return row < 0 || !this.columns.time[row] ? undefined : this.columns.time[row];
  }

  /** Position of the last event recorded at or before `ms` (0 when none). */
  positionAtTime(ms: number): number {
    const row = this.columns.lastRowAtOrBefore(ms);
    return row < 0 ? 0 : this.columns.position[row];
  }

  /** Rows of events whose id hashes like one of `ids`, in one pass (confirm on the full events). */
  rowsWithIds(ids: Iterable<string>): number[] {
    const wanted = new Set<number>();
    for (const id of ids) wanted.add(hash32(id));
    const c = this.columns;
    const out: number[] = [];
    if (wanted.size === 0) return out;
    const column = c.id;
    if (wanted.size === 1) {
      const only = wanted.values().next().value as number;
      for (let i = 0; i < c.length; i++) if (column[i] === only) out.push(i);
      return out;
    }
    for (let i = 0; i < c.length; i++) if (wanted.has(column[i])) out.push(i);
    return out;
  }

  /**
   * Rows matching `filter`, oldest first (`asc`) or newest first, at most
   * `limit`; `more` tells whether another matching row follows.
   */
  scan(filter: IndexFilter, order: 'asc' | 'desc', limit: number): { rows: number[]; more: boolean } {
    const test = this.compile(filter);
    const c = this.columns;
    const first = c.upperBound(filter.after);
    const end = c.upperBound(filter.upTo);
    const rows: number[] = [];
    if (!test) return { rows, more: false };
    if (order === 'asc') {
      for (let i = first; i < end; i++) if (test(i)) {
        if (rows.length === limit) return { rows, more: true };
        rows.push(i);
      }
    } else {
      for (let i = end - 1; i >= first; i--) if (test(i)) {
        if (rows.length === limit) return { rows, more: true };
        rows.push(i);
      }
    }
    return { rows, more: false };
  }

  /** Times (ms) of every matching row, oldest first: the histogram's input. */
  times(filter: IndexFilter): Float64Array {
    const test = this.compile(filter);
    const c = this.columns;
    const first = c.upperBound(filter.after);
    const end = c.upperBound(filter.upTo);
    if (!test) return new Float64Array(0);
    let out = new Float64Array(1024);
    let n = 0;
    for (let i = first; i < end; i++) {
      if (!test(i)) continue;
      if (n === out.length) {
        const bigger = new Float64Array(n * 2);
        bigger.set(out);
        out = bigger;
      }
      out[n++] = c.time[i];
    }
    return out.subarray(0, n);
  }

  /** One predicate over row numbers, or undefined when a filter value was never seen (nothing can match). */
  private compile(f: IndexFilter): ((row: number) => boolean) | undefined {
    const c = this.columns;
    // Every captured value is a number (-2 = no filter) or a mask, so the predicate stays monomorphic and fast.
    const id = (interned: number | undefined): number => (interned === undefined ? -2 : interned);
    const kind = id(f.kind === undefined ? undefined : c.kinds.lookup(f.kind));
    const namespace = id(f.namespace === undefined ? undefined : c.namespaces.lookup(f.namespace));
    const name = id(f.name === undefined ? undefined : c.names.lookup(f.name));
    const verb = id(f.verb === undefined ? undefined : c.verbs.lookup(f.verb));
    if (kind === -1 || namespace === -1 || name === -1 || verb === -1) return undefined;
    let actor = -2;
    let actors: Uint8Array | undefined;
    if (f.actor?.endsWith('*')) {
      const prefix = f.actor.slice(0, -1);
      actors = c.actors.mask((a) => a.startsWith(prefix));
    } else if (f.actor !== undefined) {
      actor = c.actors.lookup(f.actor);
      if (actor === -1) return undefined;
    }
    let types: Uint8Array | undefined;
    if (f.types?.length) {
      const wanted = new Set(f.types);
      types = c.types.mask((t) => wanted.has(t));
    }
    if (f.excludeTypes?.length) {
      const unwanted = new Set(f.excludeTypes);
      const keep = c.types.mask((t) => !unwanted.has(t));
      keep[0] = 1;
      types = types ? types.map((v, i) => v & keep[i]) : keep;
    }
    let readable: Uint8Array | undefined;
    if (f.readable) {
      readable = c.namespaces.mask(f.readable);
      readable[0] = f.readable('') ? 1 : 0;
    }
    const correlation = f.correlationId === undefined ? -2 : hash32(f.correlationId);
    const category = f.category;
    const noise = f.excludeNoise === true;
    const { category: cat, kind: kinds, namespace: namespaces, name: names, verb: verbs, actor: actorCol, type: typeCol, correlation: corr, noise: noiseCol } = c;
    const masks: [Uint8Array, Uint8Array | Uint16Array | Uint32Array][] = [];
    if (actors) masks.push([actors, actorCol]);
    if (types) masks.push([types, typeCol]);
    if (readable) masks.push([readable, namespaces]);
    const [m0, c0] = masks[0] ?? [];
    const [m1, c1] = masks[1] ?? [];
    const [m2, c2] = masks[2] ?? [];
    return (i) =>
      cat[i] === category &&
      (kind === -2 || kinds[i] === kind) &&
      (namespace === -2 || namespaces[i] === namespace) &&
      (name === -2 || names[i] === name) &&
      (verb === -2 || verbs[i] === verb) &&
      (actor === -2 || actorCol[i] === actor) &&
      (correlation === -2 || corr[i] === correlation) &&
      (!noise || noiseCol[i] === 0) &&
      (m0 === undefined || m0[c0![i]] === 1) &&
      (m1 === undefined || m1[c1![i]] === 1) &&
      (m2 === undefined || m2[c2![i]] === 1);
  }
}
