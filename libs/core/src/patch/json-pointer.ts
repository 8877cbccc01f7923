/**
 * RFC 6901 JSON Pointers: `/a/b~1c/0` <-> ['a', 'b/c', '0'].
 * Errors are plain Errors; the patch formats wrap them in the ApiError the
 * request deserves.
 */

/** Split a pointer into unescaped reference tokens. "" is the whole document. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`JSON pointer must be empty or start with a "/": ${JSON.stringify(pointer)}`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => {
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
  return /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : undefined;
}
