/**
 * Node credentials without a token per node in the token file: the server
 * holds a secret (DIR/node-secret), and a node agent that can read it mints
 * `chronokube-node.<name>.<hmac>` for itself, which authenticates as
 * system:node:<name> in group system:nodes, the identity a kubelet has. A
 * stand-in for kubelet TLS bootstrap: whoever may read the secret may run
 * nodes, and a node's token is good for that node only. Shared by the API
 * (verifying) and the agent (minting).
 *
 * Pure and browser-safe: the HMAC under the secret is a parameter (the
 * apps bind node:crypto to the secret), so the secret itself never reaches
 * this file and core imports no Node module.
 */
import type { HmacSha256Hex } from '../domain/event-signature';

/** HMAC-SHA256 (lower-case hex) of a UTF-8 message under the node secret; the caller binds the secret. */
export type NodeSecretHmac = HmacSha256Hex;

/** The identity a node token authenticates as. */
export interface NodeUser {
  name: string;
  uid: string;
  groups: string[];
}

const PREFIX = 'chronokube-node.';
const NODE_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const KUBELET_CLIENT_MESSAGE = 'chronokube:kubelet-api-client';

/** The bearer token of node `name`. Deterministic for a secret and a name. */
export function nodeToken(hmac: NodeSecretHmac, name: string): string {
  return `${PREFIX}${base64url(utf8(name))}.${hmac(`system:node:${name}`)}`;
}

/** The node a token stands for, if it is one minted under the same secret. */
export function nodeUserFromToken(hmac: NodeSecretHmac, token: string): NodeUser | undefined {
  if (!token.startsWith(PREFIX)) return undefined;
  const [encoded, given] = token.slice(PREFIX.length).split('.');
  if (!encoded || !given) return undefined;
  const bytes = fromBase64url(encoded);
  // Node names are DNS subdomains, so ASCII: anything else is not one of our tokens.
  if (!bytes || bytes.some((b) => b > 0x7f)) return undefined;
  const name = String.fromCharCode(...bytes);
  if (!NODE_NAME.test(name)) return undefined;
  if (!sameText(hmac(`system:node:${name}`), given)) return undefined;
  return { name: `system:node:${name}`, uid: `node:${name}`, groups: ['system:nodes', 'system:authenticated'] };
}

/**
 * The bearer token the API server presents to node agents (kubelet API:
 * container logs), derived from the same secret, so each agent can check
 * the caller is the API server without a second credential.
 */
export function kubeletClientToken(hmac: NodeSecretHmac): string {
  return hmac(KUBELET_CLIENT_MESSAGE);
}

/** True when `token` is the API server's kubelet-client token under the same secret. */
export function isKubeletClientToken(hmac: NodeSecretHmac, token: string): boolean {
  return sameText(kubeletClientToken(hmac), token);
}

/** Equal strings, in a time that depends only on the length (the MAC is not leaked byte by byte). */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** UTF-8 bytes of a string (what Buffer.from(text) gave; lone surrogates become U+FFFD as there). */
function utf8(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    let c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** Unpadded base64url, as Buffer's 'base64url' writes it. */
function base64url(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** Bytes of unpadded base64url text; undefined for any other character or an impossible length. */
function fromBase64url(text: string): number[] | undefined {
  if (text.length % 4 === 1) return undefined;
  const out: number[] = [];
  let bits = 0;
  let acc = 0;
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return undefined;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return out;
}
