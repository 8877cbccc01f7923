/**
 * The response shapes of the history API (`/apis/history.chronokube.io/v1`),
 * transcribed from docs/history-api.md: the plugin reads only these, so a
 * change to the contract is a change here and in its formatters.
 * Kept in the plugin rather than imported from libs/core so the CLI loads
 * nothing but what it prints (it compiles its sources on every start).
 */

/** A resolved point in time: a `$all` position and, when any event is there, its time. */
export interface PointRef { resourceVersion: string; time?: string }

/** Which object an event or change is about. */
export interface ObjectRef { kind: string; apiVersion: string; namespace?: string; name: string; uid?: string }

/** A Kubernetes object as the API serves it; only what the plugin prints is typed. */
export interface KubeObject {
  kind?: string;
  apiVersion?: string;
  metadata: { name?: string; namespace?: string; uid?: string; resourceVersion?: string; [k: string]: unknown };
  [k: string]: unknown;
}

/** One event of the log. */
export interface HistoryEvent {
  id: string;
  resourceVersion: string;
  time: string;
  type: string;
  stream: string;
  object: ObjectRef;
  actor: string;
  verb: string;
  userAgent?: string;
  sourceIP?: string;
  correlationId: string;
  causationId?: string;
  reason?: string;
  data?: unknown;
}

/** One changed field; an absent side means the field did not exist there. */
export interface FieldChange { path: string; old?: unknown; new?: unknown }

/** An RFC 6902 operation. */
export interface JsonPatchOp { op: string; path: string; value?: unknown; from?: string }

/** `/state`: every object of a slice at a point. */
export interface ClusterState { kind: 'ClusterState'; at: PointRef; items: KubeObject[] }

/** One object present at both points whose content differs: its patch and readable fields. */
export interface ObjectChange { object: ObjectRef; from: string; to: string; patch: JsonPatchOp[]; fields: FieldChange[] }

/** `/diff`: objects added, removed and changed between two points. */
export interface ClusterDiff {
  kind: 'ClusterDiff';
  from: PointRef;
  to: PointRef;
  added: KubeObject[];
  removed: KubeObject[];
  changed: ObjectChange[];
}

/**
 * One version of an object: the event that produced it and its diff to the
 * one before. The contract writes it as `HistoryEvent & {object?: KubeObject}`,
 * which clashes with HistoryEvent's `object: ObjectRef`; the timeline's own
 * `object` (the version after the event) is what a TimelineEntry carries.
 */
export interface TimelineEntry extends Omit<HistoryEvent, 'object'> {
  generation: number;
  uid?: string;
  deleted: boolean;
  object?: KubeObject;
  patch: JsonPatchOp[];
  fields: FieldChange[];
}

/** `/timeline`: every version of one object, oldest first. */
export interface ObjectTimeline { kind: 'ObjectTimeline'; object: ObjectRef; versions: TimelineEntry[] }

/** `/events`: one page of the log; `continue` asks for the next. */
export interface EventList { kind: 'EventList'; metadata: { resourceVersion: string; continue?: string }; items: HistoryEvent[] }

/** A node of the cause tree: an event and the events it caused. */
export interface CauseNode { event: HistoryEvent; children: CauseNode[] }

/** `/why`: the chain from the subject to its root (subject first) and the root's cause tree. */
export interface Why {
  kind: 'Why';
  subject: HistoryEvent;
  chain: HistoryEvent[];
  root: HistoryEvent;
  rootKind: 'request' | 'observation' | 'unknown';
  tree: CauseNode;
}

/** One audited request: an allowed write or a refused request. */
export interface AuditEntry {
  id: string;
  time: string;
  user: string;
  groups: string[];
  userAgent?: string;
  sourceIP?: string;
  verb: string;
  resource: string;
  apiGroup?: string;
  namespace?: string;
  name?: string;
  requestURI: string;
  code: number;
  result: 'allowed' | 'denied' | 'rejected';
  reason?: string;
  message?: string;
  resourceVersion?: string;
  correlationId?: string;
}

/** `/audit`: one page of audit entries. */
export interface AuditList { kind: 'AuditList'; metadata: { continue?: string }; items: AuditEntry[] }

/** A named time range of the log; `to` is absent while it is open. */
export interface Incident {
  kind: 'Incident';
  id: string;
  name: string;
  notes: string;
  tags: string[];
  from: PointRef;
  to?: PointRef;
  createdBy: string;
  createdAt: string;
}

/** `GET /incidents`. */
export interface IncidentList { kind: 'IncidentList'; items: Incident[] }

/** Where one pod ran at the point and where the what-if would put it. */
export interface Placement {
  pod: ObjectRef;
  actual?: string;
  proposed?: string;
  changed: boolean;
  reason?: string;
  scores?: Record<string, number>;
}

/** `POST /whatif`: every placement and how many changed. */
export interface WhatIf { kind: 'WhatIf'; at: PointRef; placements: Placement[]; changed: number }

/** The meta/v1 Status the API answers errors with. */
export interface Status { kind: 'Status'; status?: string; message?: string; reason?: string; code?: number }

/** The path prefix of the history API. */
export const HISTORY_PREFIX = '/apis/history.chronokube.io/v1';
