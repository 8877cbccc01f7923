/**
 * The published definitions: the schema files with list semantics from the
 * patch metadata applied, and lookups from kinds to definitions.
 */
import { PATCH_META } from '../patch/patch-meta';
import { rawDefinitions } from './defs';
import { withListSemantics } from './list-semantics';
import { Definitions, Gvk, gvksOf } from './schema-dsl';

function kindIndex(defs: Definitions): Map<string, { name: string; gvk: Gvk }> {
  const index = new Map<string, { name: string; gvk: Gvk }>();
  for (const [name, schema] of Object.entries(defs)) {
    const gvks = gvksOf(schema);
    // Meta types published under every group (DeleteOptions) index by their first GVK.
    if (gvks.length && !index.has(gvks[0].kind)) index.set(gvks[0].kind, { name, gvk: gvks[0] });
  }
  return index;
}

const RAW = rawDefinitions();
const RAW_INDEX = kindIndex(RAW);

/** Every definition chronokube publishes, keyed by full name. Treat as read-only. */
export const DEFINITIONS: Definitions = withListSemantics(RAW, PATCH_META, (k) => RAW_INDEX.get(k)?.name);

/** The definition name of a kind (kinds are unique across the served groups), or undefined. */
export function definitionNameOfKind(kind: string): string | undefined {
  return RAW_INDEX.get(kind)?.name;
}

/** The GVK of a kind as published, or undefined for kinds without a schema. */
export function gvkOfKind(kind: string): Gvk | undefined {
  return RAW_INDEX.get(kind)?.gvk;
}
