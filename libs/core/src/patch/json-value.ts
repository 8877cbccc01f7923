/**
 * Plain JSON values and the few structural helpers every patch format
 * needs. API objects are JSON trees; treating them as such (rather than as
 * typed records) lets one merge engine serve every kind.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** True for a JSON object (not an array, not null). */
export function isJsonObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A deep copy holding only JSON: `undefined` object members are dropped and
 * `undefined` array slots become null, exactly as JSON.stringify would, so a
 * value that went through the wire and one built in memory compare equal.
 */
export function cloneJson<T = unknown>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : cloneJson(x))) as unknown as T;
  if (isJsonObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) setMember(out, k, cloneJson(x));
    return out as T;
  }
  return v;
}

/**
 * Structural equality of JSON values; object member order is irrelevant and
 * an `undefined` member counts as absent (JSON has no undefined).
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i] ?? null, b[i] ?? null)) return false;
    return true;
  }
  if (isJsonObject(a)) {
    if (!isJsonObject(b)) return false;
    const ak = Object.keys(a).filter((k) => a[k] !== undefined);
    const bk = Object.keys(b).filter((k) => b[k] !== undefined);
    if (ak.length !== bk.length) return false;
    for (const k of ak) if (!hasMember(b, k) || !deepEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/** Own-property test: a JSON member named "constructor" or "__proto__" is data, not inherited. */
export function hasMember(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/**
 * Set an object member. A JSON key "__proto__" must become an ordinary
 * property; plain assignment would instead replace the object's prototype.
 */
export function setMember(o: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}
