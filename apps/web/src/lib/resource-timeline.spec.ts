import type { HistoryEvent, KubeObject } from '@chronokube/core';
import { buildRows, filterRows, markClass, withGroupHeaders } from './resource-timeline';

const T = Date.parse('2026-12-05T03:00:00Z');
let rv = 100;
function ev(kind: string, ns: string | undefined, name: string, type: string, s: number, data?: unknown): HistoryEvent {
  rv += 1;
  return {
    id: `e${rv}`, resourceVersion: String(rv), time: new Date(T + s * 1000).toISOString(), type, stream: `${kind.toLowerCase()}-${ns}.${name}`,
    object: { kind, apiVersion: 'v1', name, ...(ns ? { namespace: ns } : {}) }, actor: 'admin', verb: 'create', correlationId: 'c', data,
  };
}
const o = (kind: string, ns: string, name: string, owner?: [string, string], labels?: Record<string, string>): KubeObject => ({
  kind, apiVersion: 'v1', metadata: { name, namespace: ns, labels, ownerReferences: owner ? [{ apiVersion: 'apps/v1', kind: owner[0], name: owner[1], uid: 'u', controller: true }] : undefined },
});

describe('resource timeline rows', () => {
  const initial = [o('Deployment', 'default', 'web', undefined, { app: 'web' }), o('ReplicaSet', 'default', 'web-1', ['Deployment', 'web']), o('Service', 'default', 'svc')];
  const pod = o('Pod', 'default', 'web-1-a', ['ReplicaSet', 'web-1'], { app: 'web' });
  const created = [ev('Pod', 'default', 'web-1-a', 'PodCreated', 10, { object: pod })];
  const events = [created[0], ev('Pod', 'default', 'web-1-a', 'PodBound', 11), ev('Deployment', 'default', 'web', 'DeploymentScaled', 12), ev('Pod', 'default', 'web-1-a', 'PodDeleted', 50), ev('Lease', 'x', 'n', 'LeaseUpdated', 51)];
  const warnings = [ev('Event', 'default', 'w1', 'EventCreated', 20, { object: { type: 'Warning', reason: 'BackOff', message: 'crash', involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-1-a' } } })];
  const rows = buildRows({ fromMs: T, toMs: T + 60_000, initial, events, created, warnings });

  it('gives every object a row with its life and marks, grouped by namespace and top-level owner', () => {
    expect(rows.map((r) => `${r.group} | ${r.key}`)).toEqual([
      'default · Deployment/web | Deployment/default/web',
      'default · Deployment/web | ReplicaSet/default/web-1',
      'default · Deployment/web | Pod/default/web-1-a',
      'default · no owner | Service/default/svc',
    ]);
    const p = rows.find((r) => r.kind === 'Pod')!;
    expect([p.fromMs, p.toMs, p.createdInWindow, p.deletedInWindow]).toEqual([T + 10_000, T + 50_000, true, true]);
    expect(p.marks.map((m) => m.cls)).toEqual(['created', 'bound', 'warning', 'deleted']);
    expect(p.labels).toEqual({ app: 'web' });
    const d = rows.find((r) => r.kind === 'Deployment')!;
    expect([d.fromMs, d.toMs, d.createdInWindow]).toEqual([T, T + 60_000, false]);
  });

  it('filters by kind, label selector and text, and puts a header before each group', () => {
    expect(filterRows(rows, { kind: 'Pod' }).rows.map((r) => r.name)).toEqual(['web-1-a']);
    expect(filterRows(rows, { label: 'app=web' }).rows.map((r) => r.name)).toEqual(['web', 'web-1-a']);
    expect(filterRows(rows, { text: 'svc' }).rows.map((r) => r.name)).toEqual(['svc']);
    expect(filterRows(rows, { label: 'app in (' }).error).toBeTruthy();
    const lines = withGroupHeaders(rows);
    expect(lines.filter((l) => l.type === 'group')).toEqual([
      { type: 'group', group: 'default · Deployment/web', count: 3 },
      { type: 'group', group: 'default · no owner', count: 1 },
    ]);
    expect(markClass('NodeReadinessChanged')).toBe('status');
  });

  it('builds 5,000 rows, grouped by their 50 owners', () => {
    const many: HistoryEvent[] = [];
    for (let i = 0; i < 5000; i++) many.push(ev('Pod', 'load', `p-${i}`, 'PodCreated', i / 100, { object: o('Pod', 'load', `p-${i}`, ['ReplicaSet', `rs-${i % 50}`]) }));
    const built = buildRows({ fromMs: T, toMs: T + 60_000, initial: [], events: many, created: many, warnings: [] });
    expect(built).toHaveLength(5000);
    expect(new Set(built.map((r) => r.group)).size).toBe(50);
  });
});
