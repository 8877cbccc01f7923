/**
 * The time-travel feed: the store shows the cluster at a point, and moving
 * the point (scrubbing, stepping, playing) folds the loaded events forward
 * or puts kept versions back (TravelCache) instead of reloading. Only a
 * point no kept state reaches costs a `/state?at=` request. Around the
 * point it prefetches: the next page of events, and the page before with
 * the state under it, folded once so that stepping back is instant too.
 * The prefetch waits until the point has stayed put a moment (a user
 * scrubbing on does not pay for pages around points already left), except
 * while playing, which reads ahead at once.
 */
import type { HistoryEvent } from '@chronokube/core';
import type { ClusterStore } from './cluster-store';
import type { Feed } from './feed';
import type { ClusterStateAnswer } from './live-messages';
import { groupByKind, withUnchanged } from './cluster-fold';
import { TravelCache, type TravelState } from './travel-cache';
import { toTravelEvent } from './travel-events';
import { stepTarget, type StepDirection, type StepResult, type StepUnit } from './travel-steps';

/** The history API's `/events` answer. */
export interface EventListAnswer {
  kind: 'EventList';
  metadata: { resourceVersion: string; caughtUpTo?: string; continue?: string };
  items: HistoryEvent[];
}

/** A page of events: after `from`, up to `to` (a position; absent = now), oldest or newest first. */
export interface EventPageQuery {
  from?: number;
  to?: number;
  order: 'asc' | 'desc';
  limit: number;
}

/** What the feed needs from its surroundings (fetch in the browser, fakes in tests). */
export interface TravelDeps {
  store: ClusterStore;
  /** Kept across feeds: coming back to history finds what it loaded before. */
  cache: TravelCache;
  /** `/state?at=P` (the dashboard's kinds); with `changedSince`, unchanged objects come as keys only. */
  loadState(at: string, changedSince?: number): Promise<ClusterStateAnswer>;
  /** `/events?from&to&order&limit&data=true`. */
  loadEvents(q: EventPageQuery): Promise<EventListAnswer>;
}

/** Events per prefetched page. */
const PAGE = 1000;
/** Prefetch again when fewer loaded events than this lie ahead of or behind the point. */
const MARGIN = 250;

/** How long the point stays put before prefetching around it. */
const PREFETCH_DELAY_MS = 250;

/** Times of the states loaded from /state (a position's time when no loaded event tells it). */
const anchorTimes = new Map<number, string | undefined>();

export class TravelFeed implements Feed {
  private stopped = false;
  private seq = 0;
  private current: TravelState | undefined;
  private prefetching: Promise<void> | undefined;
  private prefetchTimer: ReturnType<typeof setTimeout> | undefined;
  /** Prefetch with no delay (set while playing). */
  eager = false;
  /** The log's last position as far as the feed knows (Infinity until a page says). */
  head = Infinity;

  constructor(private readonly deps: TravelDeps, private at: string, seed?: TravelState) {
    // The live store's state is a state like any other: keep it, so the first steps back from live fold from it.
    if (seed) deps.cache.addAnchor(seed);
  }

  async start(): Promise<void> {
    await this.goTo(this.at);
  }

  stop(): void {
    this.stopped = true;
    if (this.prefetchTimer) clearTimeout(this.prefetchTimer);
    this.seq++;
  }

  /** The position shown, once loaded. */
  get position(): number | undefined {
    return this.current?.pos;
  }

  /** Show the point `at` (a resourceVersion or an RFC 3339 time); resolves once it is in the store. */
  async goTo(at: string): Promise<void> {
    const seq = ++this.seq;
    this.at = at;
    const pos = /^\d+$/.test(at) ? Number(at) : this.deps.cache.positionAtTime(Date.parse(at), this.head);
    if (pos !== undefined && this.moveTo(pos)) return;
    const { store } = this.deps;
    if (!store.getState().loaded || store.getState().source.mode === 'live') store.getState().setConnection('loading');
    let state: TravelState;
    try {
      state = await this.fetchState(at, pos);
    } catch (err) {
      if (!this.stopped && seq === this.seq) store.getState().setConnection('error', (err as Error).message);
      throw err;
    }
    if (this.stopped || seq !== this.seq) return;
    this.deps.cache.addAnchor(state);
    this.show(state);
    this.prefetch();
  }

  /**
   * `/state` at `at` (position `pos` when known). From a kept state at or
   * before it, the server sends only the objects changed since, and the
   * rest are taken from that state.
   */
  private async fetchState(at: string, pos: number | undefined): Promise<TravelState> {
    const base = this.baseFor(at, pos);
    let answer = await this.deps.loadState(at, base?.pos);
    let byKind = base && answer.unchanged ? withUnchanged(answer, base) : undefined;
    // The kept state lacks an object the server names unchanged (it should not happen): ask in full.
    if (!byKind && answer.unchanged) answer = await this.deps.loadState(at);
    byKind ??= groupByKind(answer.items);
    const state = { pos: Number(answer.at.resourceVersion), byKind };
    anchorTimes.set(state.pos, answer.at.time);
    return state;
  }

  /**
   * The kept state (the one shown or an anchor) nearest the point, on
   * either side: `pos` when known, else the time `at` names. Undefined
   * when none is known (then the whole state is loaded).
   */
  private baseFor(at: string, pos: number | undefined): TravelState | undefined {
    const atMs = pos === undefined ? Date.parse(at) : NaN;
    if (pos === undefined && Number.isNaN(atMs)) return undefined;
    let best: TravelState | undefined;
    let bestDistance = Infinity;
    for (const s of this.current ? [this.current, ...this.deps.cache.anchors] : this.deps.cache.anchors) {
      const distance = pos !== undefined ? Math.abs(s.pos - pos) : Math.abs(Date.parse(this.timeOf(s.pos) ?? '') - atMs);
      if (distance < bestDistance) {
        best = s;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Show position `pos` if the kept states and loaded events reach it (no request); false otherwise. */
  moveTo(pos: number): boolean {
    if (this.stopped) return false;
    const next = this.deps.cache.move(this.current, pos);
    if (!next) return false;
    this.seq++;
    this.at = String(pos);
    this.show(next);
    this.prefetch();
    return true;
  }

  /** The position a time names, when the loaded events settle it (no request). */
  positionAtTime(ms: number): number | undefined {
    return this.deps.cache.positionAtTime(ms, this.head);
  }

  /** Where one step goes, loading events first when it needs them; undefined at an end of the log. */
  async stepTarget(dir: StepDirection, unit: StepUnit): Promise<number | undefined> {
    // Each try loads one more page; runs of events the dashboard does not show (a burst of ConfigMaps) may take a few.
    for (let tries = 0; tries < 25 && !this.stopped; tries++) {
      const pos = this.current?.pos;
      if (pos === undefined) return undefined;
      const r: StepResult = stepTarget(this.stepContext(), pos, dir, unit);
      if ('to' in r) return r.to;
      if ('end' in r) return undefined;
      await (r.need === 'forward' ? this.loadAhead(pos) : this.loadBehind(pos));
    }
    return undefined;
  }

  /** What steps and play read: the loaded events, their coverage, the head. */
  stepContext() {
    const cache = this.deps.cache;
    return { events: cache.events, isCovered: (lo: number, hi: number) => cache.isCovered(lo, hi), headPos: this.head };
  }

  /** Load the next page ahead of `pos` (play calls this when it runs out). */
  async loadAhead(pos: number): Promise<void> {
    const span = this.deps.cache.spanOf(pos);
    const from = span ? span[1] : pos;
    if (from >= this.head) return;
    const page = await this.deps.loadEvents({ from, order: 'asc', limit: PAGE });
    const now = Number(page.metadata.resourceVersion);
    const caught = page.metadata.caughtUpTo !== undefined ? Number(page.metadata.caughtUpTo) : now;
    const events = page.items.map(toTravelEvent);
    const hi = page.metadata.continue && events.length ? events[events.length - 1].pos : Math.min(now, caught);
    this.head = Math.min(now, caught);
    this.deps.cache.addEvents(events, from, Math.max(from, hi));
  }

  /**
   * Load the page before `pos` and the state under it, and fold that state
   * forward to `pos`, so every version in between is kept for stepping back.
   */
  async loadBehind(pos: number): Promise<void> {
    const cache = this.deps.cache;
    const span = cache.spanOf(pos);
    const to = span && span[0] < pos ? span[0] : pos;
    let lo = 0;
    if (to > 0) {
      const page = await this.deps.loadEvents({ to, order: 'desc', limit: PAGE });
      const events = page.items.map(toTravelEvent);
      lo = page.metadata.continue && events.length ? events[events.length - 1].pos - 1 : 0;
      cache.addEvents(events, lo, to);
    }
    let base: TravelState;
    if (lo === 0) base = { pos: 0, byKind: {} };
    else base = await this.fetchState(String(lo), lo);
    cache.addAnchor(base, pos);
    const upTo = this.current?.pos ?? pos;
    if (cache.isCovered(base.pos, upTo)) cache.fold(base, upTo);
  }

  /** The time of position `pos`, when known. */
  timeOf(pos: number): string | undefined {
    const e = this.deps.cache.eventAtOrBefore(pos);
    if (e && this.deps.cache.isCovered(e.pos, pos)) return new Date(e.timeMs).toISOString();
    return anchorTimes.get(pos);
  }

  private show(state: TravelState): void {
    this.current = state;
    const rv = String(state.pos);
    this.deps.store.getState().show(state.byKind, rv, { mode: 'history', at: rv, time: this.timeOf(state.pos) });
  }

  /** Prefetch around the point once it has stayed put PREFETCH_DELAY_MS (at once when eager). */
  private prefetch(): void {
    if (this.prefetchTimer) clearTimeout(this.prefetchTimer);
    this.prefetchTimer = undefined;
    if (this.eager) return this.prefetchNow();
    this.prefetchTimer = setTimeout(() => {
      this.prefetchTimer = undefined;
      this.prefetchNow();
    }, PREFETCH_DELAY_MS);
  }

  /** Keep a page loaded ahead of and behind the point (one prefetch at a time; errors only cost speed). */
  private prefetchNow(): void {
    if (this.prefetching || this.stopped) return;
    this.prefetching = (async () => {
      try {
        for (let round = 0; round < 3 && !this.stopped; round++) {
          const pos = this.current?.pos;
          if (pos === undefined) return;
          const cache = this.deps.cache;
          const span = cache.spanOf(pos);
          const ahead = span ? cache.eventsIn(pos, span[1]).length : 0;
          const behind = span ? cache.eventsIn(span[0], pos).length : 0;
          if ((!span || ahead < MARGIN) && (span ? span[1] : pos) < this.head) await this.loadAhead(pos);
          else if ((!span || (behind < MARGIN && span[0] > 0) || !cache.canGoBack(pos))) await this.loadBehind(pos);
          else return;
        }
      } catch {
        // Prefetching is an optimisation; a failed page is loaded again when a move needs it.
      } finally {
        this.prefetching = undefined;
      }
    })();
  }

  /** Starts a waiting prefetch now and resolves when it is done (tests wait on it). */
  async settled(): Promise<void> {
    if (this.prefetchTimer) {
      clearTimeout(this.prefetchTimer);
      this.prefetchTimer = undefined;
      this.prefetchNow();
    }
    while (this.prefetching) await this.prefetching;
  }
}
