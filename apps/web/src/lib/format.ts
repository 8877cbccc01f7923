/**
 * Short, kubectl-like renderings of ages and amounts for dense tables.
 */

/** kubectl's age: 45s, 12m, 3h, 5d (from an RFC 3339 time to `now`). */
export function age(since: string | undefined, now: number): string {
  if (!since) return '';
  const t = Date.parse(since);
  if (Number.isNaN(t)) return '';
  const s = Math.max(0, Math.floor((now - t) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

/** Millicores as `250m` or `2.5` cores. */
export function formatCpu(milli: number): string {
  if (milli < 1000) return `${milli}m`;
  return `${Number((milli / 1000).toFixed(milli % 1000 === 0 ? 0 : 1))}`;
}

const UNITS = ['B', 'Ki', 'Mi', 'Gi', 'Ti'];

/** Bytes as `512Mi`, `7.8Gi`. */
export function formatBytes(bytes: number): string {
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Number(v.toFixed(v >= 10 || i === 0 ? 0 : 1))}${UNITS[i]}`;
}

/** A share 0..1 of used/total, 0 when there is no total. */
export function share(used: number, total: number): number {
  return total > 0 ? Math.min(1, used / total) : 0;
}
