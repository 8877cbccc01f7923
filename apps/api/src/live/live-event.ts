/**
 * A LiveEvent from a recorded event and the change the fold made of it:
 * the same HistoryEvent the history API shows, plus the new state.
 */
import { toHistoryEvent, type Change, type RecordedEvent } from '@chronokube/core';
import type { LiveEvent } from './live-protocol';

/** Undefined when the event is not about an object (audit, incidents, foreign streams). */
export function toLiveEvent(recorded: RecordedEvent, change: Change): LiveEvent | undefined {
  const uid = change.after?.metadata?.uid ?? change.before?.metadata?.uid;
  // Live events arrive with the store's time; should one lack it, "now" is the closest truth.
  const event = toHistoryEvent(recorded, recorded.time ?? Date.now(), { uid });
  if (!event) return undefined;
  return { ...event, state: change.after ?? null };
}
