/**
 * Layers the merge semantics of lists onto the definitions, from the same
 * patch-meta table strategic merge patch and server-side apply use, so the
 * published schema and the patch logic cannot disagree.
 */
import type { ListMeta as PatchListMeta, PatchNode } from '../patch/patch-meta';
import type { Definitions, Schema } from './schema-dsl';

/** The OpenAPI extensions describing how a list merges; undefined list meta means atomic. */
export function listExtensions(list: PatchListMeta | undefined): Record<string, unknown> {
  if (!list) return { 'x-kubernetes-list-type': 'atomic' };
  if (list.type === 'set') return { 'x-kubernetes-list-type': 'set', 'x-kubernetes-patch-strategy': 'merge' };
  return {
    'x-kubernetes-list-map-keys': list.keys ?? (list.mergeKey ? [list.mergeKey] : []),
    'x-kubernetes-list-type': 'map',
    'x-kubernetes-patch-merge-key': list.mergeKey ?? list.keys?.[0],
    'x-kubernetes-patch-strategy': list.retainKeys ? 'merge,retainKeys' : 'merge',
  };
}

/**
 * A copy of `defs` where every list the patch metadata describes carries its
 * map/set extensions and every other list is marked atomic. `defOfKind` maps
 * a patch-meta root kind to its definition name. Throws when the patch
 * metadata names a field the schema lacks, or when two kinds sharing a
 * definition would give one list two different semantics: both are bugs.
 */
export function withListSemantics(
  defs: Definitions,
  patchMeta: Record<string, PatchNode>,
  defOfKind: (kind: string) => string | undefined,
): Definitions {
  const out = structuredClone(defs);
  const annotate = (defName: string, node: PatchNode, trail: string): void => {
    const def = out[defName];
    if (!def?.properties) throw new Error(`openapi: ${trail} points at ${defName}, which has no fields`);
    for (const [field, child] of Object.entries(node.fields ?? {})) {
      const prop = def.properties[field];
      if (!prop) throw new Error(`openapi: patch metadata names ${trail}.${field}, which ${defName} lacks`);
      if (child.list) {
        if (prop.type !== 'array') throw new Error(`openapi: ${trail}.${field} is a list in patch metadata only`);
        def.properties[field] = mergeExtensions(prop, listExtensions(child.list), `${defName}.${field}`);
      }
      const target = child.list ? prop.items?.ref : prop.ref;
      const next = child.list ? child.item : child;
      if (target && next?.fields) annotate(target, next, `${trail}.${field}`);
    }
  };
  for (const [kind, node] of Object.entries(patchMeta)) {
    const root = defOfKind(kind);
    if (root) annotate(root, node, kind);
  }
  for (const def of Object.values(out)) {
    for (const [field, prop] of Object.entries(def.properties ?? {})) {
      if (prop.type === 'array' && !prop.extensions?.['x-kubernetes-list-type']) {
        def.properties![field] = { ...prop, extensions: { ...prop.extensions, ...listExtensions(undefined) } };
      }
    }
  }
  return out;
}

function mergeExtensions(prop: Schema, ext: Record<string, unknown>, where: string): Schema {
  const before = prop.extensions?.['x-kubernetes-list-type'];
  if (before !== undefined) {
    const same = Object.entries(ext).every(([k, v]) => JSON.stringify(prop.extensions?.[k]) === JSON.stringify(v));
    if (!same) throw new Error(`openapi: conflicting list semantics for ${where}`);
    return prop;
  }
  return { ...prop, extensions: { ...prop.extensions, ...ext } };
}
