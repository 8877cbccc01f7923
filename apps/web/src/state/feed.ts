/**
 * A feed fills the cluster store. The live feed and the history feed are
 * interchangeable: the FeedController swaps one for the other, and the
 * views never know which one runs (time travel = a change of feed).
 */

/** Something that fills the store until stopped. */
export interface Feed {
  /** Load and keep the store up to date; resolves once the first full state is in the store. */
  start(): Promise<void>;
  /** Stop writing to the store (closing sockets, aborting requests). */
  stop(): void;
}

/** Holds the running feed; setting a new one stops the old one first. */
export class FeedController {
  private current: Feed | undefined;

  /** Switch to `feed` (stopping the previous one); the returned promise settles like feed.start(). */
  set(feed: Feed): Promise<void> {
    this.current?.stop();
    this.current = feed;
    return feed.start();
  }

  /** Stop the running feed, if any. */
  stop(): void {
    this.current?.stop();
    this.current = undefined;
  }

  /** The running feed. */
  get feed(): Feed | undefined {
    return this.current;
  }
}
