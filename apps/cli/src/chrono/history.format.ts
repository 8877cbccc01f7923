import type { FieldChange, ObjectTimeline, TimelineEntry } from './contract';
import { cell, renderTable } from './table';
import { formatFieldChange, formatRef, formatTime } from './values';

/**
 * An object's timeline as a table, oldest first: REVISION counts the
 * versions (1 is the first create), RV is the version's resourceVersion,
 * and CHANGES says in one cell what this event did to the object.
 */
export function formatHistory(timeline: ObjectTimeline): string {
  const title = `${formatRef(timeline.object)}: ${timeline.versions.length} version${timeline.versions.length === 1 ? '' : 's'}`;
  const rows = timeline.versions.map((entry, i) => [
    String(i + 1),
    entry.resourceVersion,
    formatTime(entry.time),
    entry.type,
    cell(entry.actor, 40),
    entry.verb || '<none>',
    summarizeChanges(entry, timeline.versions[i - 1]),
  ]);
  return `${title}\n${renderTable(['REVISION', 'RV', 'TIME', 'EVENT', 'ACTOR', 'VERB', 'CHANGES'], rows)}`;
}

/**
 * One cell for what an event changed: `created`/`re-created`, `deleted`,
 * else the changed fields (`path: old → new`), the first `max` of them.
 */
export function summarizeChanges(entry: TimelineEntry, previous: TimelineEntry | undefined, max = 2): string {
  if (entry.deleted) return 'deleted';
  if (!previous || previous.generation !== entry.generation) return entry.generation > 1 ? `re-created (life ${entry.generation})` : 'created';
  const fields = entry.fields.filter((f) => !isBookkeeping(f));
  if (fields.length === 0) return entry.fields.length === 0 ? 'no change' : 'metadata only';
  const shown = fields.slice(0, max).map((f) => formatFieldChange(f, 24));
  const more = fields.length > max ? `, +${fields.length - max} more` : '';
  // One row per version: a long status change must not push the table off screen (-o yaml has it all).
  return cell(shown.join(', '), 110) + more;
}

// Every update bumps these; listing them in every row hides the change that matters.
function isBookkeeping(field: FieldChange): boolean {
  return field.path === 'metadata.generation' || field.path.startsWith('metadata.managedFields');
}
