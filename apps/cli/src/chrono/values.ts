/**
 * How values, objects and points read in the plugin's human output: one
 * short line each, the same in every verb.
 */
import type { FieldChange, HistoryEvent, KubeObject, ObjectRef, PointRef } from './contract';

/** A field value as compact JSON; an absent side reads `<absent>`. */
export function formatValue(value: unknown, max = 80): string {
  if (value === undefined) return '<absent>';
  const text = JSON.stringify(value) ?? String(value);
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/** `path: old → new`, the one-line form of a changed field. */
export function formatFieldChange(change: FieldChange, max = 80): string {
  return `${change.path}: ${formatValue(change.old, max)} → ${formatValue(change.new, max)}`;
}

/** `Kind namespace/name` (cluster-scoped: `Kind name`). */
export function formatRef(ref: Pick<ObjectRef, 'kind' | 'namespace' | 'name'>): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

/** The ref of an object as the API serves it. */
export function refOf(object: KubeObject): Pick<ObjectRef, 'kind' | 'namespace' | 'name'> {
  return { kind: object.kind ?? '?', namespace: object.metadata.namespace, name: object.metadata.name ?? '?' };
}

/** `rv 4711 (2026-12-05T03:12:00Z)`; the time only when the point has one. */
export function formatPoint(point: PointRef): string {
  return point.time ? `rv ${point.resourceVersion} (${formatTime(point.time)})` : `rv ${point.resourceVersion}`;
}

/** An RFC 3339 time to the second, in UTC: history columns stay narrow and sortable. */
export function formatTime(time: string | undefined): string {
  if (!time) return '<none>';
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? time : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** One event on one line: `DeploymentScaled Deployment demo/web by alice (patch) rv 812`. */
export function formatEvent(event: HistoryEvent): string {
  const reason = event.reason ? ` [${event.reason}]` : '';
  return `${event.type} ${formatRef(event.object)} by ${event.actor} (${event.verb}) ${formatPoint({ resourceVersion: event.resourceVersion, time: event.time })}${reason}`;
}
