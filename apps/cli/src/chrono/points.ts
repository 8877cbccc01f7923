/**
 * Points in time as the user types them. The history API is the judge of
 * what a point means (docs/history-api.md "Points in time"); the plugin only
 * tells a bare resourceVersion, which the standard API takes directly, from
 * a time or `now`, which the history API resolves first.
 */
import { UsageError } from '../errors';
import { HISTORY_PREFIX, type ClusterState } from './contract';
import type { ChronoClient, Query } from './http-client';

/** True for a decimal resourceVersion (`4711`). */
export function isResourceVersion(point: string): boolean {
  return /^\d+$/.test(point);
}

/**
 * The resourceVersion a point names. A decimal is itself; anything else is
 * sent to `/state?at=` (with `slice` narrowing the answer) and the
 * server's `at` echo is taken, so a bad point is the server's 400.
 */
export async function resolvePoint(client: ChronoClient, point: string, slice: Query = {}): Promise<string> {
  if (isResourceVersion(point)) return String(BigInt(point));
  const state = await client.getJson<ClusterState>(`${HISTORY_PREFIX}/state`, { at: point, ...slice });
  return state.at.resourceVersion;
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * `--since 10m` as the RFC 3339 time that far before `now` (units ms, s,
 * m, h, d), the `from` point of a query.
 */
export function sinceToPoint(since: string, now: Date): string {
  const m = DURATION.exec(since);
  if (!m) throw new UsageError(`invalid --since '${since}': expected a duration such as 30s, 10m, 2h or 1d`);
  return new Date(now.getTime() - Number(m[1]) * UNIT_MS[m[2]]).toISOString();
}

/** The `from` point of a query: --since or --from, never both. */
export function fromPoint(flags: { since?: string; from?: string }, now: Date): string | undefined {
  if (flags.since !== undefined && flags.from !== undefined) throw new UsageError('--since and --from cannot be used together');
  return flags.since !== undefined ? sinceToPoint(flags.since, now) : flags.from;
}
