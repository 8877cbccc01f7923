import https from 'node:https';
import { performance } from 'node:perf_hooks';
import type { ApiEndpoint } from './client';

/** One decoded watch event and when its bytes arrived (performance.now()). */
export interface WatchArrival {
  type: string;
  name: string | undefined;
  receivedAt: number;
}

/** An open watch; `ended` settles when the server ends it or close() is called. */
export interface WatchStream {
  /** Resolves with a reason when the stream ended, whoever ended it. */
  readonly ended: Promise<string>;
  close(): void;
}

/**
 * Opens `GET path` (a ?watch=true URL) and calls `onEvent` for every
 * newline-delimited JSON event. Resolves once the server answered 200 with
 * its headers, so the caller knows the watch is registered before it writes;
 * rejects with status and body for any other answer. Arrival time is taken
 * when the chunk arrives, before decoding, so the client's own parsing adds
 * as little as possible to the measured delay.
 */
export function openWatch(
  endpoint: ApiEndpoint,
  agent: https.Agent,
  path: string,
  onEvent: (event: WatchArrival) => void,
): Promise<WatchStream> {
  return new Promise((resolve, reject) => {
    const req = https.request(new URL(path, endpoint.url), {
      method: 'GET',
      agent,
      headers: { Authorization: `Bearer ${endpoint.token}`, Accept: 'application/json', 'User-Agent': 'chronokube-bench' },
    });
    let settleEnded!: (reason: string) => void;
    const ended = new Promise<string>((r) => (settleEnded = r));
    let closedByUs = false;
    req.on('error', (err) => {
      reject(err);
      settleEnded(closedByUs ? 'closed by client' : `error: ${err.message}`);
    });
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => reject(new Error(`GET ${path}: HTTP ${res.statusCode} ${Buffer.concat(chunks).toString('utf8').slice(0, 500)}`)));
        return;
      }
      let pending = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const receivedAt = performance.now();
        pending += chunk;
        let newline: number;
        while ((newline = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, newline);
          pending = pending.slice(newline + 1);
          if (line.trim() === '') continue;
          let event: { type: string; object?: { metadata?: { name?: string } } };
          try {
            event = JSON.parse(line);
          } catch {
            // Malformed output is the server's fault: report it as an event kind of its own.
            event = { type: `UNPARSEABLE: ${line.slice(0, 200)}` };
          }
          onEvent({ type: event.type, name: event.object?.metadata?.name, receivedAt });
        }
      });
      res.on('end', () => settleEnded(closedByUs ? 'closed by client' : 'ended by server'));
      res.on('error', (err) => settleEnded(closedByUs ? 'closed by client' : `error: ${err.message}`));
      // A connection dropped without the final chunk emits neither 'end' nor always 'error'.
      res.on('close', () => settleEnded(closedByUs ? 'closed by client' : 'connection closed by server'));
      resolve({
        ended,
        close: () => {
          closedByUs = true;
          req.destroy();
        },
      });
    });
    req.end();
  });
}
