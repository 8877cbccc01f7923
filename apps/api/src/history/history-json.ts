/**
 * JSON text of a history answer. States and diffs are mostly objects the
 * live state already serialized (an object unchanged since the point is
 * the very same version), so their items are joined from the JSON cache;
 * other answers are small and go through JSON.stringify. Same bytes as
 * JSON.stringify of the whole body either way.
 */
import type { ClusterDiff, ClusterStateView, KubeObject } from '@chronokube/core';
import { cachedObjectJson } from '../json-cache';

/**
 * The items' JSON array: cached texts joined, and each run of versions
 * without one (past versions rebuilt for time travel) stringified in one
 * JSON.stringify call, which is 1.5-3x quicker than one call per object.
 */
function objects(items: KubeObject[]): string {
  const parts: string[] = [];
  let runStart = 0;
  const flush = (end: number): void => {
    if (end > runStart) parts.push(JSON.stringify(items.slice(runStart, end)).slice(1, -1));
  };
  for (let i = 0; i < items.length; i++) {
    const cached = cachedObjectJson(items[i]);
    if (cached === undefined) continue;
    flush(i);
    parts.push(cached);
    runStart = i + 1;
  }
  flush(items.length);
  return `[${parts.join(',')}]`;
}

/** Members of `body` in order, with `joined` members written by their own serializer. */
function withJoined(body: object, joined: Record<string, (value: never) => string>): string {
  const members: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    const own = joined[key];
    members.push(`${JSON.stringify(key)}:${own ? own(value as never) : JSON.stringify(value)}`);
  }
  return `{${members.join(',')}}`;
}

/** The answer's JSON text; a string body is taken as JSON text already. */
export function historyJson(body: unknown): string {
  // An answer already rendered (an incident bundle's file text) goes out as it is.
  if (typeof body === 'string') return body;
  const kind = (body as { kind?: unknown } | null)?.kind;
  if (kind === 'ClusterState') return withJoined(body as ClusterStateView, { items: objects });
  if (kind === 'ClusterDiff') return withJoined(body as ClusterDiff, { added: objects, removed: objects });
  return JSON.stringify(body);
}
