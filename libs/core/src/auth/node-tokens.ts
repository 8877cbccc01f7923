/**
 * Node credentials without a token per node in the token file: the server
 * holds a secret (DIR/node-secret), and a node agent that can read it mints
 * `chronokube-node.<name>.<hmac>` for itself, which authenticates as
 * system:node:<name> in group system:nodes, the identity a kubelet has. A
 * stand-in for kubelet TLS bootstrap: whoever may read the secret may run
 * nodes, and a node's token is good for that node only. Pure (an HMAC),
 * shared by the API (verifying) and the agent (minting).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'chronokube-node.';

function mac(secret: string, name: string): string {
  return createHmac('sha256', secret).update(`system:node:${name}`).digest('hex');
}

/** The bearer token of node `name` under `secret`. Deterministic. */
export function nodeToken(secret: string, name: string): string {
  return `${PREFIX}${Buffer.from(name).toString('base64url')}.${mac(secret, name)}`;
}

/** The node a token stands for, if it is one minted with `secret`. */
export function nodeUserFromToken(secret: string, token: string): { name: string; uid: string; groups: string[] } | undefined {
  if (!token.startsWith(PREFIX)) return undefined;
  const [encoded, given] = token.slice(PREFIX.length).split('.');
  if (!encoded || !given) return undefined;
  const name = Buffer.from(encoded, 'base64url').toString('utf8');
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)) return undefined;
  const want = Buffer.from(mac(secret, name));
  const got = Buffer.from(given);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return undefined;
  return { name: `system:node:${name}`, uid: `node:${name}`, groups: ['system:nodes', 'system:authenticated'] };
}

/**
 * The bearer token the API server presents to node agents (kubelet API:
 * container logs), derived from the same secret, so each agent can check
 * the caller is the API server without a second credential.
 */
export function kubeletClientToken(secret: string): string {
  return createHmac('sha256', secret).update('chronokube:kubelet-api-client').digest('hex');
}

/** True when `token` is the API server's kubelet-client token under `secret`. */
export function isKubeletClientToken(secret: string, token: string): boolean {
  const want = Buffer.from(kubeletClientToken(secret));
  const got = Buffer.from(token);
  return want.length === got.length && timingSafeEqual(want, got);
}
