/**
 * Small value helpers shared by admission: a deep copy, the "semantic"
 * equality kube-apiserver uses to decide whether something changed, and
 * tolerant readers for user input that has not been validated yet.
 */
import { utf8Length } from '../bytes/bytes';

/** A deep copy of a JSON value; admission never mutates what it is given. */
export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

// Go compares typed structs, where an absent field and its zero value are the
// same thing and a nil slice equals an empty one (apimachinery's forked
// reflect.DeepEqual). JSON objects only have "absent", so zero values are
// dropped before comparing.
function isZero(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v as object).every((k) => isZero((v as Record<string, unknown>)[k]));
  return false;
}

/**
 * Equality as apiequality.Semantic.DeepEqual sees JSON: zero values, empty
 * lists and empty maps count as absent. Order of list items matters.
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (isZero(a) && isZero(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => semanticEqual(x, b[i]));
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
    for (const k of keys) if (!semanticEqual(ra[k], rb[k])) return false;
    return true;
  }
  return a === b;
}

/** The value if it is an array, else an empty one (malformed input is validated elsewhere). */
export function asArray<T = unknown>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : [];
}

/** The value if it is a plain object, else undefined. */
export function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** The value if it is a string, else ''. Go reads a missing string as "". */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Length in bytes, as Go's len() counts a string. */
export function byteLength(s: string): number {
  return utf8Length(s);
}
