/**
 * History API responses shaped exactly as docs/history-api.md describes
 * them, for the formatter and dispatch tests. One small story: alice
 * creates ConfigMap demo/web-config, changes its greeting twice, scales
 * Deployment demo/web, and victor (view-only) is refused a delete.
 */
import type { AuditList, ClusterDiff, EventList, HistoryEvent, IncidentList, ObjectTimeline, TimelineEntry, WhatIf, Why } from './contract';

const cmRef = { kind: 'ConfigMap', apiVersion: 'v1', namespace: 'demo', name: 'web-config', uid: 'u-cm' };

export function event(over: Partial<HistoryEvent> & Pick<HistoryEvent, 'id' | 'resourceVersion' | 'type'>): HistoryEvent {
  return {
    time: '2026-12-05T03:12:00.000Z',
    stream: 'configmap-demo.web-config',
    object: cmRef,
    actor: 'alice',
    verb: 'update',
    correlationId: 'corr-1',
    ...over,
  };
}

/** A timeline entry: an event without its ObjectRef (a version carries the object itself). */
function version(e: HistoryEvent, rest: Omit<TimelineEntry, keyof HistoryEvent>): TimelineEntry {
  const { object: _ref, ...fields } = e;
  void _ref;
  return { ...fields, ...rest };
}

export const TIMELINE: ObjectTimeline = {
  kind: 'ObjectTimeline',
  object: cmRef,
  versions: [
    version(event({ id: 'e1', resourceVersion: '101', type: 'ConfigMapCreated', verb: 'create', time: '2026-12-05T03:10:00.123Z' }), { generation: 1, uid: 'u-cm', deleted: false, patch: [], fields: [{ path: 'data["greeting"]', new: 'hello' }, { path: 'metadata.name', new: 'web-config' }] }),
    version(event({ id: 'e2', resourceVersion: '140', type: 'ConfigMapUpdated', time: '2026-12-05T03:11:00.000Z' }), { generation: 1, uid: 'u-cm', deleted: false, patch: [{ op: 'replace', path: '/data/greeting', value: 'hi' }], fields: [{ path: 'data["greeting"]', old: 'hello', new: 'hi' }] }),
    version(event({ id: 'e3', resourceVersion: '188', type: 'ConfigMapUpdated', verb: 'patch', actor: 'eddie', time: '2026-12-05T03:12:30.000Z' }), { generation: 1, uid: 'u-cm', deleted: false, patch: [], fields: [{ path: 'data["greeting"]', old: 'hi', new: 'hey' }, { path: 'data["color"]', new: 'blue' }, { path: 'metadata.labels["tier"]', old: 'front' }] }),
    version(event({ id: 'e4', resourceVersion: '230', type: 'ConfigMapDeleted', verb: 'delete' }), { generation: 1, deleted: true, patch: [], fields: [] }),
    version(event({ id: 'e5', resourceVersion: '260', type: 'ConfigMapCreated', verb: 'create' }), { generation: 2, uid: 'u-cm2', deleted: false, patch: [], fields: [{ path: 'data["greeting"]', new: 'again' }] }),
  ],
};

export const DIFF: ClusterDiff = {
  kind: 'ClusterDiff',
  from: { resourceVersion: '101', time: '2026-12-05T03:10:00.123Z' },
  to: { resourceVersion: '188', time: '2026-12-05T03:12:30.000Z' },
  added: [{ kind: 'Pod', apiVersion: 'v1', metadata: { namespace: 'demo', name: 'web-2' } }],
  removed: [{ kind: 'Service', apiVersion: 'v1', metadata: { namespace: 'demo', name: 'old' } }],
  changed: [
    { object: cmRef, from: '101', to: '188', patch: [{ op: 'replace', path: '/data/greeting', value: 'hey' }], fields: [
      { path: 'data["greeting"]', old: 'hello', new: 'hey' },
      { path: 'data["color"]', new: 'blue' },
      { path: 'metadata.labels["tier"]', old: 'front' },
    ] },
  ],
};

const scaled = event({ id: 'r1', resourceVersion: '300', type: 'DeploymentScaled', verb: 'patch', userAgent: 'kubectl/v1.32.0', sourceIP: '127.0.0.1',
  stream: 'deployment-demo.web', object: { kind: 'Deployment', apiVersion: 'apps/v1', namespace: 'demo', name: 'web' }, correlationId: 'corr-9', causationId: 'req-9' });
const rsScaled = event({ id: 'r2', resourceVersion: '301', type: 'ReplicaSetScaled', actor: 'system:controller:deployment', causationId: 'r1', correlationId: 'corr-9',
  stream: 'replicaset-demo.web-1', object: { kind: 'ReplicaSet', apiVersion: 'apps/v1', namespace: 'demo', name: 'web-1' } });
const podCreated = event({ id: 'r3', resourceVersion: '302', type: 'PodCreated', verb: 'create', actor: 'system:controller:replicaset', causationId: 'r2', correlationId: 'corr-9',
  stream: 'pod-demo.web-1-abc', object: { kind: 'Pod', apiVersion: 'v1', namespace: 'demo', name: 'web-1-abc' } });
const podBound = event({ id: 'r4', resourceVersion: '305', type: 'PodBound', verb: 'create', actor: 'system:scheduler', causationId: 'r3', correlationId: 'corr-9',
  stream: 'pod-demo.web-1-abc', object: podCreated.object });
const started = event({ id: 'r5', resourceVersion: '310', type: 'PodStatusChanged', actor: 'system:node:node1', causationId: 'r4', correlationId: 'corr-9',
  stream: 'pod-demo.web-1-abc', object: podCreated.object, reason: 'Started' });
const pulled = event({ id: 'r6', resourceVersion: '308', type: 'EventCreated', verb: 'create', actor: 'system:node:node1', causationId: 'r4', correlationId: 'corr-9',
  stream: 'event-demo.web-1-abc.1', object: { kind: 'Event', apiVersion: 'v1', namespace: 'demo', name: 'web-1-abc.1' } });

export const WHY: Why = {
  kind: 'Why',
  subject: podBound,
  chain: [podBound, podCreated, rsScaled, scaled],
  root: scaled,
  rootKind: 'request',
  tree: { event: scaled, children: [{ event: rsScaled, children: [{ event: podCreated, children: [{ event: podBound, children: [{ event: pulled, children: [] }, { event: started, children: [] }] }] }] }] },
};

export const EVENTS: EventList = {
  kind: 'EventList',
  metadata: { resourceVersion: '310', continue: 'tok' },
  items: [started, podBound, scaled],
};

export const AUDIT: AuditList = {
  kind: 'AuditList',
  metadata: {},
  items: [
    { id: 'a1', time: '2026-12-05T03:12:00.500Z', user: 'victor', groups: ['chronokube:view', 'system:authenticated'], sourceIP: '127.0.0.1', userAgent: 'kubectl/v1.32.0',
      verb: 'delete', resource: 'namespaces', name: 'prod', requestURI: '/api/v1/namespaces/prod', code: 403, result: 'denied', reason: 'Forbidden',
      message: 'namespaces "prod" is forbidden: User "victor" cannot delete resource "namespaces" in API group "" at the cluster scope' },
    { id: 'a2', time: '2026-12-05T03:11:00Z', user: 'alice', groups: ['system:masters'], sourceIP: '10.0.0.7', verb: 'patch', resource: 'deployments', apiGroup: 'apps',
      namespace: 'demo', name: 'web', requestURI: '/apis/apps/v1/namespaces/demo/deployments/web/scale', code: 200, result: 'allowed', resourceVersion: '300' },
  ],
};

export const INCIDENTS: IncidentList = {
  kind: 'IncidentList',
  items: [
    { kind: 'Incident', id: 'i-1', name: 'outage', notes: 'pods crashlooping', tags: ['sev1', 'web'], from: { resourceVersion: '100', time: '2026-12-05T03:00:00Z' },
      to: { resourceVersion: '300', time: '2026-12-05T03:30:00Z' }, createdBy: 'alice', createdAt: '2026-12-05T03:00:01Z' },
    { kind: 'Incident', id: 'i-2', name: 'outage', notes: '', tags: [], from: { resourceVersion: '400', time: '2026-12-05T04:00:00Z' }, createdBy: 'eddie', createdAt: '2026-12-05T04:00:01Z' },
  ],
};

export const WHATIF: WhatIf = {
  kind: 'WhatIf',
  at: { resourceVersion: '310', time: '2026-12-05T03:13:00Z' },
  changed: 1,
  placements: [
    { pod: { kind: 'Pod', apiVersion: 'v1', namespace: 'demo', name: 'web-1-abc' }, actual: 'node1', proposed: 'node2', changed: true, scores: { NodeResourcesFit: 80 } },
    { pod: { kind: 'Pod', apiVersion: 'v1', namespace: 'demo', name: 'web-1-def' }, actual: 'node1', proposed: 'node1', changed: false },
    { pod: { kind: 'Pod', apiVersion: 'v1', namespace: 'demo', name: 'big' }, changed: false, reason: '0/2 nodes are available: 2 Insufficient cpu.' },
  ],
};
