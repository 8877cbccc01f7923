/**
 * A small synthetic log for the time-travel specs: a Deployment rolled out,
 * scaled, a pod deleted, with Lease heartbeats in between, as the history
 * API would list it; and the server's answer at any point, folded with
 * core's ClusterState (the same fold the server runs), as the reference.
 */
import { ClusterState, RESOURCES, type HistoryEvent, type KubeObject } from '@chronokube/core';
import type { ClusterStateAnswer } from './live-messages';
import type { EventListAnswer, EventPageQuery } from './travel-feed';

const T0 = Date.parse('2026-12-05T03:00:00.000Z');

export interface World {
  events: HistoryEvent[];
  head: number;
  /** The server's /state, with changedSince as docs/history-api.md says. */
  stateAt(at: string, changedSince?: number): ClusterStateAnswer;
  page(q: EventPageQuery): EventListAnswer;
  calls: { state: string[]; events: EventPageQuery[] };
}

/** Build the log: positions step by 10 (positions are not consecutive), one event a second. */
export function makeWorld(): World {
  const events: HistoryEvent[] = [];
  let pos = 0;
  const add = (kind: string, ns: string | undefined, name: string, suffix: string, data: unknown, correlationId: string) => {
    pos += 10;
    const category = kind.toLowerCase();
    events.push({
      id: `e${pos}`, resourceVersion: String(pos), time: new Date(T0 + pos * 100).toISOString(), type: `${kind}${suffix}`,
      stream: ns ? `${category}-${ns}.${name}` : `${category}-${name}`,
      object: { kind, apiVersion: kind === 'Deployment' || kind === 'ReplicaSet' ? 'apps/v1' : 'v1', name, ...(ns ? { namespace: ns } : {}) },
      actor: 'admin', verb: suffix === 'Created' ? 'create' : 'update', correlationId, data,
    });
  };
  const created = (kind: string, ns: string | undefined, name: string, extra: Record<string, unknown>, c: string) =>
    add(kind, ns, name, 'Created', { object: { kind, apiVersion: kind === 'Deployment' || kind === 'ReplicaSet' ? 'apps/v1' : 'v1', metadata: { name, ...(ns ? { namespace: ns } : {}), uid: `${name}-uid` }, ...extra } }, c);
  const lease = (c: string) => add('Lease', 'kube-node-lease', 'n1', 'Updated', { patch: [{ op: 'replace', path: '/spec/renewTime', value: `t${pos}` }] }, c);
  created('Namespace', undefined, 'default', {}, 'boot');
  created('Node', undefined, 'n1', { status: { conditions: [{ type: 'Ready', status: 'True' }] } }, 'boot');
  created('Lease', 'kube-node-lease', 'n1', { spec: { renewTime: 't0' } }, 'boot');
  created('Deployment', 'default', 'web', { spec: { replicas: 2 } }, 'apply');
  created('ReplicaSet', 'default', 'web-1', { spec: { replicas: 2 } }, 'apply');
  for (const p of ['a', 'b']) created('Pod', 'default', `web-${p}`, { spec: {}, status: { phase: 'Pending' } }, 'apply');
  lease('beat1');
  for (const p of ['a', 'b']) add('Pod', 'default', `web-${p}`, 'Bound', { nodeName: 'n1', patch: [{ op: 'add', path: '/spec/nodeName', value: 'n1' }] }, 'apply');
  for (const p of ['a', 'b']) add('Pod', 'default', `web-${p}`, 'StatusChanged', { patch: [{ op: 'replace', path: '/status/phase', value: 'Running' }] }, 'apply');
  lease('beat2');
  add('Deployment', 'default', 'web', 'Scaled', { replicas: 4, previousReplicas: 2, patch: [{ op: 'replace', path: '/spec/replicas', value: 4 }] }, 'scale');
  for (const p of ['c', 'd']) created('Pod', 'default', `web-${p}`, { spec: {}, status: { phase: 'Pending' } }, 'scale');
  lease('beat3');
  add('Pod', 'default', 'web-a', 'Deleted', {}, 'delete');
  for (let i = 0; i < 30; i++) lease(`beat${4 + i}`);
  const head = pos;
  const calls = { state: [] as string[], events: [] as EventPageQuery[] };

  function foldTo(p: number): ClusterState {
    const s = new ClusterState();
    for (const e of events) {
      if (Number(e.resourceVersion) > p) break;
      s.apply({ streamId: e.stream, revision: 0n, type: e.type, data: e.data, position: Number(e.resourceVersion) });
    }
    s.advanceTo(p);
    return s;
  }
  return {
    events,
    head,
    calls,
    stateAt(at, changedSince) {
      calls.state.push(changedSince === undefined ? at : `${at} since ${changedSince}`);
      const p = /^\d+$/.test(at) ? Number(at) : Math.max(0, ...events.filter((e) => Date.parse(e.time) <= Date.parse(at)).map((e) => Number(e.resourceVersion)));
      const s = foldTo(p);
      const items: KubeObject[] = [];
      for (const r of RESOURCES) for (const o of s.list(r)) if (r.kind !== 'Lease') items.push({ ...o.object, kind: r.kind });
      const ev = events.find((e) => Number(e.resourceVersion) === p);
      const at_ = { resourceVersion: String(p), ...(ev ? { time: ev.time } : {}) };
      if (changedSince === undefined) return { kind: 'ClusterState', at: at_, items };
      const keyOf = (o: KubeObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
      const atSince = new Map<string, string | undefined>();
      const s2 = foldTo(changedSince);
      for (const r of RESOURCES) for (const o of s2.list(r)) atSince.set(keyOf({ ...o.object, kind: r.kind }), o.object.metadata.resourceVersion);
      const same = (o: KubeObject) => atSince.get(keyOf(o)) === o.metadata.resourceVersion;
      return { kind: 'ClusterState', at: at_, items: items.filter((o) => !same(o)), unchanged: { since: String(changedSince), keys: items.filter(same).map(keyOf) } };
    },
    page(q) {
      calls.events.push(q);
      const from = q.from ?? 0;
      const to = q.to ?? head;
      const inRange = events.filter((e) => Number(e.resourceVersion) > from && Number(e.resourceVersion) <= to);
      if (q.order === 'desc') inRange.reverse();
      const items = inRange.slice(0, q.limit);
      return { kind: 'EventList', metadata: { resourceVersion: String(to), caughtUpTo: String(head), ...(inRange.length > q.limit ? { continue: 'more' } : {}) }, items };
    },
  };
}
