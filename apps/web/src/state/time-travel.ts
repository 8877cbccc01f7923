/**
 * The point the whole UI shows, and the moves that change it. The URL's
 * `?at=` is the committed point (no `at` = live); this controller switches
 * the store's feed to match it, and turns steps, play and scrubbing into
 * committed points: one browser history entry per committed point (a
 * step, a release of the scrubber, a pause), none per frame of play.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ClusterStore } from './cluster-store';
import type { Feed, FeedController } from './feed';
import { TravelCache } from './travel-cache';
import { TravelFeed, type TravelDeps } from './travel-feed';
import { playFrame, type PlaySpeed, type StepDirection, type StepUnit } from './travel-steps';

/** What the timeline's controls show. */
export interface TravelUi {
  playing: boolean;
  speed: PlaySpeed;
  /** A step or play is loading events it needs. */
  busy: boolean;
  /** A short word on why nothing moved ("nothing later in the log"), cleared after a moment. */
  note?: string;
}

/** How the controller reaches the rest of the app (the browser's in the app, fakes in tests). */
export interface TimeTravelDeps {
  store: ClusterStore;
  feeds: FeedController;
  liveFeed(): Feed;
  loadState: TravelDeps['loadState'];
  loadEvents: TravelDeps['loadEvents'];
  /** Put `at` in the URL (null = live): a new history entry, or replacing the current one. */
  setUrlPoint(at: string | null, mode: 'push' | 'replace'): void;
  /** Runs `fn` on the next frame with the time in ms (requestAnimationFrame). */
  frame(fn: (now: number) => void): void;
}

export class TimeTravel {
  readonly ui: StoreApi<TravelUi> = createStore<TravelUi>()(() => ({ playing: false, speed: 10, busy: false }));
  private readonly cache = new TravelCache();
  private travel: TravelFeed | undefined;
  /** The point the URL names (null = live), as last applied. */
  private applied: string | null | undefined;
  private playToken = 0;

  constructor(private readonly deps: TimeTravelDeps) {}

  /** The committed point (null = live; undefined before the first). */
  get point(): string | null | undefined {
    return this.applied;
  }

  /** The history feed running, if any. */
  get feed(): TravelFeed | undefined {
    return this.travel;
  }

  /**
   * Make the store show `at` (the URL changed: a link, back/forward, a
   * typed address). Idempotent: the same point twice does nothing.
   */
  show(at: string | null): Promise<void> {
    if (at === this.applied) return Promise.resolve();
    this.pause(false);
    this.applied = at;
    if (at === null) {
      this.travel = undefined;
      return this.deps.feeds.set(this.deps.liveFeed()).catch(() => undefined);
    }
    if (this.travel) return this.travel.goTo(at).catch(() => undefined);
    return this.startTravel(at);
  }

  /** Commit a point: show it and add it to the browser history. */
  commit(at: string | null, mode: 'push' | 'replace' = 'push'): Promise<void> {
    if (at === this.applied) return Promise.resolve();
    this.deps.setUrlPoint(at, mode);
    return this.show(at);
  }

  /** Back to the live cluster. */
  goLive(): Promise<void> {
    return this.commit(null);
  }

  /** One step back or forward (from live: into history at the live point first). */
  async step(dir: StepDirection, unit: StepUnit): Promise<void> {
    // Nothing lies ahead of live; and one step at a time (a held key must not push the same point twice).
    if ((dir === 'forward' && !this.travel) || this.ui.getState().busy) return;
    this.pause(false);
    const feed = await this.ensureTravel();
    if (!feed) return;
    this.ui.setState({ busy: true });
    try {
      const to = await feed.stepTarget(dir, unit);
      if (feed !== this.travel) return;
      if (to === undefined) {
        this.ui.setState({ note: dir === 'forward' ? 'nothing later in the log' : 'nothing earlier: the empty cluster' });
        setTimeout(() => this.ui.setState({ note: undefined }), 2500);
        return;
      }
      if (!feed.moveTo(to)) await feed.goTo(String(to));
      if (String(to) === this.applied) return;
      this.applied = String(to);
      this.deps.setUrlPoint(this.applied, 'push');
    } finally {
      this.ui.setState({ busy: false });
    }
  }

  /**
   * While the scrubber is dragged: show the state at time `ms` when the
   * loaded events reach it (a local fold, no request, no history entry);
   * otherwise leave the view until the release commits the point.
   */
  preview(ms: number): void {
    const feed = this.travel;
    if (!feed || this.ui.getState().playing) return;
    const pos = feed.positionAtTime(ms);
    if (pos !== undefined && pos !== feed.position) feed.moveTo(pos);
  }

  /** A drag that was cancelled: back to the committed point. */
  endPreview(): void {
    if (this.travel && typeof this.applied === 'string') void this.travel.goTo(this.applied).catch(() => undefined);
  }

  setSpeed(speed: PlaySpeed): void {
    this.ui.setState({ speed });
  }

  /** Play forward from the point at the chosen speed until paused or at the head. */
  async play(): Promise<void> {
    // Play runs from a point in the past; live is already "playing" at 1x.
    const feed = this.travel;
    if (this.ui.getState().playing || !feed || feed.position === undefined) return;
    const token = ++this.playToken;
    this.ui.setState({ playing: true });
    // Playing reads ahead at once (a page boundary must not stall the play).
    feed.eager = true;
    let pos = feed.position;
    // The play clock runs in event time from the point's own time (the empty cluster has none: from just before the next event).
    let clock = Date.parse(feed.timeOf(pos) ?? '');
    let last: number | undefined;
    let loading = false;
    const tick = (now: number) => {
      if (token !== this.playToken || feed !== this.travel) return;
      const elapsed = last === undefined ? 0 : Math.min(now - last, 250);
      last = now;
      if (!loading && Number.isNaN(clock)) {
        const next = feed.stepContext().events.find((e) => e.pos > pos);
        if (next) clock = next.timeMs - 1;
        else {
          loading = true;
          feed.loadAhead(pos).catch(() => this.pause()).finally(() => (loading = false));
        }
      }
      if (!loading && !Number.isNaN(clock)) {
        const r = playFrame(feed.stepContext(), pos, clock, elapsed, this.ui.getState().speed);
        if (r.to !== pos && feed.moveTo(r.to)) pos = r.to;
        clock = r.clockMs;
        if (r.end) {
          this.pause();
          return;
        }
        if (r.need) {
          loading = true;
          feed.loadAhead(pos).catch(() => this.pause()).finally(() => (loading = false));
        }
      }
      this.deps.frame(tick);
    };
    this.deps.frame(tick);
  }

  /** Stop playing; the point reached becomes a committed point (one history entry). */
  pause(commit = true): void {
    if (!this.ui.getState().playing) return;
    this.playToken++;
    this.ui.setState({ playing: false });
    if (this.travel) this.travel.eager = false;
    const pos = this.travel?.position;
    if (commit && pos !== undefined && String(pos) !== this.applied) {
      this.applied = String(pos);
      this.deps.setUrlPoint(this.applied, 'push');
    }
  }

  /** Stop everything (sign-out, unmount). */
  stop(): void {
    this.pause(false);
    this.deps.feeds.stop();
    this.travel = undefined;
    this.applied = undefined;
  }

  /** The history feed, switching to it at the live store's point when live. */
  private async ensureTravel(): Promise<TravelFeed | undefined> {
    if (this.travel) return this.travel;
    const s = this.deps.store.getState();
    if (!s.loaded) return undefined;
    await this.startTravel(s.resourceVersion);
    this.deps.setUrlPoint(s.resourceVersion, 'push');
    return this.travel;
  }

  private startTravel(at: string): Promise<void> {
    const s = this.deps.store.getState();
    // The live state is exact at its resourceVersion: keep it as a state to fold from.
    const seed = s.loaded && s.source.mode === 'live' && /^\d+$/.test(s.resourceVersion) ? { pos: Number(s.resourceVersion), byKind: s.byKind } : undefined;
    const feed = new TravelFeed({ store: this.deps.store, cache: this.cache, loadState: this.deps.loadState, loadEvents: this.deps.loadEvents }, at, seed);
    this.travel = feed;
    this.applied = at;
    return this.deps.feeds.set(feed).catch(() => undefined);
  }
}
