/**
 * A compact way to write the API's schemas once and render them as both
 * Swagger 2.0 and OpenAPI 3.0. A `Schema` here is neutral: references name a
 * definition (`ref: 'io.k8s.api.core.v1.Pod'`) instead of carrying a
 * version-specific `$ref` URL, so each renderer decides how a reference and
 * its siblings are spelled.
 */

export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

/** Group, version and kind, as the `x-kubernetes-group-version-kind` extension spells them. */
export interface Gvk {
  group: string;
  kind: string;
  version: string;
}

/** One schema node, version-neutral. */
export interface Schema {
  type?: JsonType;
  format?: string;
  description?: string;
  /** The definition this node stands for, by its full name. */
  ref?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema;
  enum?: (string | number)[];
  default?: unknown;
  oneOf?: Schema[];
  /** `x-kubernetes-*` vendor extensions, emitted verbatim in both versions. */
  extensions?: Record<string, unknown>;
  /** What OpenAPI v3 shows instead (kube publishes IntOrString and Quantity differently per version). */
  v3?: Schema;
}

/** Named definitions, keyed by full name (`io.k8s.api.core.v1.Pod`). */
export type Definitions = Record<string, Schema>;

/** Prefixes of kube's definition names, per API package. */
export const CORE = 'io.k8s.api.core.v1.';
export const APPS = 'io.k8s.api.apps.v1.';
export const COORDINATION = 'io.k8s.api.coordination.v1.';
export const AUTOSCALING = 'io.k8s.api.autoscaling.v1.';
export const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.';

/** Well-known definition names shared across files. */
export const N = {
  objectMeta: `${META}ObjectMeta`,
  listMeta: `${META}ListMeta`,
  labelSelector: `${META}LabelSelector`,
  time: `${META}Time`,
  microTime: `${META}MicroTime`,
  condition: `${META}Condition`,
  quantity: 'io.k8s.apimachinery.pkg.api.resource.Quantity',
  intOrString: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
  rawExtension: 'io.k8s.apimachinery.pkg.runtime.RawExtension',
} as const;

/** A string field. */
export function str(description: string, extra: Partial<Schema> = {}): Schema {
  return { type: 'string', description, ...extra };
}

/** A string field restricted to the given values (kube's `+enum` types). */
export function strEnum(values: string[], description: string, extra: Partial<Schema> = {}): Schema {
  return { type: 'string', enum: values, description, ...extra };
}

/** A 32-bit integer field. */
export function int32(description: string): Schema {
  return { type: 'integer', format: 'int32', description };
}

/** A 64-bit integer field. */
export function int64(description: string): Schema {
  return { type: 'integer', format: 'int64', description };
}

/** A boolean field. */
export function bool(description: string): Schema {
  return { type: 'boolean', description };
}

/** A field whose value is the named definition. */
export function ref(name: string, description?: string): Schema {
  return description === undefined ? { ref: name } : { ref: name, description };
}

/** A timestamp field (RFC 3339, meta/v1 Time). */
export function time(description: string): Schema {
  return ref(N.time, description);
}

/** A list whose items have the given shape. */
export function listOf(items: Schema, description: string): Schema {
  return { type: 'array', items, description };
}

/** A list of the named definition. */
export function refList(name: string, description: string): Schema {
  return listOf(ref(name), description);
}

/** A list of strings. */
export function strList(description: string): Schema {
  return listOf({ type: 'string' }, description);
}

/** A map from string keys to values of the given shape. */
export function mapOf(values: Schema, description: string): Schema {
  return { type: 'object', additionalProperties: values, description };
}

/** A map from strings to strings (labels, annotations, selectors, data). */
export function strMap(description: string): Schema {
  return mapOf({ type: 'string' }, description);
}

/** A map from resource names to quantities (requests, limits, capacity). */
export function quantityMap(description: string): Schema {
  return mapOf(ref(N.quantity), description);
}

/** Options of a structured definition. */
export interface ObjectOptions {
  required?: string[];
  /** `x-kubernetes-map-type`: 'atomic' makes apply treat the object as one value. */
  mapType?: 'atomic' | 'granular';
}

/** A structured definition: an object with named fields. */
export function object(description: string, properties: Record<string, Schema>, opts: ObjectOptions = {}): Schema {
  const s: Schema = { type: 'object', description, properties };
  if (opts.required?.length) s.required = [...opts.required].sort();
  if (opts.mapType) s.extensions = { 'x-kubernetes-map-type': opts.mapType };
  return s;
}

const API_VERSION_DOC =
  'The versioned schema of this representation of an object; servers convert recognized schemas to the latest internal value and may reject unrecognized values.';
const KIND_DOC =
  'The REST resource this object represents, in CamelCase; servers may infer it from the endpoint the client submits to, and it cannot be updated.';

/** The `apiVersion` and `kind` fields every top-level type carries. */
export function typeMetaFields(): Record<string, Schema> {
  return { apiVersion: str(API_VERSION_DOC), kind: str(KIND_DOC) };
}

/** The GVK extension value of a top-level definition. */
export function gvkExtension(gvks: Gvk[]): Record<string, unknown> {
  return { 'x-kubernetes-group-version-kind': gvks.map((g) => ({ group: g.group, kind: g.kind, version: g.version })) };
}

/** Marks a definition as the schema of one or more kinds. */
export function withGvk(schema: Schema, ...gvks: Gvk[]): Schema {
  return { ...schema, extensions: { ...schema.extensions, ...gvkExtension(gvks) } };
}

/**
 * A top-level kind: apiVersion, kind and metadata plus the given fields,
 * tagged with its GVK so explain and kubectl's patch logic can find it.
 */
export function kind(gvk: Gvk, description: string, fields: Record<string, Schema>, opts: ObjectOptions = {}): Schema {
  return withGvk(
    object(description, {
      ...typeMetaFields(),
      metadata: ref(N.objectMeta, "Standard object's metadata."),
      ...fields,
    }, opts),
    gvk,
  );
}

/** The `<Kind>List` definition holding items of the named definition. */
export function listKind(gvk: Gvk, itemDef: string, description: string): Schema {
  return withGvk(
    object(description, {
      ...typeMetaFields(),
      items: refList(itemDef, `The ${gvk.kind.replace(/List$/, '')} objects in the list.`),
      metadata: ref(N.listMeta, "Standard list metadata: resourceVersion and continue token."),
    }, { required: ['items'] }),
    gvk,
  );
}

/** GVK helpers for the groups chronokube serves. */
export const gvk = {
  core: (k: string): Gvk => ({ group: '', kind: k, version: 'v1' }),
  apps: (k: string): Gvk => ({ group: 'apps', kind: k, version: 'v1' }),
  coordination: (k: string): Gvk => ({ group: 'coordination.k8s.io', kind: k, version: 'v1' }),
  autoscaling: (k: string): Gvk => ({ group: 'autoscaling', kind: k, version: 'v1' }),
};

/** The GVKs a definition carries, or [] when it is not a top-level kind. */
export function gvksOf(schema: Schema): Gvk[] {
  const v = schema.extensions?.['x-kubernetes-group-version-kind'];
  return Array.isArray(v) ? (v as Gvk[]) : [];
}
