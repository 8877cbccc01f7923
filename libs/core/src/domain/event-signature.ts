/**
 * Signatures that make the event log unforgeable by anyone without the
 * install's history key: every event the API server appends carries
 * `metadata.sig`, an HMAC-SHA256 (hex) over the canonical JSON of
 * `{stream, type, data, metadata without sig}`. Readers (the projection, the
 * history API) ignore an event whose signature is missing or wrong.
 *
 * Pure and browser-safe: the HMAC itself is a parameter, so the server
 * passes node:crypto and a browser could pass WebCrypto's result.
 */

/** Metadata key that carries the signature. */
export const SIGNATURE_KEY = 'sig';

/** HMAC-SHA256 of `message` (UTF-8) under the install's key, as lower-case hex. The key is bound by the caller. */
export type HmacSha256Hex = (message: string) => string;

/** What a signature covers: the event as it sits in the log. */
export interface SignedFields {
  stream: string;
  type: string;
  data: unknown;
  metadata?: Record<string, unknown>;
}

/**
 * JSON text with object keys sorted (by UTF-16 code units) at every depth,
 * and otherwise exactly JSON.stringify's rules (toJSON, undefined members
 * dropped, undefined in arrays and non-finite numbers as null). A value
 * and its JSON round trip therefore give the same text, which is what lets
 * a reader re-derive the signed bytes from the parsed event.
 */
export function sortedJson(value: unknown): string {
  return canonical(value, false) ?? 'null';
}

function canonical(value: unknown, inArray: boolean): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'undefined':
    case 'function':
    case 'symbol':
      return inArray ? 'null' : undefined;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonical(item, true)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const text = canonical(record[key], false);
    if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${members.join(',')}}`;
}

/** The exact text an event's signature is computed over. */
export function signingPayload(event: SignedFields): string {
  const metadata: Record<string, unknown> = { ...(event.metadata ?? {}) };
  delete metadata[SIGNATURE_KEY];
  return sortedJson({ stream: event.stream, type: event.type, data: event.data, metadata });
}

/** The metadata to write with an event: the given metadata plus its `sig`. Does not change its input. */
export function signMetadata<M extends Record<string, unknown>>(
  hmac: HmacSha256Hex,
  event: { stream: string; type: string; data: unknown; metadata: M },
): M & { sig: string } {
  const sig = hmac(signingPayload(event));
  return { ...event.metadata, [SIGNATURE_KEY]: sig } as M & { sig: string };
}

/** Why an event failed verification, or undefined when its signature is good. */
export type SignatureProblem = 'missing' | 'wrong';

/**
 * Checks an event read back from the log. Returns undefined when
 * `metadata.sig` matches, else whether it was missing or wrong. The
 * comparison takes the same time wherever the first difference is.
 */
export function verifySignature(hmac: HmacSha256Hex, event: SignedFields): SignatureProblem | undefined {
  const sig = event.metadata?.[SIGNATURE_KEY];
  if (typeof sig !== 'string' || sig.length === 0) return 'missing';
  let payload: string;
  try {
    payload = signingPayload(event);
  } catch {
    return 'wrong';
  }
  return sameText(hmac(payload), sig) ? undefined : 'wrong';
}

function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
