/**
 * Where a step or a frame of play goes, from the loaded events alone
 * (pure). A step moves one visible event (objects the dashboard shows, no
 * heartbeats) or one user action: the run of consecutive visible events
 * sharing a correlationId. `need` says the loaded events do not settle it
 * yet: load more in that direction and ask again.
 */
import type { TravelEvent } from './travel-events';

export type StepUnit = 'event' | 'action';
export type StepDirection = 'back' | 'forward';

/** A point to go to, or which way more events must be loaded first, or nothing further (the log's ends). */
export type StepResult = { to: number } | { need: StepDirection } | { end: true };

/** What a step needs to know of the loaded events. */
export interface StepContext {
  /** Loaded events, sorted by position. */
  events: readonly TravelEvent[];
  /** True when every event in (lo, hi] is loaded. */
  isCovered(lo: number, hi: number): boolean;
  /** The log's last position (nothing after it yet). */
  headPos: number;
}

/** The next visible event after `pos`, `need` if the loaded ones may miss it, or `end` at the head. */
function nextVisible(ctx: StepContext, pos: number): TravelEvent | 'need' | 'end' {
  for (const e of ctx.events) {
    if (e.pos <= pos) continue;
    if (!ctx.isCovered(pos, e.pos)) return 'need';
    if (e.visible) return e;
  }
  // Nothing visible up to the head (all loaded): the end of the log.
  if (pos >= ctx.headPos || ctx.isCovered(pos, ctx.headPos)) return 'end';
  return 'need';
}

/** The last visible event at or before `pos`, `need`, or `end` when none is before it (the empty cluster). */
function lastVisible(ctx: StepContext, pos: number): TravelEvent | 'need' | 'end' {
  for (let i = ctx.events.length - 1; i >= 0; i--) {
    const e = ctx.events[i];
    if (e.pos > pos) continue;
    if (!ctx.isCovered(e.pos - 1, pos)) return 'need';
    if (e.visible) return e;
  }
  if (ctx.isCovered(0, pos)) return 'end';
  return 'need';
}

/** Where one step from `pos` lands. */
export function stepTarget(ctx: StepContext, pos: number, dir: StepDirection, unit: StepUnit): StepResult {
  if (dir === 'forward') {
    const first = nextVisible(ctx, pos);
    if (first === 'need') return { need: 'forward' };
    if (first === 'end') return { end: true };
    if (unit === 'event') return { to: first.pos };
    let last = first;
    for (;;) {
      const n = nextVisible(ctx, last.pos);
      if (n === 'need') return last.pos >= ctx.headPos ? { to: last.pos } : { need: 'forward' };
      if (n === 'end' || n.correlationId !== first.correlationId) return { to: last.pos };
      last = n;
    }
  }
  const shown = lastVisible(ctx, pos);
  if (shown === 'need') return { need: 'back' };
  if (shown === 'end') return { end: true };
  let first = shown;
  if (unit === 'action') {
    for (;;) {
      const p = lastVisible(ctx, first.pos - 1);
      if (p === 'need') return { need: 'back' };
      if (p === 'end' || p.correlationId !== shown.correlationId) break;
      first = p;
    }
  }
  // The state just before `first`: the visible event before it, or the empty cluster.
  const before = lastVisible(ctx, first.pos - 1);
  if (before === 'need') return { need: 'back' };
  return { to: before === 'end' ? 0 : before.pos };
}

/** Play speeds: event time × 1, 10, 100, or as fast as frames render. */
export type PlaySpeed = 1 | 10 | 100 | 'max';
export const PLAY_SPEEDS: PlaySpeed[] = [1, 10, 100, 'max'];
/** Visible events per frame at `max`. */
export const MAX_EVENTS_PER_FRAME = 40;

/**
 * One frame of play: from the play clock `clockMs` (event time) advanced by
 * `elapsedMs` real time × speed, the position to show and the new clock.
 * At `max` it advances a fixed number of visible events per frame instead.
 * Stops at the last loaded, covered event (`need` asks for more ahead) and
 * at the head (`end`).
 */
export function playFrame(
  ctx: StepContext,
  pos: number,
  clockMs: number,
  elapsedMs: number,
  speed: PlaySpeed,
): { to: number; clockMs: number; need?: boolean; end?: boolean } {
  let to = pos;
  let clock = clockMs;
  let moved = 0;
  const limit = speed === 'max' ? Infinity : clockMs + elapsedMs * speed;
  for (const e of ctx.events) {
    if (e.pos <= pos) continue;
    if (!ctx.isCovered(pos, e.pos)) return { to, clockMs: speed === 'max' ? clock : limit, need: true };
    if (e.timeMs > limit) return { to, clockMs: limit };
    to = e.pos;
    clock = Math.max(clock, e.timeMs);
    if (e.visible && speed === 'max' && ++moved >= MAX_EVENTS_PER_FRAME) return { to, clockMs: clock };
  }
  const clockAfter = speed === 'max' ? clock : limit;
  if (ctx.isCovered(to, ctx.headPos)) return { to, clockMs: clockAfter, end: true };
  return { to, clockMs: clockAfter, need: true };
}
