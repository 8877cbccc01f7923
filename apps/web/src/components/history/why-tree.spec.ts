import type { CauseNode, HistoryEvent } from '@chronokube/core';
import { clientOf, describeDecision, describeRoot, flattenTree, schedulerDecision } from './why-tree';

let pos = 0;
function ev(id: string, type: string, over: Partial<HistoryEvent> = {}): HistoryEvent {
  pos += 1;
  return {
    id, type, resourceVersion: String(over.resourceVersion ?? pos), time: '2026-12-05T03:12:07.000Z', stream: 'pod-default.web-1',
    object: { kind: 'Pod', apiVersion: 'v1', namespace: 'default', name: 'web-1' }, actor: 'system:controller:x', verb: 'create', correlationId: 'c1', ...over,
  };
}
const node = (event: HistoryEvent, ...children: CauseNode[]): CauseNode => ({ event, children });

describe('why tree', () => {
  // root (kubectl) → rs update → pod created → bound → status; plus siblings
  const root = ev('root', 'DeploymentScaled', { actor: 'alice', verb: 'patch', userAgent: 'kubectl/v1.32.4 (linux/amd64)', object: { kind: 'Deployment', apiVersion: 'apps/v1', namespace: 'default', name: 'web' } });
  const rs = ev('rs', 'ReplicaSetUpdated');
  const podB = ev('podB', 'PodCreated', { resourceVersion: '50' });
  const podA = ev('podA', 'PodCreated', { resourceVersion: '40' });
  const bound = ev('bound', 'PodBound');
  const tree = node(root, node(rs, node(podB), node(podA, node(bound))));

  it('given a tree, then rows depth-first, children oldest first, the chain marked and the subject flagged', () => {
    const { rows, hidden } = flattenTree(tree, [bound, podA, rs, root], 'bound');
    expect(rows.map((r) => `${'  '.repeat(r.depth)}${r.event.id}${r.onChain ? '*' : ''}${r.subject ? '!' : ''}`)).toEqual(['root*', '  rs*', '    podA*', '      bound*!', '    podB']);
    expect(rows[0]).toMatchObject({ childCount: 1, descendants: 4 });
    expect(hidden.size).toBe(0);
  });

  it('given collapsed nodes, then their children are hidden and counted, except the chain, which stays open', () => {
    const { rows, hidden } = flattenTree(tree, [bound, podA, rs, root], 'bound', { collapsed: new Set(['podA', 'rs']) });
    expect(rows.map((r) => r.event.id)).toEqual(['root', 'rs', 'podA', 'bound']);
    expect(hidden.get('rs')).toBe(1);
    expect(hidden.has('podA')).toBe(false);
    const notOnChain = flattenTree(tree, [rs, root], 'rs', { collapsed: new Set(['rs']) });
    expect(notOnChain.rows.map((r) => r.event.id)).toEqual(['root', 'rs']);
    expect(notOnChain.hidden.get('rs')).toBe(2);
  });

  it('given more children than the limit, then the first ones and the chain show, the rest are counted until expanded', () => {
    const kids = Array.from({ length: 5 }, (_, i) => node(ev(`k${i}`, 'PodCreated', { resourceVersion: String(100 + i) })));
    const wide = node(root, ...kids);
    const { rows, hidden } = flattenTree(wide, [kids[4].event, root], 'k4', { maxChildren: 2 });
    expect(rows.map((r) => r.event.id)).toEqual(['root', 'k0', 'k1', 'k4']);
    expect(hidden.get('root')).toBe(2);
    expect(flattenTree(wide, [root], 'root', { maxChildren: 2, expanded: new Set(['root']) }).rows).toHaveLength(6);
  });

  it("given a binding with the scheduler's decision, then feasible nodes and scores read in one line; other events have none", () => {
    const b = { ...bound, scheduler: { feasibleNodes: 3, evaluatedNodes: 4, topScores: [{ node: 'sim-1', total: 697, plugins: { NodeResourcesFit: 98, TaintToleration: 100 } }, { node: 'sim-0', total: 494, plugins: {} }] } } as HistoryEvent;
    const d = schedulerDecision(b)!;
    expect(describeDecision(d)).toBe('3 feasible nodes of 4 evaluated · chose sim-1 (score 697: NodeResourcesFit 98, TaintToleration 100) over sim-0 (494)');
    expect(schedulerDecision({ ...b, type: 'EventCreated' })).toBeUndefined();
    expect(schedulerDecision(bound)).toBeUndefined();
    expect(describeDecision({ feasibleNodes: 1, topScores: [] })).toBe('1 feasible node');
  });

  it('given a root, then a headline saying who asked for what with which client', () => {
    expect(describeRoot(root, 'request')).toBe('alice asked to patch Deployment default/web with kubectl');
    expect(describeRoot({ ...rs, observation: 'resync' }, 'observation')).toBe('system:controller:x observed resync and changed Pod default/web-1');
    expect(describeRoot(rs, 'unknown')).toMatch(/^the chain breaks at ReplicaSetUpdated/);
    expect(clientOf(root)).toBe('kubectl/v1.32.4');
    expect(clientOf({ actor: 'system:controller:x', userAgent: 'chronokube-controller-manager/x' })).toBeUndefined();
  });
});
