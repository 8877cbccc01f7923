/**
 * Event signatures: every event the API server appends carries
 * `metadata.sig`, an HMAC-SHA256 (hex) keyed by the install's secret over
 * the canonical JSON of `{stream, type, data, metadata without sig}`, so the
 * projection can ignore events it did not write itself. The HMAC is a
 * parameter: core stays free of Node's crypto.
 */
import { canonicalJson } from '../controllers/template-hash';

/** Hex HMAC-SHA256 of a UTF-8 string under the install's key. */
export type HmacHex = (text: string) => string;

/** What an event's signature covers. */
export interface SignedEvent {
  stream: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

/** The exact text the signature is computed over (metadata without `sig`). */
export function signaturePayload(event: SignedEvent): string {
  const { sig: _sig, ...metadata } = event.metadata;
  return canonicalJson({ stream: event.stream, type: event.type, data: event.data, metadata });
}

/** The metadata with `sig` set (any previous `sig` replaced); the input is not touched. */
export function signMetadata(event: SignedEvent, hmac: HmacHex): Record<string, unknown> {
  return { ...event.metadata, sig: hmac(signaturePayload(event)) };
}

/**
 * Whether `metadata.sig` is present and matches. The comparison takes the
 * same time wherever the first difference is, so a forger learns nothing
 * from timing.
 */
export function verifySignature(event: SignedEvent, hmac: HmacHex): boolean {
  const sig = event.metadata.sig;
  if (typeof sig !== 'string') return false;
  const expected = hmac(signaturePayload(event));
  if (sig.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < sig.length; i++) diff |= sig.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0;
}
