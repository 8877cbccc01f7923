import type { Pod } from '@chronokube/core';
import { labelMatcher, namespacesOf, queryList } from './list-query';
import { COLUMNS, rolloutText, searchTextOf } from './workload-columns';
import { obj } from '../state/test-objects.spec-helper';

function pod(ns: string, name: string, labels: Record<string, string>, phase: string, node: string, restarts = 0, created = '2026-12-05T10:00:00Z'): Pod {
  return obj('Pod', ns, name, {
    spec: { nodeName: node, containers: [{ name: 'c', image: 'nginx' }] },
    status: { phase, containerStatuses: [{ name: 'c', ready: phase === 'Running', restartCount: restarts, image: 'nginx', imageID: '', state: {} }] },
  }, { labels, creationTimestamp: created }) as Pod;
}

const pods = [
  pod('default', 'web-10', { app: 'web', tier: 'front' }, 'Running', 'node-2', 0, '2026-12-05T10:00:00Z'),
  pod('default', 'web-2', { app: 'web', tier: 'front' }, 'Pending', 'node-1', 3, '2026-12-05T11:00:00Z'),
  pod('default', 'db-0', { app: 'db' }, 'Running', 'node-1', 1, '2026-12-05T09:00:00Z'),
  pod('kube-system', 'dns-1', { app: 'dns' }, 'Running', 'node-2', 0, '2026-12-05T08:00:00Z'),
];
const cols = COLUMNS.pods;
const names = (xs: Pod[]) => xs.map((p) => p.metadata.name);
const text = (p: Pod) => searchTextOf('pods', p);

describe('workload list query', () => {
  it('filters by namespace', () => {
    expect(names(queryList(pods, { namespace: 'kube-system' }, cols, text))).toEqual(['dns-1']);
  });

  it('filters by a label selector, set-based ones too', () => {
    expect(names(queryList(pods, { label: 'app=web' }, cols, text))).toEqual(['web-2', 'web-10']);
    expect(names(queryList(pods, { label: 'app in (db,dns),app!=dns' }, cols, text))).toEqual(['db-0']);
    expect(names(queryList(pods, { label: '!tier' }, cols, text))).toEqual(['db-0', 'dns-1']);
  });

  it('reports a malformed selector instead of filtering silently', () => {
    expect(labelMatcher('app in (web').error).toBeTruthy();
    expect(labelMatcher('app=web').matcher).toBeDefined();
  });

  it('searches every word in name, namespace, labels, status and node', () => {
    expect(names(queryList(pods, { text: 'pending' }, cols, text))).toEqual(['web-2']);
    expect(names(queryList(pods, { text: 'node-1 running' }, cols, text))).toEqual(['db-0']);
    expect(names(queryList(pods, { text: 'tier=front WEB-1' }, cols, text))).toEqual(['web-10']);
    expect(queryList(pods, { text: 'nothing-like-this' }, cols, text)).toEqual([]);
  });

  it('sorts by name naturally, by numbers numerically, either way, ties by namespace/name', () => {
    expect(names(queryList(pods, { sortBy: 'name' }, cols, text))).toEqual(['db-0', 'dns-1', 'web-2', 'web-10']);
    expect(names(queryList(pods, { sortBy: 'restarts', descending: true }, cols, text))).toEqual(['web-2', 'db-0', 'web-10', 'dns-1']);
    expect(names(queryList(pods, { sortBy: 'node' }, cols, text))).toEqual(['db-0', 'web-2', 'web-10', 'dns-1']);
    expect(names(queryList(pods, { sortBy: 'age' }, cols, text))).toEqual(['web-2', 'web-10', 'db-0', 'dns-1']);
  });

  it('combines filters and stays fast on 10,000 pods', () => {
    const many = Array.from({ length: 10000 }, (_, i) => pod(`ns-${i % 10}`, `p-${i}`, { app: i % 2 ? 'a' : 'b' }, i % 3 ? 'Running' : 'Pending', `node-${i % 50}`));
    const out = queryList(many, { namespace: 'ns-3', label: 'app=a', text: 'pending', sortBy: 'name' }, cols, text);
    expect(out.every((p) => p.metadata.namespace === 'ns-3' && p.metadata.labels!.app === 'a' && p.status!.phase === 'Pending')).toBe(true);
    expect(out.length).toBe(many.filter((p) => p.metadata.namespace === 'ns-3' && p.metadata.labels!.app === 'a' && p.status!.phase === 'Pending').length);
    expect(namespacesOf(many)).toHaveLength(10);
  });
});

describe('rollout progress', () => {
  const dep = (spec: object, status: object, meta: object = {}) => obj('Deployment', 'd', 'web', { spec: { replicas: 3, selector: {}, template: { spec: { containers: [] } }, ...spec }, status }, { generation: 1, ...meta }) as any;
  it('says where a rollout stands the way kubectl rollout status does', () => {
    expect(rolloutText(dep({}, { observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 3 }))).toBe('complete');
    expect(rolloutText(dep({}, { observedGeneration: 1, replicas: 4, updatedReplicas: 1, availableReplicas: 3 }))).toBe('1/3 updated');
    expect(rolloutText(dep({}, { observedGeneration: 1, replicas: 4, updatedReplicas: 3, availableReplicas: 3 }))).toBe('1 old terminating');
    expect(rolloutText(dep({}, { observedGeneration: 1 }, { generation: 2 }))).toBe('pending');
    expect(rolloutText(dep({}, { observedGeneration: 1, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] }))).toBe('stalled: ProgressDeadlineExceeded');
  });
});
