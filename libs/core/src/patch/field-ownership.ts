/**
 * Which field paths a value consists of, and which paths differ between
 * two versions of an object: the two questions server-side apply asks to
 * decide ownership. Lists follow patch-meta: associative lists ('map') own
 * items by key, set lists by value, all other lists are atomic (one leaf).
 */
import { badRequest } from '../api/errors';
import { patchNodeAt, type ListMeta } from './patch-meta';
import { deepEqual, isJsonObject } from './json-value';
import { encodePath, formatFieldPath, type FieldPath } from './field-set';

/**
 * Defaults of key fields that the OpenAPI schema supplies when an item
 * omits them; without these, `ports: [{containerPort: 80}]` and the live
 * `{containerPort: 80, protocol: TCP}` would be different items.
 */
const KEY_DEFAULTS: Record<string, unknown> = { protocol: 'TCP' };

/**
 * Object fields that are maps with arbitrary keys (Go maps, not structs).
 * An Update that creates or deletes one owns the map itself too (`"."`),
 * as kube records it for labels and annotations.
 */
const STRING_MAPS = new Set(['labels', 'annotations', 'nodeSelector', 'data', 'binaryData', 'stringData', 'matchLabels', 'limits', 'requests', 'capacity', 'allocatable']);

/** The merge rule of the list at a field-name path of `kind`. */
export function listMetaAt(kind: string, names: readonly string[]): ListMeta | undefined {
  return patchNodeAt(kind, names)?.list;
}

/** The path element naming a list item, or undefined when the item lacks every key field. */
export function itemElement(item: unknown, meta: ListMeta): string | undefined {
  if (meta.type === 'set') return `v:${JSON.stringify(item)}`;
  if (!isJsonObject(item)) return undefined;
  const names = [...(meta.keys ?? (meta.mergeKey ? [meta.mergeKey] : []))].sort();
  const key: Record<string, unknown> = {};
  for (const n of names) {
    const v = item[n] ?? KEY_DEFAULTS[n];
    if (v !== undefined && v !== null) key[n] = v;
  }
  return Object.keys(key).length ? `k:${JSON.stringify(key)}` : undefined;
}

/** Can this list be owned item by item under `meta`? (Otherwise it is owned whole.) */
export function isGranularList(list: readonly unknown[], meta: ListMeta | undefined): meta is ListMeta {
  if (!meta) return false;
  if (meta.type === 'set') return list.every((x) => !isJsonObject(x) && !Array.isArray(x));
  return list.every((x) => itemElement(x, meta) !== undefined);
}

const absent = (v: unknown): boolean => v === undefined || v === null;

function presentKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).filter((k) => !absent(o[k]));
}

class Walker {
  /**
   * `strict`: reject bad associative lists (applied configurations).
   * `ownMaps`: a non-empty string map is itself a member (Update semantics).
   * `ownAll`: every object and list is itself a member too; for removals,
   * so that an empty map or list someone owned as a leaf, and that has
   * since been filled, leaves their set when it goes.
   */
  constructor(readonly kind: string, readonly strict: boolean, readonly ownMaps = false, readonly ownAll = false) {}

  /** Every path of `value` at `path`: leaves, empty objects, atomic lists and list items. */
  value(value: unknown, names: string[], path: string[], out: Set<string>): void {
    if (isJsonObject(value)) {
      const keys = presentKeys(value);
      if (keys.length === 0 || this.ownAll || (this.ownMaps && STRING_MAPS.has(names[names.length - 1] ?? ''))) out.add(encodePath(path));
      for (const k of keys) this.value(value[k], [...names, k], [...path, `f:${k}`], out);
    } else if (Array.isArray(value)) {
      const meta = listMetaAt(this.kind, names);
      if (this.strict && meta) this.checkItems(value, meta, path);
      if (value.length === 0 || this.ownAll || !isGranularList(value, meta)) out.add(encodePath(path));
      if (value.length === 0 || !isGranularList(value, meta)) return;
      for (const item of value) this.item(item, meta, names, path, out);
    } else {
      out.add(encodePath(path));
    }
  }

  /** A list item: the item itself is a member, and so is every field below it. */
  item(item: unknown, meta: ListMeta, names: string[], listPath: string[], out: Set<string>): void {
    const at = [...listPath, itemElement(item, meta) as string];
    out.add(encodePath(at));
    if (meta.type === 'map' && isJsonObject(item)) {
      for (const k of presentKeys(item)) this.value(item[k], [...names, k], [...at, `f:${k}`], out);
    }
  }

  /** kube rejects an applied associative list whose items lack keys or repeat one. */
  private checkItems(list: unknown[], meta: ListMeta, path: string[]): void {
    const seen = new Set<string>();
    for (const item of list) {
      if (meta.type === 'map' && !isJsonObject(item)) continue;
      const el = itemElement(item, meta);
      if (el === undefined) {
        const key = (meta.keys ?? [meta.mergeKey])[0];
        throw badRequest(`${formatFieldPath(path)}: associative list with keys has an element that omits key field ${JSON.stringify(key)} (and doesn't have default value)`);
      }
      if (seen.has(el)) throw badRequest(`${formatFieldPath(path)}: duplicate entries for key ${formatFieldPath([el])}`);
      seen.add(el);
    }
  }
}

/**
 * The paths an object (or applied configuration) sets. With `strict`,
 * associative-list items without their keys or with repeated keys are a
 * 400 BadRequest, as kube rejects such an apply.
 */
export function fieldPathsOf(kind: string, obj: unknown, strict = false): Set<string> {
  const out = new Set<string>();
  if (isJsonObject(obj)) {
    const w = new Walker(kind, strict);
    for (const k of presentKeys(obj)) w.value(obj[k], [k], [`f:${k}`], out);
  }
  return out;
}

/** What changed between two versions, as ownership paths. */
export interface FieldComparison {
  added: Set<string>;
  removed: Set<string>;
  modified: Set<string>;
}

/** Compare two versions of an object of `kind`, path by path. */
export function compareFields(kind: string, before: unknown, after: unknown): FieldComparison {
  const c: FieldComparison = { added: new Set(), removed: new Set(), modified: new Set() };
  const w = new Walker(kind, false, true);
  const gone = new Walker(kind, false, true, true);
  const whole = (target: Set<string>, v: unknown, names: string[], path: string[]): void =>
    (target === c.removed ? gone : w).value(v, names, path, target);

  const cmp = (a: unknown, b: unknown, names: string[], path: string[]): void => {
    if (absent(a) && absent(b)) return;
    if (absent(a)) return whole(c.added, b, names, path);
    if (absent(b)) return whole(c.removed, a, names, path);
    if (isJsonObject(a) && isJsonObject(b)) {
      for (const k of new Set([...presentKeys(a), ...presentKeys(b)])) cmp(a[k], b[k], [...names, k], [...path, `f:${k}`]);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      const meta = listMetaAt(kind, names);
      if ((a.length || b.length) && isGranularList(a, meta) && isGranularList(b, meta)) return cmpItems(a, b, meta, names, path);
    }
    if (deepEqual(a, b)) return;
    const container = (v: unknown): boolean => isJsonObject(v) || Array.isArray(v);
    if (container(a) || container(b)) {
      whole(c.removed, a, names, path);
      whole(c.added, b, names, path);
    } else {
      c.modified.add(encodePath(path));
    }
  };

  const cmpItems = (a: unknown[], b: unknown[], meta: ListMeta, names: string[], path: string[]): void => {
    const index = (list: unknown[]): Map<string, unknown> => {
      const m = new Map<string, unknown>();
      for (const item of list) {
        const el = itemElement(item, meta) as string;
        if (!m.has(el)) m.set(el, item);
      }
      return m;
    };
    const ia = index(a);
    const ib = index(b);
    for (const [el, item] of ib) {
      if (!ia.has(el)) w.item(item, meta, names, path, c.added);
      else if (meta.type === 'map') cmp(ia.get(el), item, names, [...path, el]);
    }
    for (const [el, item] of ia) if (!ib.has(el)) gone.item(item, meta, names, path, c.removed);
  };

  if (isJsonObject(before) || isJsonObject(after)) {
    cmp(isJsonObject(before) ? before : {}, isJsonObject(after) ? after : {}, [], []);
  }
  // cmp on two objects never records the root itself; an empty-root leaf would be meaningless.
  for (const s of [c.added, c.removed, c.modified]) s.delete(encodePath([]));
  return c;
}

/** A FieldPath's parent field names (list item elements carry none). */
export function fieldNamesOf(path: FieldPath): string[] {
  return path.filter((el) => el.startsWith('f:')).map((el) => el.slice(2));
}
