import { createHash, timingSafeEqual } from 'node:crypto';
import { Metadata, ServerInterceptingCall, status } from '@grpc/grpc-js';
import type { ServerInterceptor } from '@grpc/grpc-js';

/** The one user the embedded store accepts: EventStoreDB's Basic scheme, checked on every call. */
export interface StoreUser {
  username: string;
  password: string;
}

/**
 * How EventStoreDB answers a call it will not serve: anonymous calls get
 * PERMISSION_DENIED with `exception: access-denied` (its authorization
 * refusal), bad credentials get UNAUTHENTICATED (its authentication
 * middleware's 401). The official client turns both into AccessDeniedError.
 */
function refusal(kind: 'anonymous' | 'bad-credentials'): { code: status; details: string; metadata: Metadata } {
  const metadata = new Metadata();
  if (kind === 'anonymous') {
    metadata.set('exception', 'access-denied');
    return { code: status.PERMISSION_DENIED, details: 'Access Denied', metadata };
  }
  return { code: status.UNAUTHENTICATED, details: 'Bad HTTP authentication header: wrong username or password', metadata };
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether `header` (the `authorization` metadata) names `user`. Compared as
 * digests with timingSafeEqual, so neither the length nor the first
 * differing byte of the password shows in the answer time.
 */
export function isAuthorized(header: string | undefined, user: StoreUser): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1], 'base64').toString('utf8');
  return timingSafeEqual(digest(given), digest(`${user.username}:${user.password}`));
}

/**
 * A server interceptor that refuses, before any handler runs or any message
 * is read, every call whose metadata lacks the user's credentials. Paths in
 * `open` are served to anyone: the official client asks for the server's
 * features without credentials, as EventStoreDB allows.
 */
export function authenticationInterceptor(user: StoreUser, open: ReadonlySet<string>): ServerInterceptor {
  return (method, call) => {
    if (open.has(method.path)) return new ServerInterceptingCall(call);
    return new ServerInterceptingCall(call, {
      start(next) {
        next({
          onReceiveMetadata(metadata, pass) {
            const header = metadata.get('authorization')[0];
            if (isAuthorized(typeof header === 'string' ? header : header?.toString('utf8'), user)) pass(metadata);
            else call.sendStatus(refusal(header === undefined ? 'anonymous' : 'bad-credentials'));
          },
        });
      },
    });
  };
}
