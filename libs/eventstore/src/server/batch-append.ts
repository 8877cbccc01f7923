import type { ServerDuplexStream } from '@grpc/grpc-js';
import type { EventLog } from '../storage/event-log';
import { ProposedEvent, StreamError } from '../types';
import {
  BatchAppendReq,
  decodeBatchAppendReq,
  encodeBatchAppendError,
  encodeBatchAppendSuccess,
  encodeSharedMaxAppendSize,
  encodeSharedStreamDeleted,
  encodeSharedWrongExpected,
  RpcCode,
  StreamWriteOptions,
} from '../wire/messages';
import { AppendLimits, eventSize } from './append-limits';
import { toServiceError } from './grpc-errors';

/** Open BatchAppend calls and their in-flight appends, for resource tests. */
export const batchStats = { callsOpen: 0 };

type BatchStatus = { code: number; message: string; detailType: string; detail: Buffer };

/** EventStoreDB's google.rpc.Status for a batch append that missed its deadline (its `Status.Timeout`). */
const TIMEOUT: BatchStatus = { code: RpcCode.DEADLINE_EXCEEDED, message: 'Timeout', detailType: 'event_store.client.Timeout', detail: Buffer.alloc(0) };

const maxAppendSizeStatus = (max: number): BatchStatus => ({
  code: RpcCode.INVALID_ARGUMENT,
  message: 'MaximumAppendSizeExceeded',
  detailType: 'event_store.client.MaximumAppendSizeExceeded',
  detail: encodeSharedMaxAppendSize(max),
});

/** One append being received in chunks that share a correlation id. */
interface Pending {
  options?: StreamWriteOptions;
  events: ProposedEvent[];
  size: number;
  /** Epoch ms the client wants an answer by (Infinity: no deadline). */
  expiresAt: number;
  timer?: NodeJS.Timeout;
}

/**
 * The BatchAppend call: many appends multiplexed over one stream, each sent
 * as chunks that share a correlation id and answered once, by that id.
 *
 * Limits are kept as EventStoreDB keeps them, per append: the deadline in
 * the append's options (the call itself has none) is checked when the
 * options arrive, by a timer while chunks are still coming, and once more
 * before the append is decided; the size is summed as events arrive. An
 * append refused either way is answered at once, the rest of its chunks are
 * dropped, and nothing of it is written.
 */
export function batchAppendHandler(log: EventLog, limits: AppendLimits, now: () => number = Date.now) {
  return (call: ServerDuplexStream<Buffer, Buffer>): void => {
    batchStats.callsOpen++;
    const pending = new Map<string, Pending>();
    // Appends already answered (refused) whose later chunks must be ignored: the client crashes on a second answer.
    const answered = new Set<string>();
    let inFlight = 0;
    let ended = false;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      batchStats.callsOpen--;
      for (const p of pending.values()) clearTimeout(p.timer);
      pending.clear();
    };
    const maybeEnd = () => {
      if (ended && inFlight === 0 && !done) {
        call.end();
        finish();
      }
    };
    const refuse = (key: string, correlationId: Buffer, streamName: string, why: BatchStatus) => {
      clearTimeout(pending.get(key)?.timer);
      pending.delete(key);
      answered.add(key);
      if (!done) call.write(encodeBatchAppendError(correlationId, streamName, why));
    };

    const startPending = (key: string, req: BatchAppendReq): Pending => {
      const d = req.deadline;
      const expiresAt = !d ? Infinity : d.kind === 'at' ? d.epochMs : now() + d.ms;
      const p: Pending = { events: [], size: 0, expiresAt };
      if (Number.isFinite(expiresAt) && expiresAt > now()) {
        const streamName = req.options?.streamName ?? '';
        // Capped: setTimeout fires at once for spans beyond 2^31-1 ms.
        p.timer = setTimeout(() => refuse(key, req.correlationId, streamName, TIMEOUT), Math.min(expiresAt - now(), 2 ** 31 - 1));
        p.timer.unref();
      }
      pending.set(key, p);
      return p;
    };

    call.on('data', (buf: Buffer) => {
      let req: BatchAppendReq;
      try {
        req = decodeBatchAppendReq(buf);
      } catch (err) {
        call.emit('error', toServiceError(err));
        finish();
        return;
      }
      const key = req.correlationId.toString('hex');
      if (answered.has(key)) {
        if (req.isFinal) answered.delete(key);
        return;
      }
      let p = pending.get(key);
      if (!p) p = startPending(key, req);
      if (req.options) p.options = req.options;
      const streamName = p.options?.streamName ?? '';
      if (p.expiresAt <= now()) return finalRefusal(key, req, streamName, TIMEOUT);
      for (const e of req.events) {
        p.size += eventSize(e);
        p.events.push(e);
      }
      if (p.size > limits.maxAppendSize) return finalRefusal(key, req, streamName, maxAppendSizeStatus(limits.maxAppendSize));
      if (!req.isFinal) return;
      clearTimeout(p.timer);
      pending.delete(key);
      const options = p.options;
      if (!options) {
        call.write(
          encodeBatchAppendError(req.correlationId, '', {
            code: RpcCode.INVALID_ARGUMENT,
            message: 'first BatchAppendReq of an append must carry options',
            detailType: 'event_store.client.Unknown',
            detail: Buffer.alloc(0),
          }),
        );
        return;
      }
      inFlight++;
      const correlationId = req.correlationId;
      log.append(options.streamName, options.expected, p.events).then(
        (r) => {
          inFlight--;
          if (!done) call.write(encodeBatchAppendSuccess(correlationId, options.streamName, r.currentRevision, r.position));
          maybeEnd();
        },
        (err) => {
          inFlight--;
          if (!done) call.write(encodeBatchAppendError(correlationId, options.streamName, batchError(err)));
          maybeEnd();
        },
      );
    });

    /** Refuses an append; when this chunk was its last, no later chunk will need ignoring. */
    function finalRefusal(key: string, req: BatchAppendReq, streamName: string, why: BatchStatus): void {
      refuse(key, req.correlationId, streamName, why);
      if (req.isFinal) answered.delete(key);
    }

    call.on('end', () => {
      ended = true;
      maybeEnd();
    });
    call.on('cancelled', finish);
    call.on('error', finish);
  };
}

/** The google.rpc.Status a failed batch append carries, typed by its `details`. */
function batchError(err: unknown): BatchStatus {
  if (err instanceof StreamError) {
    const f = err.failure;
    switch (f.kind) {
      case 'wrong_expected_version':
        return {
          code: RpcCode.FAILED_PRECONDITION,
          message: err.message,
          detailType: 'event_store.client.WrongExpectedVersion',
          detail: encodeSharedWrongExpected(f),
        };
      case 'stream_deleted':
        return {
          code: RpcCode.FAILED_PRECONDITION,
          message: err.message,
          detailType: 'event_store.client.StreamDeleted',
          detail: encodeSharedStreamDeleted(f.streamName),
        };
      case 'invalid':
      case 'unavailable':
        break;
    }
  }
  return { code: RpcCode.UNKNOWN, message: (err as Error).message, detailType: 'event_store.client.Unknown', detail: Buffer.alloc(0) };
}
