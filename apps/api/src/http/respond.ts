/** Writing responses: JSON bodies, and every failure as a Kubernetes Status. */
import type { ServerResponse } from 'node:http';
import { gzip } from 'node:zlib';
import { ApiError, internal } from '@chronokube/core';
import { isStoreUnavailable, storeUnavailableError } from './store-health';

/** Bodies above this are written in slices (see sendJson). */
const SLICE_BYTES = 256 * 1024;

/** Bodies from this size on are gzipped for a client that accepts it (kube-apiserver's threshold, 128 KB). */
export const GZIP_MIN_BYTES = 128 * 1024;

/** True when the request's Accept-Encoding allows gzip (a q=0 refuses it). */
export function acceptsGzip(acceptEncoding: string | string[] | undefined): boolean {
  const text = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding ?? '';
  for (const part of text.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';').map((x) => x.trim());
    if (coding !== 'gzip' && coding !== '*') continue;
    const q = params.find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  }
  return false;
}

/**
 * Sends a JSON body; a string is taken as already serialized JSON. A large
 * body (a list of thousands of objects, a cluster state) is gzipped when
 * the client accepts it, as kube-apiserver does from 128 KB (JSON shrinks
 * about 20x; the compression runs off the event loop, in libuv's pool),
 * and goes out in slices, waiting for the socket to drain between them:
 * encrypting megabytes in one write would hold every other request for
 * hundreds of milliseconds.
 */
export function sendJson(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const bytes = Buffer.from(text);
  if (bytes.length >= GZIP_MIN_BYTES && res.req && acceptsGzip(res.req.headers['accept-encoding'])) {
    gzip(bytes, { level: 1 }, (err, packed) => {
      if (res.destroyed) return;
      if (err) return sendBytes(res, code, bytes, headers);
      sendBytes(res, code, packed, { ...headers, 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' });
    });
    return;
  }
  sendBytes(res, code, bytes, headers);
}

function sendBytes(res: ServerResponse, code: number, bytes: Buffer, headers: Record<string, string>): void {
  res.writeHead(code, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', ...headers, 'Content-Length': bytes.length });
  if (bytes.length <= SLICE_BYTES) {
    res.end(bytes);
    return;
  }
  let offset = 0;
  const next = (): void => {
    while (offset < bytes.length && !res.destroyed) {
      const end = Math.min(offset + SLICE_BYTES, bytes.length);
      const more = res.write(bytes.subarray(offset, end));
      offset = end;
      if (offset >= bytes.length) break;
      if (!more) {
        res.once('drain', next);
        return;
      }
      setImmediate(next);
      return;
    }
    if (!res.destroyed) res.end();
  };
  next();
}

/**
 * Renders any error as a Status; unexpected ones become 500 and are logged.
 * A store outage is a 503 and is not logged here (StoreHealth logs it once).
 */
export function sendError(res: ServerResponse, err: unknown, log: (message: string) => void = (m) => process.stderr.write(m + '\n')): void {
  const outage = !(err instanceof ApiError) && isStoreUnavailable(err);
  const apiError = err instanceof ApiError ? err : outage ? storeUnavailableError() : internal(err instanceof Error ? err.message : String(err));
  if (!(err instanceof ApiError) && !outage) log(`chronokube api: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const headers: Record<string, string> = {};
  if (apiError.code === 401) headers['WWW-Authenticate'] = 'Bearer realm="chronokube"';
  // As kube-apiserver does: a Status that says when to retry says it in the header too.
  const retryAfter = apiError.details?.retryAfterSeconds;
  if (typeof retryAfter === 'number' && retryAfter > 0) headers['Retry-After'] = String(retryAfter);
  sendJson(res, apiError.code, apiError.toStatus(), headers);
}

/** A successful Status, e.g. for a binding. */
export function successStatus(code: number, details?: Record<string, unknown>): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code, ...(details ? { details } : {}) };
}
