/**
 * Events of the log as the history API shows them, and the event query's
 * pure parts: the filter, the noise test and the density histogram.
 */
import { badRequest } from '../api/errors';
import { apiVersionOf, RESOURCES } from '../api/resources';
import type { RecordedEvent } from '../domain/cluster-state';
import { parseStreamName } from '../domain/stream-names';
import { isJsonObject } from '../patch/json-value';
import { formatTime } from './points';
import type { EventFilter, HistoryEvent, HistogramBucket, ObjectRef, SchedulingDecision } from './types';

/** At most this many buckets per histogram (the contract's limit). */
export const MAX_HISTOGRAM_BUCKETS = 10_000;

/** How much of a recorded event toHistoryEvent shows. */
export interface ToHistoryEventOptions {
  /** Include the event's data (`?data=true`). */
  data?: boolean;
  /** The object's uid when the caller knows it (only a creation carries it). */
  uid?: string;
}

/**
 * The HistoryEvent of a recorded event, `time` being when the store
 * recorded it (epoch ms or RFC 3339). Undefined for events that are not
 * about an object (audit, incidents, foreign streams): they are not history
 * of the cluster.
 */
export function toHistoryEvent(recorded: RecordedEvent, time: number | string, options: ToHistoryEventOptions = {}): HistoryEvent | undefined {
  const address = parseStreamName(recorded.streamId);
  if (!address) return undefined;
  const meta = recorded.metadata ?? {};
  const object: ObjectRef = { kind: address.resource.kind, apiVersion: apiVersionOf(address.resource), name: address.name };
  if (address.resource.namespaced) object.namespace = address.namespace;
  const uid = options.uid ?? createdUid(recorded.data);
  if (uid) object.uid = uid;
  const event: HistoryEvent = {
    id: recorded.id ?? '',
    resourceVersion: String(recorded.position),
    time: typeof time === 'number' ? formatTime(time) : time,
    type: recorded.type,
    stream: recorded.streamId,
    object,
    actor: text(meta.actor) ?? '',
    verb: text(meta.verb) ?? '',
    correlationId: text(meta.correlationId) ?? '',
  };
  for (const k of ['userAgent', 'sourceIP', 'causationId', 'reason', 'observation'] as const) {
    const v = text(meta[k]);
    if (v !== undefined) event[k] = v;
  }
  const decision = schedulingDecision(meta.scheduler);
  if (decision) event.scheduler = decision;
  if (options.data) event.data = recorded.data;
  return event;
}

/** The scheduler's decision from a binding's metadata, when it has a well-formed one. */
function schedulingDecision(value: unknown): SchedulingDecision | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.feasibleNodes !== 'number' || typeof v.evaluatedNodes !== 'number' || !Array.isArray(v.topScores)) return undefined;
  const topScores = v.topScores
    .filter((t): t is { node: string; total: number; plugins?: unknown } => !!t && typeof t === 'object' && typeof t.node === 'string' && typeof t.total === 'number')
    .map((t) => ({ node: t.node, total: t.total, plugins: t.plugins && typeof t.plugins === 'object' ? { ...(t.plugins as Record<string, number>) } : {} }));
  return { feasibleNodes: v.feasibleNodes, evaluatedNodes: v.evaluatedNodes, topScores };
}

/**
 * Whether an event passes every filter that is set. `kind` may be a Kind
 * name, plural, singular or short name; `actor` is exact, or a prefix when
 * it ends in `*`; `type` is any of a list. `excludeNoise` needs the event's
 * data to recognise heartbeats (see isNoise).
 */
export function matchEvent(filter: EventFilter, event: HistoryEvent): boolean {
  const o = event.object;
  if (filter.kind && o.kind !== kindName(filter.kind)) return false;
  if (filter.namespace && o.namespace !== filter.namespace) return false;
  if (filter.name && o.name !== filter.name) return false;
  if (filter.verb && event.verb !== filter.verb) return false;
  if (filter.correlationId && event.correlationId !== filter.correlationId) return false;
  if (filter.type && filter.type.length > 0 && !filter.type.includes(event.type)) return false;
  if (filter.actor && !actorMatches(filter.actor, event.actor)) return false;
  if (filter.excludeNoise && isNoise(event)) return false;
  return true;
}

/** Whether `actor` is `pattern`, or starts with it when it ends in `*` (`system:node:*`). */
export function actorMatches(pattern: string, actor: string): boolean {
  return pattern.endsWith('*') ? actor.startsWith(pattern.slice(0, -1)) : actor === pattern;
}

const HEARTBEAT_FIELDS = new Set(['lastHeartbeatTime', 'lastProbeTime', 'heartbeat', 'renewTime']);

/**
 * Noise an incident view can hide: every Lease event (node and leader
 * heartbeats), and a Node status change whose patch touches nothing but
 * heartbeat times (`lastHeartbeatTime`, `lastProbeTime`; managedFields
 * bookkeeping aside). A Node status
 * change without data (not asked for) is not noise: it might matter.
 */
export function isNoise(event: { type: string; data?: unknown }): boolean {
  if (event.type.startsWith('Lease')) return true;
  if (event.type !== 'NodeStatusChanged' && event.type !== 'NodeUpdated') return false;
  const patch = isJsonObject(event.data) ? event.data.patch : undefined;
  if (!Array.isArray(patch) || patch.length === 0) return false;
  let heartbeat = false;
  for (const op of patch) {
    if (!isJsonObject(op) || typeof op.path !== 'string') return false;
    // managedFields timestamps move with every status write: bookkeeping, not a change.
    if (op.path.startsWith('/metadata/managedFields')) continue;
    if (!HEARTBEAT_FIELDS.has(op.path.slice(op.path.lastIndexOf('/') + 1))) return false;
    heartbeat = true;
  }
  return heartbeat;
}

/**
 * Counts per bucket of `bucketMs`, starting at `fromMs`, over [fromMs, toMs]
 * (a time at `toMs` counts in the last bucket; times outside are ignored).
 * A bucket that is not positive, or more than 10,000 buckets, is a 400.
 */
export function histogram(times: Iterable<number>, fromMs: number, toMs: number, bucketMs: number): { bucketSeconds: number; buckets: HistogramBucket[] } {
  if (!(bucketMs > 0)) throw badRequest('invalid bucket: must be a positive duration');
  if (toMs < fromMs) throw badRequest('invalid range: from is after to');
  const n = Math.max(1, Math.ceil((toMs - fromMs) / bucketMs));
  if (n > MAX_HISTOGRAM_BUCKETS) throw badRequest(`invalid bucket: ${n} buckets, at most ${MAX_HISTOGRAM_BUCKETS}; choose a larger bucket or a shorter range`);
  const counts = new Array<number>(n).fill(0);
  for (const t of times) {
    if (t < fromMs || t > toMs) continue;
    counts[Math.min(n - 1, Math.floor((t - fromMs) / bucketMs))]++;
  }
  return { bucketSeconds: bucketMs / 1000, buckets: counts.map((count, i) => ({ start: formatTime(fromMs + i * bucketMs), count })) };
}

const KIND_NAMES = new Map<string, string>();
for (const r of RESOURCES) for (const alias of [r.kind, r.plural, r.singular, ...r.shortNames]) KIND_NAMES.set(alias.toLowerCase(), r.kind);

/** The Kind a filter names (Pod for pods, po, pod); unknown names stay as given. */
export function kindName(text: string): string {
  return KIND_NAMES.get(text.toLowerCase()) ?? text;
}

function createdUid(data: unknown): string | undefined {
  if (!isJsonObject(data) || !isJsonObject(data.object)) return undefined;
  const meta = data.object.metadata;
  return isJsonObject(meta) ? text(meta.uid) : undefined;
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
