/**
 * Serialized JSON of stored objects, computed once per object version.
 * Objects in the projection are never mutated (every event makes a new
 * version), so a version's JSON never goes stale; the WeakMap lets it go
 * with the version. Lists, watches and snapshots are then joins of cached
 * strings instead of fresh JSON.stringify calls per request and watcher.
 */
import type { KubeObject } from '@chronokube/core';

const cache = new WeakMap<object, string>();

/** JSON.stringify(object), cached for this object version. */
export function objectJson(object: KubeObject): string {
  let text = cache.get(object);
  if (text === undefined) {
    text = JSON.stringify(object);
    cache.set(object, text);
  }
  return text;
}

/**
 * The cached JSON of an object version when it has one, else a fresh
 * JSON.stringify that is not kept: past versions rebuilt for time travel
 * must not pin their text in memory for as long as a snapshot holds them.
 */
export function objectJsonIfCached(object: KubeObject): string {
  return cache.get(object) ?? JSON.stringify(object);
}

/** The cached JSON of an object version, if it has one (nothing is computed). */
export function cachedObjectJson(object: KubeObject): string | undefined {
  return cache.get(object);
}

/** A list body built from cached item JSON (same bytes as JSON.stringify of the list). */
export function listJson(head: { apiVersion: string; kind: string; metadata: object }, items: KubeObject[]): string {
  const parts = new Array<string>(items.length);
  for (let i = 0; i < items.length; i++) parts[i] = objectJson(items[i]);
  return `{"apiVersion":${JSON.stringify(head.apiVersion)},"kind":${JSON.stringify(head.kind)},"metadata":${JSON.stringify(head.metadata)},"items":[${parts.join(',')}]}`;
}
