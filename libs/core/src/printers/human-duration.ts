/**
 * Durations and ages as kube prints them (k8s.io/apimachinery/pkg/util/duration).
 * kubectl shows these strings as-is, so the thresholds below are observable:
 * "119s" but "2m", "9m59s" but "10m", "7h59m" but "8h", "7d23h" but "8d".
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * kube's duration.HumanDuration: ~2-3 significant figures, the AGE format.
 * A clock up to 1.999s behind still reads "0s" (kube tolerates skew between
 * machines); anything further in the future is "<invalid>".
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const d = days % 365;
    return d === 0 ? `${years}y` : `${years}y${d}d`;
  }
  return `${years}y`;
}

/** kube's duration.ShortHumanDuration: one unit only ("45s", "3m", "5h", "2d", "1y"). */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(hours / 24 / 365)}y`;
}

// Go's zero time.Time, which a JSON round trip can turn an unset time into.
const GO_ZERO_TIME = Date.parse('0001-01-01T00:00:00Z');

/**
 * Milliseconds since the epoch for an API timestamp, or undefined when it is
 * unset (missing, null, empty, unparsable or Go's zero time): kube calls all
 * of these "zero" and prints them as "<unknown>".
 */
export function parseTimestamp(ts: string | null | undefined): number | undefined {
  if (!ts) return undefined;
  const ms = Date.parse(ts);
  if (Number.isNaN(ms) || ms <= GO_ZERO_TIME) return undefined;
  return ms;
}

/**
 * The AGE of a timestamp at `now` (kube's translateTimestampSince):
 * "<unknown>" for an unset time, else humanDuration(now - ts).
 */
export function ageSince(ts: string | null | undefined, now: Date): string {
  const ms = parseTimestamp(ts);
  return ms === undefined ? '<unknown>' : humanDuration(now.getTime() - ms);
}
