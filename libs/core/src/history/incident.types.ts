/**
 * The audit, incident and bundle shapes of the history API
 * (docs/history-api.md): records kept beside the cluster's streams.
 */
import type { ClusterSnapshot } from '../domain/cluster-state';
import type { PointRef } from './types';

/** How a request ended: allowed, denied (401/403) or rejected (other 4xx). */
export type AuditResult = 'allowed' | 'denied' | 'rejected';

/** One request in the audit: who, from where, what, and how it ended. */
export interface AuditEntry {
  id: string;
  time: string;
  user: string;
  groups: string[];
  userAgent?: string;
  /** The connection's remote address (the last hop, which the client cannot choose). */
  sourceIP?: string;
  /**
   * kube's audit sourceIPs, when the request came through a proxy: the
   * X-Forwarded-For addresses, then X-Real-Ip, then the remote address.
   * All but the last may be set by the client.
   */
  sourceIPs?: string[];
  verb: string;
  /** pods, pods/status */
  resource: string;
  apiGroup?: string;
  namespace?: string;
  name?: string;
  requestURI: string;
  code: number;
  result: AuditResult;
  reason?: string;
  message?: string;
  /** For allowed writes: the event(s) it appended. */
  resourceVersion?: string;
  correlationId?: string;
}

/** `/audit` */
export interface AuditList {
  kind: 'AuditList';
  metadata: { continue?: string };
  items: AuditEntry[];
}

/** A named time range with notes and tags, stored as events of `incident-<id>`. */
export interface Incident {
  kind: 'Incident';
  id: string;
  name: string;
  notes: string;
  tags: string[];
  from: PointRef;
  /** Absent while the incident is open. */
  to?: PointRef;
  createdBy: string;
  createdAt: string;
}

/** `GET /incidents` */
export interface IncidentList {
  kind: 'IncidentList';
  items: Incident[];
}

/** One event of a bundle, as recorded. */
export interface BundleEvent {
  id: string;
  position: number;
  stream: string;
  /** Stream revision, decimal (a bigint in the store). */
  revision: string;
  type: string;
  time: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

/** The `format` mark of an incident bundle file. */
export const BUNDLE_FORMAT = 'chronokube.incident';
/** The bundle format version this code writes and reads. */
export const BUNDLE_FORMAT_VERSION = 1;

/** The exported incident: folds on its own (snapshot at `from` plus every event in (from, to]). */
export interface IncidentBundle {
  format: typeof BUNDLE_FORMAT;
  formatVersion: typeof BUNDLE_FORMAT_VERSION;
  incident: Incident;
  exportedAt: string;
  from: PointRef;
  to: PointRef;
  /** The state at `from` (ClusterState.toSnapshot()). */
  snapshot: ClusterSnapshot;
  /** Every event with position in (from, to]. */
  events: BundleEvent[];
  /** "sha256:<hex>" of the canonical JSON of every field above except checksum. */
  checksum: string;
}

