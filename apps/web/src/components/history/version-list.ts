/**
 * The object history's versions as the tab lists them: newest first, each
 * with the version before it (what its diff is against) and which life of
 * the name it belongs to, plus the one in force at a point.
 */
import type { TimelineEntry } from '@chronokube/core';

/** One listed version. */
export interface VersionItem {
  entry: TimelineEntry;
  /** The version before in the same timeline (undefined for the first). */
  previous?: TimelineEntry;
  /** This event starts a new life of the name (a create after a delete). */
  recreated: boolean;
}

/** Newest first; `previous` is the entry just older. */
export function versionItems(entries: readonly TimelineEntry[]): VersionItem[] {
  const items = entries.map((entry, i) => ({ entry, previous: entries[i - 1], recreated: i > 0 && entry.generation !== entries[i - 1].generation }));
  return items.reverse();
}

/** The resourceVersion of the version in force at `at` (an rv), or undefined (a time, live, or before the first). */
export function versionAtPoint(entries: readonly TimelineEntry[], at: string | null): string | undefined {
  if (!at || !/^[0-9]+$/.test(at)) return undefined;
  const point = BigInt(at);
  let found: string | undefined;
  for (const e of entries) if (BigInt(e.resourceVersion) <= point) found = e.resourceVersion;
  return found;
}

/** Tone of an event type for its tag: creations ok, deletions bad, the rest plain. */
export function typeTone(type: string): string {
  if (type.endsWith('Deleted') || type.endsWith('DeletionRequested')) return 'bad';
  if (type.endsWith('Created')) return 'ok';
  if (type.endsWith('Bound') || type.endsWith('Scaled')) return 'warn';
  return '';
}
