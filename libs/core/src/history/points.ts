/**
 * Points in time as the history API accepts them (`at`, `from`, `to`):
 * a resourceVersion, an RFC 3339 time, or `now`; and Go-style durations
 * for histogram buckets. Parsing only: resolving a point against the log is
 * the server's job, because only it knows the log.
 */
import { badRequest } from '../api/errors';
import type { Point } from './types';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** The 400 every unparsable point gets; the wording is the contract's. */
export function invalidPoint(text: string) {
  return badRequest(`invalid point ${JSON.stringify(text)}: expected a resourceVersion (decimal), an RFC 3339 time or "now"`);
}

/**
 * Parses a point: `"4711"` (a decimal `$all` position), an RFC 3339 time
 * (fractional seconds and offsets allowed; truncated to the millisecond,
 * since the log records milliseconds) or `now`. Throws a 400 ApiError for
 * anything else, calendar nonsense (`2026-02-30`) included.
 */
export function parsePoint(text: string): Point {
  if (text === 'now') return { type: 'now' };
  if (/^[0-9]+$/.test(text)) {
    const position = Number(text);
    if (!Number.isSafeInteger(position)) throw invalidPoint(text);
    return { type: 'rv', position };
  }
  const ms = parseRfc3339(text);
  if (ms === undefined) throw invalidPoint(text);
  return { type: 'time', ms };
}

/** Milliseconds since the epoch of an RFC 3339 time, or undefined when it is not one. */
export function parseRfc3339(text: string): number | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  // RFC 3339 allows second 60 (a leap second); JavaScript time has none, so it counts as :59.999.
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  let ms = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), second === 60 ? 999 : millis);
  if (!m[8]) {
    const offHours = Number(m[10]);
    const offMinutes = Number(m[11]);
    if (offHours > 23 || offMinutes > 59) return undefined;
    const offset = (offHours * 60 + offMinutes) * 60_000;
    ms += m[9] === '+' ? -offset : offset;
  }
  return ms;
}

/** RFC 3339 with milliseconds in UTC, the form every history response uses. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString();
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION = /^([+-]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/;
const PART = /(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;

/**
 * A Go `time.ParseDuration` string (`10s`, `5m`, `1h30m`, `1.5h`, `250ms`)
 * in milliseconds. Like Go, a bare `0` is zero and any other number needs a
 * unit. Throws a 400 ApiError naming `param` for anything else.
 */
export function parseDuration(text: string, param = 'bucket'): number {
  if (text === '0' || text === '+0' || text === '-0') return 0;
  const m = DURATION.exec(text);
  if (!m) throw badRequest(`invalid ${param} ${JSON.stringify(text)}: expected a duration such as 10s, 5m or 1h`);
  let total = 0;
  for (const part of m[2].matchAll(PART)) total += Number(part[1]) * UNIT_MS[part[2]];
  return m[1] === '-' ? -total : total;
}
