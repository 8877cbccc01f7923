import type { ClusterDiff, KubeObject, ObjectChange } from './contract';
import type { Paint } from './color';
import { formatFieldChange, formatPoint, formatRef, refOf } from './values';

/**
 * The human form of a ClusterDiff: a summary line, then one line per added
 * (`+`) and removed (`-`) object and, per changed object (`~`), its
 * changed fields as `path: old → new`. Sorted by kind, namespace, name so
 * two runs over the same points print the same text.
 */
export function formatDiff(diff: ClusterDiff, paint: Paint): string {
  const lines: string[] = [];
  const counts = `${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`;
  lines.push(`Diff ${formatPoint(diff.from)} → ${formatPoint(diff.to)}: ${counts}`);
  if (diff.added.length + diff.removed.length + diff.changed.length === 0) return `${lines.join('\n')}\n`;
  lines.push('');
  for (const object of sortObjects(diff.added)) lines.push(paint.added(`+ ${formatRef(refOf(object))}`));
  for (const object of sortObjects(diff.removed)) lines.push(paint.removed(`- ${formatRef(refOf(object))}`));
  for (const change of sortChanges(diff.changed)) {
    lines.push(paint.changed(`~ ${formatRef(change.object)}`) + paint.dim(` (rv ${change.from} → ${change.to})`));
    for (const field of change.fields) {
      if (field.old === undefined) lines.push(paint.added(`    + ${formatFieldChange(field)}`));
      else if (field.new === undefined) lines.push(paint.removed(`    - ${formatFieldChange(field)}`));
      else lines.push(`      ${formatFieldChange(field)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const key = (kind: string, ns: string | undefined, name: string): string => `${kind}\u0000${ns ?? ''}\u0000${name}`;

function sortObjects(objects: KubeObject[]): KubeObject[] {
  return [...objects].sort((a, b) => compare(key(a.kind ?? '', a.metadata.namespace, a.metadata.name ?? ''), key(b.kind ?? '', b.metadata.namespace, b.metadata.name ?? '')));
}

function sortChanges(changes: ObjectChange[]): ObjectChange[] {
  return [...changes].sort((a, b) => compare(key(a.object.kind, a.object.namespace, a.object.name), key(b.object.kind, b.object.namespace, b.object.name)));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
