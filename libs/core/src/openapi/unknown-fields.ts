/**
 * Finds the fields of an object that its schema does not declare: the check
 * behind `fieldValidation=Strict` (reject) and `Warn` (warn per field).
 *
 * Maps (additionalProperties) accept any key; a node marked
 * `x-kubernetes-preserve-unknown-fields` accepts unknown keys while its
 * declared fields are still checked; an object schema that declares no
 * fields at all is opaque. Wrong types are not this module's business:
 * a value whose shape differs from the schema is skipped, not reported.
 */
import { DEFINITIONS, definitionNameOfKind } from './definitions';
import type { Definitions, Schema } from './schema-dsl';

/**
 * Paths of the fields in `obj` the schema of `kind` does not know, in
 * document order, like `.spec.containers[0].imagee`. Empty for kinds with
 * no schema. Pure.
 */
export function unknownFields(kind: string, obj: unknown): string[] {
  const name = definitionNameOfKind(kind);
  if (!name) return [];
  return unknownFieldsIn({ ref: name }, obj, DEFINITIONS);
}

/** `unknownFields` against any schema and definition set (for tests and subresources). */
export function unknownFieldsIn(schema: Schema, value: unknown, defs: Definitions): string[] {
  const found: string[] = [];
  walk(schema, value, '', defs, found);
  return found;
}

function resolve(schema: Schema, defs: Definitions): Schema | undefined {
  let s: Schema | undefined = schema;
  for (let hops = 0; s?.ref && hops < 32; hops++) s = defs[s.ref];
  return s;
}

function walk(schema: Schema, value: unknown, path: string, defs: Definitions, found: string[]): void {
  const s = resolve(schema, defs);
  if (!s || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    if (s.items) value.forEach((item, i) => walk(s.items!, item, `${path}[${i}]`, defs, found));
    return;
  }
  const preserve = s.extensions?.['x-kubernetes-preserve-unknown-fields'] === true;
  if (!s.properties && !s.additionalProperties) return;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const fieldSchema = s.properties?.[key] ?? s.additionalProperties;
    if (fieldSchema) walk(fieldSchema, child, `${path}.${key}`, defs, found);
    else if (!preserve) found.push(`${path}.${key}`);
  }
}

/** The per-field message kube uses, for warnings: `unknown field "spec.containers[0].imagee"`. */
export function unknownFieldMessage(path: string): string {
  return `unknown field "${path.replace(/^\./, '')}"`;
}

/** The message of a request rejected under fieldValidation=Strict, as kube words it. */
export function strictDecodingMessage(paths: readonly string[]): string {
  return `strict decoding error: ${paths.map(unknownFieldMessage).join(', ')}`;
}
