/**
 * What time travel keeps in the browser so moving the point needs no
 * reload: loaded states (anchors), the events around them with the spans of
 * the log known to be complete (coverage), and for every event folded once
 * the object before and after it. Moving from a kept state to any point of
 * a covered span folds forward with core's `evolve` (the server's own fold)
 * or, backwards, puts the kept "before" versions back. Pure: no fetching.
 *
 * States are ObjectsByKind with copy-on-write Maps per kind, so keeping one
 * costs a reference per kind, and a fold copies only the kinds it touches.
 */
import { evolve, parseEventType, type DomainEventData, type KubeObject } from '@chronokube/core';
import type { ObjectsByKind } from './cluster-fold';
import { TRAVEL_KINDS, type TravelEvent } from './travel-events';

/** A whole cluster state at a position. */
export interface TravelState {
  pos: number;
  byKind: ObjectsByKind;
}

interface Folded {
  before: KubeObject | undefined;
  after: KubeObject | undefined;
}

/** How many states to keep (the current one aside). */
const MAX_ANCHORS = 24;
/** A kept state every this many events folded in one go, so a later jump back folds little. */
const CHECKPOINT_EVERY = 400;

export class TravelCache {
  /** Every loaded event, sorted by position, no duplicates. */
  readonly events: TravelEvent[] = [];
  /** Spans (lo, hi] of the log whose events are all in `events`, sorted and merged. */
  covered: [number, number][] = [];
  /** Kept states, sorted by position. */
  anchors: TravelState[] = [];
  private readonly folded = new Map<number, Folded>();

  /** Add a page of events and the span (lo, hi] it completes. Idempotent. */
  addEvents(events: readonly TravelEvent[], lo: number, hi: number): void {
    if (events.length > 0) {
      const known = new Set<number>();
      const first = events.reduce((m, e) => Math.min(m, e.pos), Infinity);
      for (let i = lowerIndex(this.events, first); i < this.events.length; i++) known.add(this.events[i].pos);
      const fresh = events.filter((e) => !known.has(e.pos));
      if (fresh.length > 0) {
        this.events.push(...fresh);
        this.events.sort((a, b) => a.pos - b.pos);
      }
    }
    if (hi > lo) this.covered = mergeSpan(this.covered, [lo, hi]);
  }

  /** Keep a state (a loaded /state answer, or a checkpoint of a fold). */
  addAnchor(state: TravelState, near = state.pos): void {
    const i = this.anchors.findIndex((a) => a.pos === state.pos);
    if (i >= 0) this.anchors[i] = state;
    else this.anchors.push(state);
    this.anchors.sort((a, b) => a.pos - b.pos);
    // Too many: drop those furthest from where the user is.
    while (this.anchors.length > MAX_ANCHORS) {
      let far = 0;
      for (let j = 1; j < this.anchors.length; j++) if (Math.abs(this.anchors[j].pos - near) > Math.abs(this.anchors[far].pos - near)) far = j;
      this.anchors.splice(far, 1);
    }
  }

  /** True when every event in (lo, hi] is loaded. */
  isCovered(lo: number, hi: number): boolean {
    if (hi <= lo) return true;
    return this.covered.some(([a, b]) => a <= lo && hi <= b);
  }

  /** The covered span holding position `pos` (as an upper end), if any. */
  spanOf(pos: number): [number, number] | undefined {
    return this.covered.find(([a, b]) => a < pos && pos <= b) ?? this.covered.find(([a, b]) => a <= pos && pos <= b);
  }

  /** Loaded events with lo < pos <= hi, oldest first. */
  eventsIn(lo: number, hi: number): TravelEvent[] {
    return this.events.slice(lowerIndex(this.events, lo + 1), lowerIndex(this.events, hi + 1));
  }

  /** The last loaded event at or before `pos`. */
  eventAtOrBefore(pos: number): TravelEvent | undefined {
    const i = lowerIndex(this.events, pos + 1) - 1;
    return i >= 0 ? this.events[i] : undefined;
  }

  /**
   * The position a time names (the last event at or before it), when the
   * loaded events settle it: a covered span holds an event at or before
   * the time and one after it (or reaches `now`, given as `headPos`).
   */
  positionAtTime(ms: number, headPos?: number): number | undefined {
    for (const [lo, hi] of this.covered) {
      const inSpan = this.eventsIn(lo, hi);
      if (inSpan.length === 0) continue;
      if (inSpan[0].timeMs > ms) continue;
      let last = inSpan[0];
      let after = false;
      for (const e of inSpan) {
        if (e.timeMs <= ms) last = e;
        else {
          after = true;
          break;
        }
      }
      if (after || (headPos !== undefined && hi >= headPos)) return last.pos;
    }
    return undefined;
  }

  /**
   * The state at `to` from the cheapest kept state (`current` or an
   * anchor) the loaded events connect to it, or undefined when none does
   * (then the caller loads `/state?at=to`). Forward moves fold with
   * `evolve` and remember each event's before/after; backward moves need
   * those remembered versions.
   */
  move(current: TravelState | undefined, to: number): TravelState | undefined {
    let best: { from: TravelState; cost: number } | undefined;
    for (const from of current ? [current, ...this.anchors] : this.anchors) {
      const cost = this.cost(from.pos, to);
      if (cost !== undefined && (!best || cost < best.cost)) best = { from, cost };
    }
    if (!best) return undefined;
    const { from } = best;
    if (from.pos === to) return from;
    return from.pos < to ? this.forward(from, to) : this.backward(from, to);
  }

  /** Fold forward from `from` to `to` (the events in between must be covered), keeping every version. */
  fold(from: TravelState, to: number): TravelState {
    return this.forward(from, to);
  }

  /** True when the last `depth` loaded events before `pos` have their earlier versions kept (stepping back is local). */
  canGoBack(pos: number, depth = 50): boolean {
    const span = this.spanOf(pos);
    if (!span) return false;
    const before = this.eventsIn(span[0], pos).slice(-depth);
    return before.every((e) => !TRAVEL_KINDS.has(e.kind) || this.folded.has(e.pos));
  }

  /** Events to apply to go from `from` to `to`, or undefined when the loaded events cannot. */
  private cost(from: number, to: number): number | undefined {
    if (from === to) return 0;
    if (from < to) return this.isCovered(from, to) ? this.eventsIn(from, to).length : undefined;
    if (!this.isCovered(to, from)) return undefined;
    const between = this.eventsIn(to, from);
    for (const e of between) if (TRAVEL_KINDS.has(e.kind) && !this.folded.has(e.pos)) return undefined;
    return between.length;
  }

  private forward(from: TravelState, to: number): TravelState {
    let byKind = from.byKind;
    let copies: Record<string, Map<string, KubeObject>> = {};
    let n = 0;
    for (const e of this.eventsIn(from.pos, to)) {
      if (!TRAVEL_KINDS.has(e.kind)) continue;
      const map = (copies[e.kind] ??= new Map(byKind[e.kind] ?? []));
      let f = this.folded.get(e.pos);
      if (!f) {
        const before = map.get(e.key);
        f = { before, after: foldOne(before, e) };
        this.folded.set(e.pos, f);
      }
      if (f.after) map.set(e.key, f.after);
      else map.delete(e.key);
      if (++n % CHECKPOINT_EVERY === 0) {
        byKind = { ...byKind, ...copies };
        copies = {};
        this.addAnchor({ pos: e.pos, byKind }, to);
      }
    }
    return { pos: to, byKind: Object.keys(copies).length ? { ...byKind, ...copies } : byKind };
  }

  private backward(from: TravelState, to: number): TravelState {
    const copies: Record<string, Map<string, KubeObject>> = {};
    const between = this.eventsIn(to, from.pos);
    for (let i = between.length - 1; i >= 0; i--) {
      const e = between[i];
      if (!TRAVEL_KINDS.has(e.kind)) continue;
      const f = this.folded.get(e.pos)!;
      const map = (copies[e.kind] ??= new Map(from.byKind[e.kind] ?? []));
      if (f.before) map.set(e.key, f.before);
      else map.delete(e.key);
    }
    return { pos: to, byKind: { ...from.byKind, ...copies } };
  }
}

/**
 * The object after one event, by core's evolve (kind set, as the store's
 * objects carry it). An event that cannot be folded leaves the object as it
 * was, as the server's fold does.
 */
export function foldOne(before: KubeObject | undefined, e: TravelEvent): KubeObject | undefined {
  const suffix = parseEventType(e.kind, e.type);
  if (!suffix) return before;
  try {
    const after = evolve(before, { suffix, data: e.data } as DomainEventData, e.rv);
    return after && after.kind !== e.kind ? { ...after, kind: e.kind } : after;
  } catch {
    return before;
  }
}

/** Index of the first event with pos >= `pos`. */
function lowerIndex(events: readonly TravelEvent[], pos: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid].pos < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Spans with `span` added, overlapping or touching ones merged. */
export function mergeSpan(spans: readonly [number, number][], span: [number, number]): [number, number][] {
  const all = [...spans, span].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of all) {
    const last = out[out.length - 1];
    if (last && lo <= last[1]) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}
