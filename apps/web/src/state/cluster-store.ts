/**
 * The one client-side cluster store every view renders from. A feed (live
 * socket or history point) writes to it through `replace` (a whole state)
 * and `applyEvents` (a batch of LiveEvents); views subscribe with selectors
 * and re-render once per applied batch, never once per event.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KubeObject } from '@chronokube/core';
import { foldEvents, groupByKind, type FoldableEvent, type ObjectsByKind } from './cluster-fold';
import type { ConnectionState, FeedSource } from './feed-source';

/** The store's state and the writes feeds make. */
export interface ClusterState {
  byKind: ObjectsByKind;
  /** The log position the objects reflect (the last folded event or batch progress). */
  resourceVersion: string;
  source: FeedSource;
  /** False until the first full state has been loaded. */
  loaded: boolean;
  connection: ConnectionState;
  /** The last feed error, shown in the error banner; cleared when the feed recovers. */
  error?: string;
  /** Counts events folded since the last replace (the benchmark checks no event is dropped). */
  eventsApplied: number;
  /** Replace everything: an initial load or a history point. */
  replace(items: readonly KubeObject[], resourceVersion: string, source: FeedSource): void;
  /** Show a state the time-travel feed built (folded, or kept): objects by kind, at `resourceVersion`. */
  show(byKind: ObjectsByKind, resourceVersion: string, source: FeedSource): void;
  /** Fold a batch of events, oldest first; `batchResourceVersion` is the batch's progress mark. */
  applyEvents(events: readonly FoldableEvent[], batchResourceVersion?: string): void;
  setConnection(connection: ConnectionState, error?: string): void;
  /** Forget everything (sign-out). */
  reset(): void;
}

/** A store handle, as React hooks and feeds use it. */
export type ClusterStore = StoreApi<ClusterState>;

const EMPTY = { byKind: {}, resourceVersion: '0', source: { mode: 'live' } as FeedSource, loaded: false, connection: 'idle' as ConnectionState, error: undefined, eventsApplied: 0 };

/** A new, empty store (one per page tree; tests make their own). */
export function createClusterStore(): ClusterStore {
  return createStore<ClusterState>()((set, get) => ({
    ...EMPTY,
    replace(items, resourceVersion, source) {
      set({ byKind: groupByKind(items), resourceVersion, source, loaded: true, eventsApplied: 0 });
    },
    show(byKind, resourceVersion, source) {
      set({ byKind, resourceVersion, source, loaded: true, connection: 'history', error: undefined });
    },
    applyEvents(events, batchResourceVersion) {
      const s = get();
      const r = foldEvents(s.byKind, s.resourceVersion, events, batchResourceVersion);
      if (r.applied === 0 && r.resourceVersion === s.resourceVersion) return;
      set({ byKind: r.byKind, resourceVersion: r.resourceVersion, eventsApplied: s.eventsApplied + r.applied });
    },
    setConnection(connection, error) {
      set({ connection, error });
    },
    reset() {
      set({ ...EMPTY });
    },
  }));
}

const NO_OBJECTS: ReadonlyMap<string, KubeObject> = new Map();

/** The objects of one kind (a stable empty Map when none). */
export function objectsOf(state: Pick<ClusterState, 'byKind'>, kind: string): ReadonlyMap<string, KubeObject> {
  return state.byKind[kind] ?? NO_OBJECTS;
}
