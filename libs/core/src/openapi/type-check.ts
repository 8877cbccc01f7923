/**
 * The type check behind admission: does every field of an object have the
 * JSON type its schema declares? kube-apiserver gets this for free from Go's
 * typed decoding (a string where a list belongs never reaches its
 * registry); chronokube keeps objects as JSON, so it walks the published
 * definitions instead and words the first mismatch as Go's encoding/json
 * does: `json: cannot unmarshal string into Go struct field
 * PodSpec.spec.nodeSelector of type map[string]string`.
 *
 * What Go's decoder accepts, this accepts: `null` anywhere, unknown fields
 * (fieldValidation's business), any string for an enum. Timestamps must be
 * RFC 3339, as metav1.Time's own decoding insists. Quantity and
 * IntOrString follow their own UnmarshalJSON (a number or a string; a
 * 32-bit integer or a string).
 */
import { DEFINITIONS, definitionNameOfKind } from './definitions';
import { rfc3339Error } from './go-time';
import { N, type Definitions, type Schema } from './schema-dsl';

/** The first field whose JSON type its schema does not allow. */
export interface TypeMismatch {
  /** Where, with list indices: `.spec.containers[0].ports`. */
  path: string;
  /** The JSON type found: string, number, bool, array or object (Go's words). */
  found: string;
  /** What the schema wants, as Go spells the type: `[]v1.Container`, `map[string]string`, `int32`. */
  expected: string;
  /** Go's encoding/json message for it, kube's decoding error without its prefix. */
  message: string;
}

const QUANTITY_MESSAGE = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
/** Bounds an object walk: deeper documents are refused rather than walked (Go's decoder stops at 10,000). */
const MAX_DEPTH = 10_000;

/** The JSON type of a value, as Go's UnmarshalTypeError names it. */
export function jsonTypeName(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  return value === null ? 'null' : 'object';
}

/**
 * The first type mismatch in `obj` against the schema of `kind`, in
 * document order, or undefined when every field fits (or the kind has no
 * schema). Pure.
 */
export function typeMismatch(kind: string, obj: unknown): TypeMismatch | undefined {
  const name = definitionNameOfKind(kind);
  if (!name) return undefined;
  return typeMismatchIn(name, obj, DEFINITIONS);
}

/** `typeMismatch` against a named definition of any definition set. */
export function typeMismatchIn(definition: string, value: unknown, defs: Definitions): TypeMismatch | undefined {
  const walker = walkerFor(defs);
  walker.found = undefined;
  walker.value({ ref: definition }, value, { parent: undefined, step: undefined, field: false, struct: shortName(definition) }, 0);
  return walker.found;
}

/**
 * Where the walk is: a chain of steps back to the root, turned into paths
 * only when something fails (building strings per field would cost more
 * than the whole check).
 */
interface At {
  parent: At | undefined;
  /** A field name, a map key (string) or a list index (number). */
  step: string | number | undefined;
  /** Whether the step is a struct field (only those appear in Go's field path). */
  field: boolean;
  /** The innermost Go struct holding this step. */
  struct: string;
}

function jsonPath(at: At): string {
  const parts: string[] = [];
  for (let a: At | undefined = at; a && a.step !== undefined; a = a.parent) parts.push(typeof a.step === 'number' ? `[${a.step}]` : `.${a.step}`);
  return parts.reverse().join('');
}

function goField(at: At): string {
  const parts: string[] = [];
  for (let a: At | undefined = at; a && a.step !== undefined; a = a.parent) if (a.field) parts.push(a.step as string);
  return parts.reverse().join('.');
}

function shortName(definition: string): string {
  return definition.slice(definition.lastIndexOf('.') + 1);
}

/** `v1.PodSpec`, `resource.Quantity`: the package-qualified Go type of a definition. */
function goTypeOfDefinition(definition: string): string {
  const parts = definition.split('.');
  return parts.length >= 2 ? `${parts[parts.length - 2]}.${parts[parts.length - 1]}` : definition;
}

const WALKERS = new WeakMap<Definitions, Walker>();

/** One walker per definition set, so schema resolution is cached across calls (the walk is synchronous). */
function walkerFor(defs: Definitions): Walker {
  let walker = WALKERS.get(defs);
  if (!walker) WALKERS.set(defs, (walker = new Walker(defs)));
  return walker;
}

class Walker {
  found: TypeMismatch | undefined;

  constructor(private readonly defs: Definitions) {}

  private readonly resolved = new Map<Schema, { schema: Schema | undefined; name?: string; struct?: string }>();

  private resolve(schema: Schema): { schema: Schema | undefined; name?: string; struct?: string } {
    const known = this.resolved.get(schema);
    if (known) return known;
    let s: Schema | undefined = schema;
    let name: string | undefined;
    for (let hops = 0; s?.ref && hops < 32; hops++) {
      name = s.ref;
      s = this.defs[s.ref];
    }
    const result = { schema: s, name, struct: name ? shortName(name) : undefined };
    this.resolved.set(schema, result);
    return result;
  }

  /** Go's spelling of the type a schema stands for. */
  goType(schema: Schema, depth = 0): string {
    const { schema: s, name } = this.resolve(schema);
    if (name) return goTypeOfDefinition(name);
    if (!s || depth > 16) return 'interface {}';
    switch (s.type) {
      case 'string': return 'string';
      case 'boolean': return 'bool';
      case 'integer': return s.format === 'int32' ? 'int32' : 'int64';
      case 'number': return 'float64';
      case 'array': return `[]${s.items ? this.goType(s.items, depth + 1) : 'interface {}'}`;
      case 'object':
        if (s.additionalProperties) return `map[string]${this.goType(s.additionalProperties, depth + 1)}`;
        return 'map[string]interface {}';
      default: return 'interface {}';
    }
  }

  private fail(at: At, found: string, expected: string, message?: string, bare = false): void {
    if (this.found) return;
    const field = bare ? '' : goField(at);
    const where = field ? `Go struct field ${at.struct}.${field}` : 'Go value';
    this.found = {
      path: jsonPath(at), found, expected,
      message: message ?? `json: cannot unmarshal ${found} into ${where} of type ${expected}`,
    };
  }

  value(schema: Schema, value: unknown, at: At, depth: number): void {
    if (this.found || value === null || value === undefined) return;
    if (depth > MAX_DEPTH) return this.fail(at, jsonTypeName(value), this.goType(schema), 'json: exceeded max depth');
    const { schema: s, name } = this.resolve(schema);
    if (!s) return;
    const found = jsonTypeName(value);
    if (name === N.quantity) {
      if (found !== 'string' && found !== 'number') this.fail(at, found, 'resource.Quantity', QUANTITY_MESSAGE);
      return;
    }
    if (name === N.time || name === N.microTime) {
      // Time.UnmarshalJSON decodes a string (no field context in its errors) and parses it as RFC 3339.
      // MicroTime is held to the same, more lenient, form: kube wants exactly six fraction digits there.
      if (found !== 'string') return this.fail(at, found, 'string', undefined, true);
      const bad = rfc3339Error(value as string);
      if (bad) this.fail(at, 'string', goTypeOfDefinition(name), bad);
      return;
    }
    if (name === N.intOrString) {
      // IntOrString.UnmarshalJSON decodes anything but a string into an int32, without field context.
      if (found === 'string') return;
      if (found !== 'number') return this.fail(at, found, 'int32', undefined, true);
      if (!Number.isInteger(value) || (value as number) < INT32.min || (value as number) > INT32.max) {
        this.fail(at, `number ${String(value)}`, 'int32', undefined, true);
      }
      return;
    }
    switch (s.type) {
      case 'string':
        if (found !== 'string') this.fail(at, found, this.goType(schema));
        return;
      case 'boolean':
        if (found !== 'bool') this.fail(at, found, 'bool');
        return;
      case 'integer':
      case 'number':
        return this.number(s, value, found, at);
      case 'array':
        if (found !== 'array') return this.fail(at, found, this.goType(schema));
        if (s.items) {
          const items = value as unknown[];
          for (let i = 0; i < items.length && !this.found; i++) this.value(s.items, items[i], { parent: at, step: i, field: false, struct: at.struct }, depth + 1);
        }
        return;
      case 'object':
      case undefined:
        return this.object(schema, s, name, value, found, at, depth);
      default:
        return;
    }
  }

  private number(s: Schema, value: unknown, found: string, at: At): void {
    const goType = s.type === 'number' ? 'float64' : s.format === 'int32' ? 'int32' : 'int64';
    if (found !== 'number') return this.fail(at, found, goType);
    if (s.type === 'number') return;
    const n = value as number;
    const bounds = goType === 'int32' ? INT32 : { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };
    if (!Number.isInteger(n) || n < bounds.min || n > bounds.max) this.fail(at, `number ${String(n)}`, goType);
  }

  private object(schema: Schema, s: Schema, name: string | undefined, value: unknown, found: string, at: At, depth: number): void {
    const opaque = !s.properties && !s.additionalProperties;
    // An opaque object (RawExtension, FieldsV1) keeps whatever JSON object it is given.
    if (opaque && s.type === undefined) return;
    if (found !== 'object') return this.fail(at, found, this.goType(schema));
    const obj = value as Record<string, unknown>;
    if (s.additionalProperties) {
      for (const key in obj) {
        this.value(s.additionalProperties, obj[key], { parent: at, step: key, field: false, struct: at.struct }, depth + 1);
        if (this.found) return;
      }
      return;
    }
    if (!s.properties) return;
    const struct = (name && this.resolve(schema).struct) || at.struct;
    for (const key in obj) {
      const field = s.properties[key];
      if (!field) continue;
      const child = obj[key];
      if (child === null || child === undefined) continue;
      this.value(field, child, { parent: at, step: key, field: true, struct }, depth + 1);
      if (this.found) return;
    }
  }
}
