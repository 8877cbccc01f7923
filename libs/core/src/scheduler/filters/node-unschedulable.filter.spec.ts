import type { Toleration } from '../../api/types';
import { cacheWith, ctxFor, makeNode, makePod } from '../testing.spec-helper';
import { nodeUnschedulableFilter } from './node-unschedulable.filter';

describe('NodeUnschedulable filter', () => {
  const cordoned = makeNode('c', { unschedulable: true });
  const cache = cacheWith([cordoned, makeNode('ok')]);
  const fail = { ok: false, reasons: ['node(s) were unschedulable'], unresolvable: true };
  it.each<[string, string, Toleration[] | undefined, unknown]>([
    ['a schedulable node', 'ok', undefined, { ok: true }],
    ['a cordoned node', 'c', undefined, fail],
    ['a cordoned node, tolerated by key', 'c', [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }], { ok: true }],
    ['a cordoned node, tolerated by a wildcard', 'c', [{ operator: 'Exists' }], { ok: true }],
    ['a cordoned node, wrong effect tolerated', 'c', [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoExecute' }], fail],
  ])('%s', (_, node, tolerations, want) => {
    expect(nodeUnschedulableFilter.filter(makePod('p', { tolerations }), cache.get(node)!, ctxFor(cache))).toEqual(want);
  });
});
