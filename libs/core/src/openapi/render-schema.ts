/**
 * Renders neutral schemas as Swagger 2.0 or OpenAPI 3.0 JSON. The versions
 * differ in where references point and in what may sit next to a `$ref`:
 * v2 keeps a description beside it, while v3 ignores siblings of `$ref`,
 * so kube (and kubectl explain after it) wraps the reference in `allOf`.
 */
import type { Schema } from './schema-dsl';

export type Json = Record<string, unknown>;

const V2_PREFIX = '#/definitions/';
const V3_PREFIX = '#/components/schemas/';

/** The Swagger 2.0 form of a schema. */
export function toV2Schema(s: Schema): Json {
  if (s.ref) return compact({ $ref: V2_PREFIX + s.ref, description: s.description, default: s.default, ...s.extensions });
  return body(s, toV2Schema, false);
}

/** The OpenAPI 3.0 form of a schema. */
export function toV3Schema(s: Schema): Json {
  if (s.v3) return toV3Schema({ ...s.v3, description: s.v3.description ?? s.description });
  if (s.ref) {
    const siblings = compact({ description: s.description, default: s.default, ...s.extensions });
    const target = { $ref: V3_PREFIX + s.ref };
    return Object.keys(siblings).length ? { allOf: [target], ...siblings } : target;
  }
  return body(s, toV3Schema, true);
}

function body(s: Schema, render: (s: Schema) => Json, v3: boolean): Json {
  return compact({
    description: s.description,
    type: s.type,
    format: s.format,
    items: s.items && render(s.items),
    additionalProperties: s.additionalProperties && render(s.additionalProperties),
    properties: s.properties && Object.fromEntries(Object.entries(s.properties).map(([k, p]) => [k, render(p)])),
    required: s.required,
    enum: s.enum,
    default: s.default,
    oneOf: v3 && s.oneOf ? s.oneOf.map(render) : undefined,
    ...s.extensions,
  });
}

/** Names of the definitions a schema refers to, directly or through nested fields. */
export function refsOf(s: Schema, into: Set<string> = new Set()): Set<string> {
  if (s.ref) into.add(s.ref);
  if (s.items) refsOf(s.items, into);
  if (s.additionalProperties) refsOf(s.additionalProperties, into);
  for (const p of Object.values(s.properties ?? {})) refsOf(p, into);
  for (const o of s.oneOf ?? []) refsOf(o, into);
  if (s.v3) refsOf(s.v3, into);
  return into;
}

function compact(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
