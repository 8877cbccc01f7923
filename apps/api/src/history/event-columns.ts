/**
 * The event index's storage: one typed array per attribute (columnar), one
 * row per event of the log in position order, strings interned per column.
 * About 40 bytes per event, so a million events fit in tens of megabytes
 * and a filter scan touches only the columns it tests.
 */
import { Interner } from './interner';

/** What stream an event belongs to: an object, the audit log, an incident, or something else. */
export const enum Category {
  Object = 0,
  Audit = 1,
  Incident = 2,
  Other = 3,
}

type Numeric = Float64Array | Uint32Array | Uint16Array | Uint8Array;

function grow<T extends Numeric>(array: T, capacity: number): T {
  const next = new (array.constructor as { new (n: number): T })(capacity);
  next.set(array);
  return next;
}

/** One row as the index appends it (already interned by the caller's interners). */
export interface Row {
  position: number;
  time: number;
  category: Category;
  kind: number;
  namespace: number;
  name: number;
  type: number;
  actor: number;
  verb: number;
  correlation: number;
  id: number;
  noise: boolean;
}

export class EventColumns {
  length = 0;
  position = new Float64Array(1024);
  time = new Float64Array(1024);
  category = new Uint8Array(1024);
  kind = new Uint16Array(1024);
  namespace = new Uint16Array(1024);
  name = new Uint32Array(1024);
  type = new Uint16Array(1024);
  actor = new Uint32Array(1024);
  verb = new Uint8Array(1024);
  correlation = new Uint32Array(1024);
  id = new Uint32Array(1024);
  noise = new Uint8Array(1024);

  readonly kinds = new Interner();
  readonly namespaces = new Interner();
  readonly names = new Interner();
  readonly types = new Interner();
  readonly actors = new Interner();
  readonly verbs = new Interner();

  push(row: Row): void {
    if (this.length === this.position.length) this.resize(this.length * 2);
    const i = this.length++;
    this.position[i] = row.position;
    this.time[i] = row.time;
    this.category[i] = row.category;
    this.kind[i] = row.kind;
    this.namespace[i] = row.namespace;
    this.name[i] = row.name;
    this.type[i] = row.type;
    this.actor[i] = row.actor;
    this.verb[i] = row.verb;
    this.correlation[i] = row.correlation;
    this.id[i] = row.id;
    this.noise[i] = row.noise ? 1 : 0;
  }

  private resize(capacity: number): void {
    this.position = grow(this.position, capacity);
    this.time = grow(this.time, capacity);
    this.category = grow(this.category, capacity);
    this.kind = grow(this.kind, capacity);
    this.namespace = grow(this.namespace, capacity);
    this.name = grow(this.name, capacity);
    this.type = grow(this.type, capacity);
    this.actor = grow(this.actor, capacity);
    this.verb = grow(this.verb, capacity);
    this.correlation = grow(this.correlation, capacity);
    this.id = grow(this.id, capacity);
    this.noise = grow(this.noise, capacity);
  }

  /** Row of the first event with position > `position` (length when none). */
  upperBound(position: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.position[mid] <= position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Row of the event at exactly `position`, or -1. */
  rowAt(position: number): number {
    const row = this.upperBound(position) - 1;
    return row >= 0 && this.position[row] === position ? row : -1;
  }

  /** Row of the last event recorded at or before `ms` (-1 when none); times follow commit order. */
  lastRowAtOrBefore(ms: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.time[mid] <= ms) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** Approximate bytes held (for the benchmark's memory figure). */
  get bytes(): number {
    return this.position.length * (8 + 8 + 1 + 2 + 2 + 4 + 2 + 4 + 1 + 4 + 4 + 1);
  }
}
