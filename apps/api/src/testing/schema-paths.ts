/**
 * Every field path of a kind's published schema, with the JSON type the
 * schema wants there: what the type fuzz test aims its wrong values at.
 */
import { OPENAPI_DEFINITIONS, definitionNameOfKind, type OpenApiSchema } from '@chronokube/core';

/** One step into an object: a field name, a map key or a list's first item. */
export type Step = { field: string } | { key: string } | { item: true };

export interface SchemaPath {
  steps: Step[];
  /** What belongs there: a JSON type, or intOrString / quantity / opaque for the special ones. */
  expected: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'intOrString' | 'quantity' | 'opaque';
}

function resolve(schema: OpenApiSchema): { schema: OpenApiSchema | undefined; name?: string } {
  let s: OpenApiSchema | undefined = schema;
  let name: string | undefined;
  for (let hops = 0; s?.ref && hops < 32; hops++) {
    name = s.ref;
    s = OPENAPI_DEFINITIONS[s.ref];
  }
  return { schema: s, name };
}

/** The field paths of `kind`, depth-first, each definition entered at most once per path. */
export function schemaPaths(kind: string, maxDepth = 12): SchemaPath[] {
  const root = definitionNameOfKind(kind);
  if (!root) return [];
  const out: SchemaPath[] = [];
  const walk = (schema: OpenApiSchema, steps: Step[], seen: Set<string>): void => {
    const { schema: s, name } = resolve(schema);
    if (!s || steps.length > maxDepth || (name && seen.has(name))) return;
    const inner = name ? new Set([...seen, name]) : seen;
    if (name?.endsWith('.Quantity')) return void out.push({ steps, expected: 'quantity' });
    if (name?.endsWith('.IntOrString')) return void out.push({ steps, expected: 'intOrString' });
    const expected = s.type ?? 'opaque';
    if (steps.length > 0) out.push({ steps, expected: expected as SchemaPath['expected'] });
    if (s.type === 'array' && s.items) walk(s.items, [...steps, { item: true }], inner);
    if (s.additionalProperties) walk(s.additionalProperties, [...steps, { key: 'k' }], inner);
    for (const [field, child] of Object.entries(s.properties ?? {})) walk(child, [...steps, { field }], inner);
  };
  walk({ ref: root }, [], new Set());
  return out;
}

/** `.spec.containers[0].ports`, for messages. */
export function pathText(steps: Step[]): string {
  return steps.map((s) => ('field' in s ? `.${s.field}` : 'key' in s ? `.${s.key}` : '[0]')).join('');
}

/** A deep copy of `base` with `value` put at `steps`, creating objects and one-item lists on the way. */
export function withValueAt(base: Record<string, unknown>, steps: Step[], value: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  let node: unknown = copy;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const last = i === steps.length - 1;
    const next = steps[i + 1];
    const fresh = (): unknown => (next && 'item' in next ? [] : {});
    if ('item' in step) {
      const list = node as unknown[];
      if (last) list[0] = value;
      else {
        if (typeof list[0] !== 'object' || list[0] === null) list[0] = fresh();
        node = list[0];
      }
    } else {
      const obj = node as Record<string, unknown>;
      const k = 'field' in step ? step.field : step.key;
      if (last) obj[k] = value;
      else {
        const want = next && 'item' in next ? Array.isArray(obj[k]) : typeof obj[k] === 'object' && obj[k] !== null && !Array.isArray(obj[k]);
        if (!want) obj[k] = fresh();
        node = obj[k];
      }
    }
  }
  return copy;
}
