/**
 * Signatures that make the event log unforgeable by anyone without the
 * install's history key: every event the API server appends carries
 * `metadata.sig`, an HMAC-SHA256 (hex). Readers (the projection, the
 * history API) ignore an event whose signature is missing or wrong.
 *
 * Two versions are accepted. v1 (plain hex) covers the canonical sorted JSON
 * of `{stream, type, data, metadata without sig}`; re-deriving that costs
 * microseconds per event. v2 (`"v2:" + hex`, written since) covers
 * `stream \n type \n JSON(data) \n JSON(metadata without sig)` with `sig`
 * the last metadata key, so the signed bytes are the stored bytes: a reader
 * of the raw log checks them with no parse (see {@link verifyStoredSignature}),
 * and a reader of parsed events re-stringifies, which gives the same text
 * (the stored text is JSON.stringify output, and a JSON round trip of that
 * keeps key order and number and string forms).
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

/** Marks a v2 signature (a v1 one is bare hex). */
export const SIGNATURE_V2_PREFIX = 'v2:';

/** The exact text a v1 signature is computed over. */
export function signingPayload(event: SignedFields): string {
  const metadata: Record<string, unknown> = { ...(event.metadata ?? {}) };
  delete metadata[SIGNATURE_KEY];
  return sortedJson({ stream: event.stream, type: event.type, data: event.data, metadata });
}

/**
 * The text a v2 signature covers, from the stored JSON texts of data and of
 * metadata without `sig`. A newline in the stream or type would make the
 * text ambiguous: undefined then (nothing with one is signed or accepted).
 */
export function signingPayloadV2(stream: string, type: string, dataJson: string, unsignedMetadataJson: string): string | undefined {
  if (stream.includes('\n') || type.includes('\n')) return undefined;
  return `${stream}\n${type}\n${dataJson}\n${unsignedMetadataJson}`;
}

/** `metadata` without its `sig` (a copy; the input is not changed). */
function withoutSig(metadata: Record<string, unknown> | undefined): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...(metadata ?? {}) };
  delete rest[SIGNATURE_KEY];
  return rest;
}

/**
 * The metadata to write with an event: the given metadata plus a v2 `sig`
 * as its last key, so JSON.stringify of the result is the stored text a raw
 * reader checks. Does not change its input; throws for a stream or type
 * with a newline.
 */
export function signMetadata<M extends Record<string, unknown>>(
  hmac: HmacSha256Hex,
  event: { stream: string; type: string; data: unknown; metadata: M },
): M & { sig: string } {
  const rest = withoutSig(event.metadata);
  const payload = signingPayloadV2(event.stream, event.type, String(JSON.stringify(event.data)), JSON.stringify(rest));
  if (payload === undefined) throw new Error(`cannot sign an event whose stream or type has a newline (${JSON.stringify(event.stream)}, ${JSON.stringify(event.type)})`);
  return { ...rest, [SIGNATURE_KEY]: SIGNATURE_V2_PREFIX + hmac(payload) } as M & { sig: string };
}

/** Why an event failed verification, or undefined when its signature is good. */
export type SignatureProblem = 'missing' | 'wrong';

/**
 * Checks an event read back from the log (parsed). Returns undefined when
 * `metadata.sig` matches (v2, or v1 for logs written before v2), else
 * whether it was missing or wrong. A v2 `sig` must be the last metadata
 * key, as its writer puts it. The comparison takes the same time wherever
 * the first difference is.
 */
export function verifySignature(hmac: HmacSha256Hex, event: SignedFields): SignatureProblem | undefined {
  const sig = event.metadata?.[SIGNATURE_KEY];
  if (typeof sig !== 'string' || sig.length === 0) return 'missing';
  let payload: string | undefined;
  let expected = sig;
  try {
    if (sig.startsWith(SIGNATURE_V2_PREFIX)) {
      const keys = Object.keys(event.metadata!);
      if (keys[keys.length - 1] !== SIGNATURE_KEY) return 'wrong';
      expected = sig.slice(SIGNATURE_V2_PREFIX.length);
      payload = signingPayloadV2(event.stream, event.type, String(JSON.stringify(event.data)), JSON.stringify(withoutSig(event.metadata)));
    } else {
      payload = signingPayload(event);
    }
  } catch {
    return 'wrong';
  }
  return payload !== undefined && sameText(hmac(payload), expected) ? undefined : 'wrong';
}

/** A v2-signed metadata text split into the text its signature covers and the signature's hex. */
export interface StoredSignature {
  /** The metadata text without `sig` (`{}` when `sig` was its only key). */
  unsignedMetadataJson: string;
  hex: string;
}

const V2_TAIL = `"${SIGNATURE_KEY}":"${SIGNATURE_V2_PREFIX}`;

/**
 * The v2 signature of a stored metadata text, found textually: the text
 * must end with `"sig":"v2:<hex>"}` right after `{` or `,`. Undefined when
 * it does not (a v1 or unsigned event: parse it and use verifySignature).
 */
export function splitStoredSignature(metadataJson: string): StoredSignature | undefined {
  const n = metadataJson.length;
  if (n < V2_TAIL.length + 3 || metadataJson.charCodeAt(n - 1) !== 0x7d || metadataJson.charCodeAt(n - 2) !== 0x22) return undefined;
  const open = metadataJson.lastIndexOf(V2_TAIL, n - 2);
  if (open <= 0) return undefined;
  const hex = metadataJson.slice(open + V2_TAIL.length, n - 2);
  if (!isLowerHex(hex)) return undefined;
  const before = metadataJson.charCodeAt(open - 1);
  if (before === 0x2c) return { unsignedMetadataJson: `${metadataJson.slice(0, open - 1)}}`, hex };
  if (before === 0x7b && open === 1) return { unsignedMetadataJson: '{}', hex };
  return undefined;
}

function isLowerHex(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

/**
 * Checks a v2 signature against an event's stored texts, with no parse:
 * `dataJson` and `metadataJson` exactly as in the log. Undefined when it
 * matches; 'wrong' when it does not; 'not-v2' when the metadata carries no
 * v2 signature (the caller parses and uses verifySignature: v1 or missing).
 */
export function verifyStoredSignature(
  hmac: HmacSha256Hex,
  stream: string,
  type: string,
  dataJson: string,
  metadataJson: string,
): SignatureProblem | 'not-v2' | undefined {
  const split = splitStoredSignature(metadataJson);
  if (!split) return 'not-v2';
  const payload = signingPayloadV2(stream, type, dataJson, split.unsignedMetadataJson);
  return payload !== undefined && sameText(hmac(payload), split.hex) ? undefined : 'wrong';
}

function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
