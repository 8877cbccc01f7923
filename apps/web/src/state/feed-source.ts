/**
 * Where the store's content comes from. Every view renders from the store
 * and only reads this to label what it shows: time travel (issue 13) swaps
 * the feed, never the views.
 */

/** The live cluster (socket.io) or the cluster as it was at a point (history API). */
export type FeedSource = { mode: 'live' } | { mode: 'history'; at: string; time?: string };

/** The feed's connection as the header shows it. */
export type ConnectionState = 'idle' | 'loading' | 'live' | 'reconnecting' | 'history' | 'error';
