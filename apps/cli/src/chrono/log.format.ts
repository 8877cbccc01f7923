import type { EventList } from './contract';
import { cell, renderTable } from './table';
import { formatTime } from './values';

/** The event log as a table, in the order the server returned it. */
export function formatLog(list: EventList): string {
  if (list.items.length === 0) return 'No events found.\n';
  const rows = list.items.map((e) => [
    e.resourceVersion,
    formatTime(e.time),
    e.type,
    e.object.namespace ?? '',
    `${e.object.kind}/${e.object.name}`,
    cell(e.actor, 40),
    e.verb || '<none>',
  ]);
  return renderTable(['RV', 'TIME', 'EVENT', 'NAMESPACE', 'OBJECT', 'ACTOR', 'VERB'], rows);
}

/** The hint printed to stderr when the server has more events than it sent. */
export function moreHint(list: EventList): string | undefined {
  return list.metadata.continue ? `(more events: narrow with --from/--to or raise --limit)` : undefined;
}
