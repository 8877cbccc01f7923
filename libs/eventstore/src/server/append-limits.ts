import type { ProposedEvent } from '../types';

/** EventStoreDB's default maximum append size (its MaxAppendSize option): 1 MiB. */
export const DEFAULT_MAX_APPEND_SIZE = 1024 * 1024;

/**
 * What one event counts against the maximum append size, by EventStoreDB's
 * own measure (Event.SizeOnDisk): data and metadata bytes plus two bytes per
 * character of the type.
 */
export function eventSize(e: ProposedEvent): number {
  return e.data.length + e.customMetadata.length + e.type.length * 2;
}

/** Limits every append is held to. */
export interface AppendLimits {
  /** Bytes (by {@link eventSize}) one append may carry; more is refused whole. */
  maxAppendSize: number;
}
