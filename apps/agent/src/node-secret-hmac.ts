/**
 * The HMAC core's node tokens need (libs/core/src/auth/node-tokens.ts),
 * built on node:crypto and bound to the node secret: the agent mints its
 * node token and checks the API server's kubelet-client token with it.
 * Its own copy of the API server's helper, because the agent does not
 * depend on @chronokube/api.
 */
import { createHmac } from 'node:crypto';
import type { NodeSecretHmac } from '@chronokube/core';

/** HMAC-SHA256 (hex) of a UTF-8 message under `secret` (the contents of DIR/node-secret). */
export function nodeSecretHmac(secret: string): NodeSecretHmac {
  return (message) => createHmac('sha256', secret).update(message, 'utf8').digest('hex');
}
