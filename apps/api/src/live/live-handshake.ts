/**
 * Authentication at the socket.io handshake, with the REST API's
 * authenticator and token rules (node tokens included): the token comes
 * from the handshake's `auth.token` or its `Authorization: Bearer` header.
 * A bad or missing token fails the handshake with `Unauthorized`; a user
 * whose role may read nothing with `Forbidden`. The Status is in the
 * error's `data`.
 */
import type { IncomingMessage } from 'node:http';
import { ApiError, forbidden, type Status } from '@chronokube/core';
import type { Authenticator } from '../auth/authenticator';
import type { UserInfo } from '../auth/token-file';
import { roleOf } from '../auth/authorizer';

/** The part of a socket.io handshake this reads. */
export interface Handshake {
  auth?: Record<string, unknown>;
  headers: IncomingMessage['headers'];
}

/** A refused handshake: socket.io sends `message` and `data` to the client's connect_error. */
export class HandshakeError extends Error {
  constructor(message: string, readonly data: Status) {
    super(message);
  }
}

/** The user behind the handshake; throws HandshakeError otherwise. */
export function authenticateHandshake(authenticator: Authenticator, handshake: Handshake): UserInfo {
  const token = typeof handshake.auth?.token === 'string' ? handshake.auth.token : undefined;
  // The authenticator reads requests: hand it the auth token as the header it would have been.
  const headers = token !== undefined ? { authorization: `Bearer ${token}` } : { authorization: handshake.headers.authorization };
  let user: UserInfo;
  try {
    user = authenticator.authenticate({ headers } as IncomingMessage);
  } catch (err) {
    if (err instanceof ApiError) throw new HandshakeError(err.reason, err.toStatus());
    throw err;
  }
  // Same rule as reading the REST API: a user without a role may read nothing, so has nothing to watch.
  if (roleOf(user) === 'none') {
    const denied = forbidden(`User "${user.name}" cannot watch the live stream: the role may read no namespace`);
    throw new HandshakeError(denied.reason, denied.toStatus());
  }
  return user;
}
