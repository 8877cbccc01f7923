/**
 * The shapes of the history API (`history.chronokube.io/v1`), exactly as
 * docs/history-api.md defines them: the contract shared by the pure logic in
 * this folder, the server that serves it, `kubectl chrono` and the web UI.
 * Change the page and these types together.
 */
import type { KubeObject } from '../api/meta';
import type { JsonPatchOp } from '../patch/json-patch';

/** A resolved point in time, echoed by every response that resolves one. */
export interface PointRef {
  resourceVersion: string;
  /** RFC 3339, the time of the event at that position (absent for position 0). */
  time?: string;
}

/** A point as the client named it, before it is resolved against the log. */
export type Point = { type: 'rv'; position: number } | { type: 'time'; ms: number } | { type: 'now' };

/** Which objects: every filter optional, ANDed. kinds are Kind names (Pod) or plurals (pods). */
export interface Slice {
  kinds?: string[];
  namespace?: string;
  labelSelector?: string;
}

/** Which object an event or change is about. */
export interface ObjectRef {
  kind: string;
  apiVersion: string;
  namespace?: string;
  name: string;
  uid?: string;
}

/** One event of the log as the history API shows it. */
export interface HistoryEvent {
  /** The event's id (uuid). */
  id: string;
  /** Its `$all` commit position, decimal. */
  resourceVersion: string;
  /** RFC 3339 with milliseconds, when the store recorded it. */
  time: string;
  /** PodCreated, DeploymentScaled, ... */
  type: string;
  /** pod-default.web-1 */
  stream: string;
  /** kind/namespace/name from the stream (uid when known). */
  object: ObjectRef;
  actor: string;
  verb: string;
  userAgent?: string;
  sourceIP?: string;
  correlationId: string;
  causationId?: string;
  reason?: string;
  /**
   * What a component observed when it wrote with no cause to cite
   * (`metadata.observation`: "resync" or "timer"): marks an intended root
   * of a cause chain.
   */
  observation?: string;
  /**
   * A binding's scheduling decision (`metadata.scheduler`, written by the
   * scheduler): how many nodes were feasible and evaluated and the best
   * (up to 3) with their scores, the chosen node first.
   */
  scheduler?: SchedulingDecision;
  /** The event's data, only when asked for (`?data=true`). */
  data?: unknown;
}

/** What the scheduler recorded with a binding. */
export interface SchedulingDecision {
  feasibleNodes: number;
  evaluatedNodes: number;
  topScores: { node: string; total: number; plugins: Record<string, number> }[];
}

/** One changed field: a readable path with the values on both sides (absent = undefined). */
export interface FieldChange {
  /** spec.replicas, metadata.labels["app.kubernetes.io/name"], spec.containers[0].image */
  path: string;
  old?: unknown;
  new?: unknown;
}

/** One object present at both points whose content differs. */
export interface ObjectChange {
  object: ObjectRef;
  /** resourceVersion of the object at `from` */
  from: string;
  /** resourceVersion of the object at `to` */
  to: string;
  patch: JsonPatchOp[];
  fields: FieldChange[];
}

/** `/diff`: objects added, removed and changed between two points. */
export interface ClusterDiff {
  kind: 'ClusterDiff';
  from: PointRef;
  to: PointRef;
  added: KubeObject[];
  removed: KubeObject[];
  changed: ObjectChange[];
}

/** `/state`: every object of a slice at a point, sorted by kind, namespace, name. */
export interface ClusterStateView {
  kind: 'ClusterState';
  at: PointRef;
  items: KubeObject[];
  /**
   * With `changedSince=S` (before or after `at`): the objects whose version
   * at `at` is the very version the state at S holds, left out of `items`
   * and named by `Kind/namespace/name` (namespace empty when
   * cluster-scoped), so a client that has the state at S takes them from
   * there.
   */
  unchanged?: { since: string; keys: string[] };
}

/**
 * One version of an object in its timeline: the event without its
 * ObjectRef (the timeline's own `object` names the object), with `object`
 * the version after the event.
 */
export interface TimelineEntry extends Omit<HistoryEvent, 'object'> {
  /** 1 for the first life of the name, 2 after a re-create, ... */
  generation: number;
  uid?: string;
  deleted: boolean;
  /** The version after this event; absent once deleted. */
  object?: KubeObject;
  /** Diff to the version before (for a create, every field is new). */
  patch: JsonPatchOp[];
  fields: FieldChange[];
}

/** `/timeline`: every version of one object, oldest first. */
export interface ObjectTimeline {
  kind: 'ObjectTimeline';
  object: ObjectRef;
  versions: TimelineEntry[];
}

/** The filters of `/events` and `/histogram`; every one optional, ANDed. */
export interface EventFilter {
  kind?: string;
  namespace?: string;
  name?: string;
  /** Exact, or a prefix when it ends in `*` (`system:node:*`). */
  actor?: string;
  verb?: string;
  /** Any of these event types. */
  type?: string[];
  correlationId?: string;
  excludeNoise?: boolean;
}

/** `/events` */
export interface EventList {
  kind: 'EventList';
  metadata: { resourceVersion: string; continue?: string };
  items: HistoryEvent[];
}

/** One bucket of the density histogram: events from `start` for bucketSeconds. */
export interface HistogramBucket {
  /** RFC 3339 */
  start: string;
  count: number;
}

/** `/histogram` */
export interface Histogram {
  kind: 'EventHistogram';
  from: PointRef;
  to: PointRef;
  bucketSeconds: number;
  buckets: HistogramBucket[];
}

/** An event with everything it directly caused. */
export interface CauseNode {
  event: HistoryEvent;
  children: CauseNode[];
}

/** `request`: a user's request; `observation`: a node or controller reacting to time; `unknown`: a broken chain. */
export type RootKind = 'request' | 'observation' | 'unknown';

/** `/why` */
export interface WhyResult {
  kind: 'Why';
  subject: HistoryEvent;
  /** From the subject to its root through causationId, subject first. */
  chain: HistoryEvent[];
  root: HistoryEvent;
  rootKind: RootKind;
  tree: CauseNode;
}

/** `/causality` */
export interface CausalityReport {
  kind: 'CausalityReport';
  total: number;
  linked: number;
  /** linked / total (1 for an empty range). */
  share: number;
  /** The first 20 events whose chain is broken. */
  broken: HistoryEvent[];
}

export * from './incident.types';
export * from './whatif.types';
