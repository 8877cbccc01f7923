/**
 * Element order after a strategic merge of a list, as kube-apiserver
 * computes it (design proposal "Preserve Order in Strategic Merge Patch"):
 * items the patch names follow the patch's (or $setElementOrder's) order;
 * items only the server had keep their live order and are interleaved with
 * the patch items wherever the live list puts them earlier.
 */
import { badRequest } from '../api/errors';
import { isJsonObject } from './json-value';

/** How list items are told apart: by merge-key value, or by the whole value for primitives. */
export type ItemId = (item: unknown) => string;

/** Identity of items in a list merged by `mergeKey`, or of primitive set items when undefined. */
export function itemIdentity(mergeKey: string | undefined): ItemId {
  if (mergeKey === undefined) return (item) => JSON.stringify(item);
  return (item) => (isJsonObject(item) ? JSON.stringify(item[mergeKey] ?? null) : `\u0000${JSON.stringify(item)}`);
}

function firstIndex(list: readonly unknown[], id: ItemId): Map<string, number> {
  const m = new Map<string, number>();
  list.forEach((x, i) => {
    const k = id(x);
    if (!m.has(k)) m.set(k, i);
  });
  return m;
}

function sortByIndex(items: unknown[], index: Map<string, number>, id: ItemId): unknown[] {
  // Array.prototype.sort is stable, so items the order does not name keep their relative place.
  return [...items].sort((a, b) => (index.get(id(a)) ?? Infinity) - (index.get(id(b)) ?? Infinity));
}

/**
 * Order a merged list: `order` ranks the items it names (the patch list or
 * the $setElementOrder list); the others are server-only and keep
 * `serverOrder` (the live list). A server-only item goes before a patch
 * item only when the live list had it earlier; ties go to the patch item.
 */
export function orderMergedList(merged: readonly unknown[], order: readonly unknown[], serverOrder: readonly unknown[], id: ItemId): unknown[] {
  const orderIdx = firstIndex(order, id);
  const serverIdx = firstIndex(serverOrder, id);
  const named = sortByIndex(merged.filter((x) => orderIdx.has(id(x))), orderIdx, id);
  const serverOnly = sortByIndex(merged.filter((x) => !orderIdx.has(id(x))), serverIdx, id);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < named.length) {
    if (j >= named.length) out.push(serverOnly[i++]);
    else if (i >= serverOnly.length) out.push(named[j++]);
    else {
      const l = serverIdx.get(id(serverOnly[i]));
      const r = serverIdx.get(id(named[j]));
      if (l !== undefined && r !== undefined && l < r) out.push(serverOnly[i++]);
      else out.push(named[j++]);
    }
  }
  return out;
}

/**
 * Reject a patch list whose items appear in a different relative order than
 * in its $setElementOrder list (deletions are exempt), as kube does: the two
 * were computed together, so a mismatch means a corrupted patch.
 */
export function checkSetElementOrder(patchList: readonly unknown[], order: readonly unknown[], id: ItemId): void {
  const named = patchList.filter((x) => !(isJsonObject(x) && x.$patch !== undefined));
  let p = 0;
  for (let s = 0; s < order.length && p < named.length; s++) if (id(named[p]) === id(order[s])) p++;
  if (p < named.length) {
    throw badRequest(`The order in patch list:\n${goFormat(patchList)}\n doesn't match $setElementOrder list:\n${goFormat(order)}\n`);
  }
}

/** A value printed the way Go's %v prints decoded JSON, for messages that quote kube's. */
export function goFormat(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  if (isJsonObject(v)) return `map[${Object.keys(v).sort().map((k) => `${k}:${goFormat(v[k])}`).join(' ')}]`;
  return String(v);
}
