/**
 * The shape of the schema tables: for each protobuf message, field number ->
 * how to read the field and what to call it in JSON. Tables are written by
 * hand from k8s.io generated.proto; the builders below keep them one line a
 * field.
 *
 * Go's JSON encoding drops zero scalars tagged `omitempty`, but gogo-protobuf
 * writes every non-pointer field, zero or not. So by default a zero scalar
 * ("", 0, false) is dropped, and `keep` marks the fields Go would still print:
 * pointers (`*int32 replicas`) and fields without omitempty (`containerPort`).
 */

/** Scalar protobuf types the k8s APIs use. */
export type ScalarType = 'string' | 'bytes' | 'bool' | 'int32' | 'int64' | 'double';

/** How one field's value is encoded. */
export type FieldType =
  | { readonly kind: 'scalar'; readonly scalar: ScalarType }
  | { readonly kind: 'enum'; readonly values: Readonly<Record<number, string>> }
  | { readonly kind: 'message'; readonly message: string }
  | { readonly kind: 'map'; readonly value: ScalarType | { readonly message: string } };

/** One field of a message. */
export interface FieldDescriptor {
  /** The Go json tag name. */
  readonly name: string;
  readonly type: FieldType;
  readonly repeated?: boolean;
  /** Emit zero scalar values (Go pointer, or a json tag without omitempty). */
  readonly keep?: boolean;
  /** Go embedded struct with `json:",inline"`: its fields join the parent's. */
  readonly inline?: boolean;
}

/** Field number -> field. */
export type MessageDescriptor = Readonly<Record<number, FieldDescriptor>>;

/** Message name (e.g. 'core.PodSpec') -> message. */
export type MessageTable = Readonly<Record<string, MessageDescriptor>>;

/** Field flags for the builders. */
export interface FieldFlags {
  readonly repeated?: boolean;
  readonly keep?: boolean;
  readonly inline?: boolean;
}

/** Emit even when zero. */
export const KEEP: FieldFlags = { keep: true };
/** A repeated field (a JSON array). */
export const REP: FieldFlags = { repeated: true };
/** A Go embedded struct inlined into its parent's JSON. */
export const INLINE: FieldFlags = { inline: true };

function scalar(scalarType: ScalarType) {
  const type: FieldType = { kind: 'scalar', scalar: scalarType };
  return (name: string, flags: FieldFlags = {}): FieldDescriptor => ({ name, type, ...flags });
}

/** A `string` field. */
export const str = scalar('string');
/** A `bytes` field (base64 in JSON). */
export const bytes = scalar('bytes');
/** A `bool` field. */
export const bool = scalar('bool');
/** An `int32` field. */
export const i32 = scalar('int32');
/** An `int64` field. */
export const i64 = scalar('int64');
/** A `double` field. */
export const dbl = scalar('double');

/** A field holding another message (named as in the tables). */
export function msg(name: string, message: string, flags: FieldFlags = {}): FieldDescriptor {
  return { name, type: { kind: 'message', message }, ...flags };
}

/** A `map<string, V>` field, V a scalar or a message name. */
export function map(name: string, value: ScalarType | { message: string }): FieldDescriptor {
  return { name, type: { kind: 'map', value } };
}

/** A protobuf enum written in JSON as its value's name. */
export function enumeration(name: string, values: Record<number, string>, flags: FieldFlags = {}): FieldDescriptor {
  return { name, type: { kind: 'enum', values }, ...flags };
}
