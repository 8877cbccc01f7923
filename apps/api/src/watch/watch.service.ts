/**
 * Watch streams: newline-delimited JSON watch events over a chunked HTTP
 * response, fed by the projection. A watch starts with the current objects
 * (no resourceVersion, or "0") or with the changes after a resourceVersion
 * still held in the change log; slow readers are cut off rather than
 * buffered without bound, and re-watch like any kube client does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Change, KubeObject, ResourceInfo } from '@chronokube/core';
import { apiVersionOf } from '@chronokube/core';
import type { ProjectionService } from '../projection/projection.service';
import type { ObjectFilter } from '../http/list-selection';
import { watchEventFor, type WatchEvent } from './watch-event';

export interface WatchRequest {
  resource: ResourceInfo;
  namespace?: string;
  filter: ObjectFilter;
  /** Start after this position; undefined = start with the current objects. */
  fromPosition?: number;
  bookmarks: boolean;
  timeoutSeconds: number;
  /** Serializes one watch event to a line (JSON or Table). */
  encode: (event: { type: string; object: unknown }) => string;
}

/** Bytes queued on a watcher's socket beyond which it is cut off. */
const MAX_QUEUED_BYTES = 16 * 1024 * 1024;

export class WatchService {
  bookmarkIntervalMs = 15_000;
  private readonly open = new Set<() => void>();

  constructor(private readonly projection: ProjectionService) {}

  get watchers(): number {
    return this.open.size;
  }

  /** Serves one watch until timeout, client disconnect or server stop. Throws (before writing) for a too-old start. */
  serve(req: IncomingMessage, res: ServerResponse, w: WatchRequest): void {
    const state = this.projection.state;
    const initial: WatchEvent[] = [];
    if (w.fromPosition === undefined) {
      for (const stored of state.list(w.resource, w.resource.namespaced ? w.namespace : undefined)) {
        if (w.filter(stored.object)) initial.push({ type: 'ADDED', object: stored.object });
      }
    } else {
      for (const change of this.projection.changes.since(w.fromPosition)) {
        if (change.resource !== w.resource) continue;
        const event = watchEventFor(change, w.filter);
        if (event) initial.push(event);
      }
    }
    let sentPosition = w.fromPosition === undefined ? state.position : Math.max(w.fromPosition, state.position);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
    let closed = false;
    const send = (event: { type: string; object: unknown }): void => {
      if (closed) return;
      res.write(w.encode(event));
      if (res.writableLength > MAX_QUEUED_BYTES) stop();
    };
    const unsubscribe = this.projection.onChange((change: Change) => {
      if (change.resource !== w.resource || change.position <= sentPosition) return;
      sentPosition = change.position;
      const event = watchEventFor(change, w.filter);
      if (event) send(event);
    });
    const bookmarkTimer = w.bookmarks
      ? setInterval(() => send(bookmark(w.resource, this.projection.state.position)), this.bookmarkIntervalMs)
      : undefined;
    const timeout = setTimeout(() => stop(), w.timeoutSeconds * 1000);
    const stop = (): void => {
      if (closed) return;
      closed = true;
      unsubscribe();
      if (bookmarkTimer) clearInterval(bookmarkTimer);
      clearTimeout(timeout);
      this.open.delete(stop);
      res.end();
    };
    this.open.add(stop);
    req.on('close', stop);
    res.on('close', stop);
    for (const event of initial) send(event);
  }

  /** Ends every open watch (server shutdown). */
  closeAll(): void {
    for (const stop of [...this.open]) stop();
  }
}

function bookmark(resource: ResourceInfo, position: number): { type: string; object: KubeObject } {
  return { type: 'BOOKMARK', object: { kind: resource.kind, apiVersion: apiVersionOf(resource), metadata: { resourceVersion: String(position) } } };
}
