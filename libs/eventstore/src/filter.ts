import type { EventFilter } from './wire/messages';
import type { RecordedEvent } from './types';

/** A compiled server-side filter over $all: which events match, and how often to checkpoint. */
export interface CompiledFilter {
  matches(e: RecordedEvent): boolean;
  /** Events examined between two checkpoints. */
  checkpointInterval: number;
}

/** EventStoreDB's default search window when the client asks for `count`. */
const DEFAULT_WINDOW = 32;

/**
 * Compiles a stream-name or event-type filter (prefixes, or one regex). An
 * invalid regex throws, which the caller turns into INVALID_ARGUMENT.
 */
export function compileFilter(filter: EventFilter): CompiledFilter {
  const key = filter.on === 'stream' ? (e: RecordedEvent) => e.streamName : (e: RecordedEvent) => e.type;
  let test: (s: string) => boolean;
  if (filter.regex !== undefined) {
    const re = new RegExp(filter.regex);
    test = (s) => re.test(s);
  } else {
    const prefixes = filter.prefixes;
    test = (s) => prefixes.some((p) => s.startsWith(p));
  }
  return {
    matches: (e) => test(key(e)),
    checkpointInterval: Math.max(1, (filter.maxWindow ?? DEFAULT_WINDOW) * filter.checkpointIntervalMultiplier),
  };
}
