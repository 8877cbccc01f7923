/**
 * The history feed: the whole cluster as it was at a point, from the
 * history API's `/state?at=P`. It replaces the store; the views stay the
 * same. The dashboard's time travel uses TravelFeed (travel-feed.ts), which
 * also moves the point without reloading; this is the one-request form.
 */
import type { ClusterStore } from './cluster-store';
import type { Feed } from './feed';
import type { ClusterStateAnswer } from './live-messages';

/** The cluster at one point of its history. */
export class HistoryFeed implements Feed {
  private stopped = false;

  constructor(
    private readonly store: ClusterStore,
    private readonly at: string,
    private readonly loadState: (at: string) => Promise<ClusterStateAnswer>,
  ) {}

  async start(): Promise<void> {
    this.store.getState().setConnection('loading');
    try {
      const state = await this.loadState(this.at);
      if (this.stopped) return;
      this.store.getState().replace(state.items, state.at.resourceVersion, { mode: 'history', at: state.at.resourceVersion, time: state.at.time });
      this.store.getState().setConnection('history');
    } catch (err) {
      if (!this.stopped) this.store.getState().setConnection('error', (err as Error).message);
      throw err;
    }
  }

  stop(): void {
    this.stopped = true;
  }
}
