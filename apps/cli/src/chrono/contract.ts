/**
 * The response shapes of the history API (`/apis/history.chronokube.io/v1`)
 * the plugin reads: the contract's own types from libs/core, imported as
 * types only, so the plugin loads none of core's code to print them.
 */
export type {
  AuditEntry,
  AuditList,
  CauseNode,
  ClusterDiff,
  ClusterStateView as ClusterState,
  EventList,
  FieldChange,
  HistoryEvent,
  Incident,
  IncidentList,
  JsonPatchOp,
  KubeObject,
  ObjectChange,
  ObjectRef,
  ObjectTimeline,
  Placement,
  PointRef,
  Status,
  TimelineEntry,
  WhatIfResult as WhatIf,
  WhyResult as Why,
} from '@chronokube/core';

/** The path prefix of the history API. */
export const HISTORY_PREFIX = '/apis/history.chronokube.io/v1';
