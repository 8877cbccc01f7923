/**
 * Bearer-token authentication against the token file. No token, or an
 * unknown one, is 401 Unauthorized; there is no anonymous access beyond
 * the health and version endpoints.
 */
import type { IncomingMessage } from 'node:http';
import { nodeUserFromToken, unauthorized, type NodeSecretHmac } from '@chronokube/core';
import { nodeSecretHmac } from './node-secret-hmac';
import type { UserInfo } from './token-file';

export class Authenticator {
  private readonly nodeHmac: NodeSecretHmac | undefined;

  /** `nodeSecret`: also accept node tokens minted with it (see node-tokens.ts). */
  constructor(private readonly tokens: Map<string, UserInfo>, nodeSecret?: string) {
    this.nodeHmac = nodeSecret ? nodeSecretHmac(nodeSecret) : undefined;
  }

  /** The user behind the request's bearer token; throws 401 otherwise. */
  authenticate(req: IncomingMessage): UserInfo {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw unauthorized();
    const user = this.lookup(match[1]);
    if (!user) throw unauthorized();
    return user;
  }

  private lookup(token: string): UserInfo | undefined {
    return this.tokens.get(token) ?? (this.nodeHmac ? nodeUserFromToken(this.nodeHmac, token) : undefined);
  }
}
