/**
 * UTF-8 and base64 without Node's Buffer: libs/core runs in the browser
 * too, where Buffer does not exist. Each function gives what the Buffer
 * call it replaces gave (named beside it), so hashes and sizes computed
 * from these bytes are the same on the server and in the browser.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** UTF-8 bytes of `text` (Buffer.from(text, 'utf8'): a lone surrogate becomes U+FFFD). */
export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Text of UTF-8 bytes `start`..`end` of `bytes` (Buffer#toString('utf8'): malformed sequences become U+FFFD). */
export function utf8Text(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return decoder.decode(bytes.subarray(start, end));
}

/** Length of `text` in UTF-8 bytes, as Go's len() counts a string (Buffer.byteLength(text, 'utf8')). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3; // the rest of the BMP, and a lone surrogate (written as U+FFFD)
  }
  return n;
}

const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) VALUES[STANDARD.charCodeAt(i)] = i;
VALUES['-'.charCodeAt(0)] = 62; // Buffer reads the URL-safe alphabet too
VALUES['_'.charCodeAt(0)] = 63;

/**
 * Bytes of base64 text, as leniently as Buffer.from(text, 'base64'):
 * both alphabets, characters outside them skipped, stop at the first `=`.
 */
export function base64Bytes(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let n = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 61) break; // '='
    const v = c < 128 ? VALUES[c] : -1;
    if (v < 0) continue;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.slice(0, n);
}

/** Padded standard base64 of `bytes` (Buffer#toString('base64')). */
export function base64Text(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const n = (a << 16) | (b << 8) | c;
    out += STANDARD[(n >> 18) & 63] + STANDARD[(n >> 12) & 63];
    out += i + 1 < bytes.length ? STANDARD[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? STANDARD[n & 63] : '=';
  }
  return out;
}
