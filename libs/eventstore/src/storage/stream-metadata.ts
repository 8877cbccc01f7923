/**
 * Stream metadata as EventStoreDB defines it: the latest `$metadata` event of
 * the stream `$$<name>`, a JSON object whose reserved keys limit what reads of
 * `<name>` return. Only the read-side keys are honoured here (no ACLs).
 */
export interface StreamLimits {
  /** Keep only the newest N events. */
  maxCount?: number;
  /** Hide events older than this many seconds. */
  maxAge?: number;
  /** Hide revisions below this one. */
  truncateBefore?: number;
}

export const METADATA_EVENT_TYPE = '$metadata';

/** `$$name` for a stream, the stream its metadata lives in. */
export function metastreamOf(streamName: string): string {
  return `$$${streamName}`;
}

export function isMetastream(streamName: string): boolean {
  return streamName.startsWith('$$');
}

/** Parses a `$metadata` event body; anything malformed imposes no limits. */
export function parseStreamLimits(data: Buffer): StreamLimits {
  let raw: unknown;
  try {
    raw = JSON.parse(data.toString('utf8'));
  } catch {
    return {};
  }
  if (!raw || typeof raw !== 'object') return {};
  const o = raw as Record<string, unknown>;
  const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);
  return { maxCount: int(o.$maxCount), maxAge: int(o.$maxAge), truncateBefore: int(o.$tb) };
}

/**
 * The lowest revision a read may return, given the stream's last revision,
 * its limits and the soft-delete boundary.
 */
export function firstVisibleRevision(lastRevision: number, limits: StreamLimits, deletedBefore: number): number {
  let first = deletedBefore;
  if (limits.truncateBefore !== undefined) first = Math.max(first, limits.truncateBefore);
  if (limits.maxCount !== undefined) first = Math.max(first, lastRevision - limits.maxCount + 1);
  return first;
}
