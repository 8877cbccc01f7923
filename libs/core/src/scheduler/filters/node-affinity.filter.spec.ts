import type { Node } from '../../api/types';
import type { NodeSelectorRequirement, NodeSelectorTerm } from '../node-selector';
import { cacheWith, ctxFor, makeNode, makePod } from '../testing.spec-helper';
import { nodeAffinityFilter } from './node-affinity.filter';

const REASON = "node(s) didn't match Pod's node affinity/selector";
const node = makeNode('n1', { labels: { zone: 'a', disk: 'ssd', cores: '16' } });

function run(n: Node, opts: { nodeSelector?: Record<string, string>; terms?: NodeSelectorTerm[] }) {
  const cache = cacheWith([n]);
  const affinity = opts.terms ? { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: opts.terms } } } : undefined;
  return nodeAffinityFilter.filter(makePod('p', { nodeSelector: opts.nodeSelector, affinity }), cache.get(n.metadata.name!)!, ctxFor(cache));
}

const expr = (key: string, operator: NodeSelectorRequirement['operator'], values?: string[]): NodeSelectorTerm => ({
  matchExpressions: [{ key, operator, ...(values ? { values } : {}) }],
});

describe('NodeAffinity filter', () => {
  it.each<[string, { nodeSelector?: Record<string, string>; terms?: NodeSelectorTerm[] }, boolean]>([
    ['nothing asked', {}, true],
    ['nodeSelector matches', { nodeSelector: { zone: 'a' } }, true],
    ['nodeSelector differs', { nodeSelector: { zone: 'b' } }, false],
    ['nodeSelector on a missing label', { nodeSelector: { gpu: 'yes' } }, false],
    ['In', { terms: [expr('disk', 'In', ['hdd', 'ssd'])] }, true],
    ['In, no value matches', { terms: [expr('disk', 'In', ['hdd'])] }, false],
    ['NotIn', { terms: [expr('disk', 'NotIn', ['hdd'])] }, true],
    ['NotIn on a missing label matches', { terms: [expr('gpu', 'NotIn', ['x'])] }, true],
    ['NotIn excluded', { terms: [expr('disk', 'NotIn', ['ssd'])] }, false],
    ['Exists', { terms: [expr('zone', 'Exists')] }, true],
    ['Exists on a missing label', { terms: [expr('gpu', 'Exists')] }, false],
    ['DoesNotExist', { terms: [expr('gpu', 'DoesNotExist')] }, true],
    ['DoesNotExist on a present label', { terms: [expr('zone', 'DoesNotExist')] }, false],
    ['Gt', { terms: [expr('cores', 'Gt', ['8'])] }, true],
    ['Gt, not greater', { terms: [expr('cores', 'Gt', ['16'])] }, false],
    ['Lt', { terms: [expr('cores', 'Lt', ['32'])] }, true],
    ['Gt with a non-integer value is invalid', { terms: [expr('cores', 'Gt', ['many'])] }, false],
    ['matchFields metadata.name In', { terms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] }, true],
    ['matchFields metadata.name NotIn', { terms: [{ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n1'] }] }] }, false],
    ['matchFields on another field is invalid', { terms: [{ matchFields: [{ key: 'spec.x', operator: 'In', values: ['n1'] }] }] }, false],
    ['terms are ORed', { terms: [expr('zone', 'In', ['b']), expr('disk', 'In', ['ssd'])] }, true],
    ['expressions in a term are ANDed', { terms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }, { key: 'disk', operator: 'In', values: ['hdd'] }] }] }, false],
    ['an empty term matches nothing', { terms: [{}] }, false],
    ['no terms match nothing', { terms: [] }, false],
    ['nodeSelector and terms must both hold', { nodeSelector: { zone: 'b' }, terms: [expr('disk', 'In', ['ssd'])] }, false],
  ])('%s', (_, opts, fits) => {
    expect(run(node, opts)).toEqual(fits ? { ok: true } : { ok: false, reasons: [REASON], unresolvable: true });
  });
});
