/**
 * The overview's "latest warnings": Warning Events, newest first, with the
 * repeats of one problem (same object, same reason; the scheduler writes a
 * new Event whenever its message changes) folded into one line with a count.
 */
import type { KubeEvent, KubeObject } from '@chronokube/core';
import { eventTime } from './workload-columns';

/** One line of the warnings list. */
export interface WarningLine {
  key: string;
  latest: KubeEvent;
  /** Occurrences over every folded Event (their `count`s summed). */
  count: number;
}

/** Newest-first warning lines, at most `limit`. */
export function latestWarnings(events: Iterable<KubeObject>, limit = 30): WarningLine[] {
  const lines = new Map<string, WarningLine>();
  for (const o of events) {
    const e = o as KubeEvent;
    if (e.type !== 'Warning') continue;
    const io = e.involvedObject ?? {};
    const key = `${io.kind}/${io.namespace ?? e.metadata.namespace ?? ''}/${io.name}/${e.reason}`;
    const line = lines.get(key);
    const n = e.count ?? 1;
    if (!line) lines.set(key, { key, latest: e, count: n });
    else {
      line.count += n;
      if (eventTime(e) > eventTime(line.latest)) line.latest = e;
    }
  }
  return [...lines.values()].sort((a, b) => eventTime(b.latest).localeCompare(eventTime(a.latest))).slice(0, limit);
}
