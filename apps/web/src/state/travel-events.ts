/**
 * The history API's events as time travel uses them: positions as numbers
 * (the core fold counts positions in numbers too), times in ms, the object's
 * store key, and whether a person stepping through history would see it.
 */
import type { HistoryEvent } from '@chronokube/core';
import { objectKey } from '../lib/object-key';

/** Kinds the store holds (the same as the feeds load); events of others only move the position. */
export const TRAVEL_KINDS = new Set(['Node', 'Namespace', 'Pod', 'Deployment', 'ReplicaSet', 'Service', 'Endpoints', 'Event']);

/** One event of the log, ready to fold. */
export interface TravelEvent {
  pos: number;
  rv: string;
  timeMs: number;
  type: string;
  kind: string;
  namespace?: string;
  name: string;
  /** The store key `Kind/namespace/name`. */
  key: string;
  correlationId: string;
  actor: string;
  /** The event's data (a creation's object, a change's patch); absent when not fetched. */
  data?: unknown;
  /** Of a kind the store holds and not a heartbeat: stepping stops here. */
  visible: boolean;
}

/** A TravelEvent from the history API's HistoryEvent (fetched with `data=true`). */
export function toTravelEvent(h: HistoryEvent): TravelEvent {
  const kind = h.object.kind;
  return {
    pos: Number(h.resourceVersion),
    rv: h.resourceVersion,
    timeMs: Date.parse(h.time),
    type: h.type,
    kind,
    namespace: h.object.namespace,
    name: h.object.name,
    key: objectKey(kind, h.object.namespace || undefined, h.object.name),
    correlationId: h.correlationId,
    actor: h.actor,
    data: h.data,
    visible: TRAVEL_KINDS.has(kind) && !isHeartbeat(h),
  };
}

const HEARTBEAT = /\/(lastHeartbeatTime|lastProbeTime|renewTime)$/;

/** A Lease renewal or a Node status write that moves nothing but heartbeat times (as the API's excludeNoise). */
export function isHeartbeat(h: { type: string; data?: unknown }): boolean {
  if (h.type.startsWith('Lease')) return true;
  if (h.type !== 'NodeStatusChanged' && h.type !== 'NodeUpdated') return false;
  const patch = (h.data as { patch?: { path?: unknown }[] } | undefined)?.patch;
  if (!Array.isArray(patch) || patch.length === 0) return false;
  let beat = false;
  for (const op of patch) {
    const path = typeof op?.path === 'string' ? op.path : '';
    if (path.startsWith('/metadata/managedFields')) continue;
    if (!HEARTBEAT.test(path)) return false;
    beat = true;
  }
  return beat;
}
