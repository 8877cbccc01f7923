/**
 * RFC 6901 JSON Pointers: `/a/b~1c/0` <-> ['a', 'b/c', '0'].
 * Errors are plain Errors; the patch formats wrap them in the ApiError the
 * request deserves.
 */

/** Split a pointer into unescaped reference tokens. "" is the whole document. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (pointer.charCodeAt(0) !== 0x2f) throw new Error(`JSON pointer must be empty or start with a "/": ${JSON.stringify(pointer)}`);
  const tokens = pointer.slice(1).split('/');
  // Most pointers escape nothing: no "~", no token to decode.
  if (!pointer.includes('~')) return tokens;
  return tokens.map((token) => {
    if (!token.includes('~')) return token;
    // "~" may only introduce "~0" or "~1"; anything else is malformed.
    if (/~(?![01])/.test(token)) throw new Error(`invalid escape in JSON pointer token: ${JSON.stringify(token)}`);
    // "~1" first, then "~0": decoding "~01" must give "~1", not "/".
    return token.replace(/~1/g, '/').replace(/~0/g, '~');
  });
}

/** Escape one reference token: "~" -> "~0", "/" -> "~1". */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Build a pointer from unescaped tokens. */
export function formatPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((t) => '/' + escapePointerToken(String(t))).join('');
}

/**
 * The array index a token names, or undefined when the token is not a
 * canonical non-negative integer (RFC 6901 forbids leading zeros and signs).
 */
export function arrayIndex(token: string): number | undefined {
  const n = token.length;
  if (n === 0 || n > 15) return /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : undefined;
  const first = token.charCodeAt(0);
  if (first === 0x30) return n === 1 ? 0 : undefined;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const c = token.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return undefined;
    value = value * 10 + c;
  }
  return value;
}
