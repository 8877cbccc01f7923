/**
 * pod-template-hash: the name suffix and label that tie a ReplicaSet to one
 * version of a Deployment's pod template.
 *
 * kube's ComputeHash feeds the Go struct (DeepHashObject, a spew dump) to
 * FNV-1a-32, appends the collision count as 8 little-endian bytes, and
 * renders the decimal sum with SafeEncodeString. We hash the template's
 * canonical JSON (keys sorted) instead of a Go dump, so the VALUE differs
 * from kube's for the same template, while the shape is the same (1-10
 * characters of "bcdfghjklmnpqrstvwxz2456789", stable across restarts,
 * changed by any template change or by a collision count bump).
 */
import type { PodTemplateSpec } from '../api/types';
import { utf8Bytes } from '../bytes/bytes';

/** The label (and RS name suffix) carrying the hash. */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

/** kube's rand.SafeEncodeString alphabet: no vowels (no words), no 0/1/3 (no look-alikes). */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** JSON with object keys sorted and undefined members dropped, so equal values hash equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/** FNV-1a, 32 bits, over bytes; `seed` continues a running hash. */
export function fnv1a32(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (const b of bytes) {
    hash ^= b;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** kube's SafeEncodeString: each byte of `s` mapped onto the safe alphabet. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const b of utf8Bytes(s)) out += SAFE_ALPHABET[b % SAFE_ALPHABET.length];
  return out;
}

/**
 * The pod-template-hash of a template (without any hash label of its own)
 * and the Deployment's status.collisionCount. Pure and deterministic.
 */
export function computeTemplateHash(template: PodTemplateSpec, collisionCount?: number): string {
  let hash = fnv1a32(utf8Bytes(canonicalJson(template)));
  if (collisionCount !== undefined && collisionCount !== null) {
    // Eight bytes, the count's low 32 bits little-endian first (what kube's binary.LittleEndian.PutUint32 wrote).
    const extra = new Uint8Array(8);
    new DataView(extra.buffer).setUint32(0, collisionCount >>> 0, true);
    hash = fnv1a32(extra, hash);
  }
  return safeEncodeString(String(hash));
}
