import type { Node, Pod } from '../../api/types';
import { cacheWith, ctxFor, makeNode, makePod, normalizedScores } from '../testing.spec-helper';
import { selectorSpreadScore } from './selector-spread.score';

const ZONE = 'topology.kubernetes.io/zone';

function normalized(nodes: Node[], existing: Pod[], pod: Pod): Record<string, number> {
  const cache = cacheWith(nodes, existing);
  const ctx = ctxFor(cache);
  return normalizedScores(selectorSpreadScore, pod, cache, ctx);
}

describe('SelectorSpread score', () => {
  const replicas = [
    makePod('web-1', { nodeName: 'n1', owner: 'web' }),
    makePod('web-2', { nodeName: 'n1', owner: 'web' }),
    makePod('web-3', { nodeName: 'n2', owner: 'web' }),
    makePod('other', { nodeName: 'n3', owner: 'api' }),
  ];

  it('prefers nodes with fewer pods of the same controller', () => {
    const nodes = [makeNode('n1'), makeNode('n2'), makeNode('n3')];
    expect(normalized(nodes, replicas, makePod('web-4', { owner: 'web' }))).toEqual({ n1: 0, n2: 50, n3: 100 });
  });

  it('blends in zone spreading (2/3) when nodes have zones', () => {
    const nodes = [makeNode('n1', { labels: { [ZONE]: 'a' } }), makeNode('n2', { labels: { [ZONE]: 'a' } }), makeNode('n3', { labels: { [ZONE]: 'b' } })];
    // node scores 0, 50, 100; zone a holds 3 of max 3 -> 0, zone b -> 100.
    expect(normalized(nodes, replicas, makePod('web-4', { owner: 'web' }))).toEqual({ n1: 0, n2: 16, n3: 100 });
  });

  it('is neutral for pods without a controller', () => {
    const nodes = [makeNode('n1'), makeNode('n2'), makeNode('n3')];
    expect(normalized(nodes, replicas, makePod('solo'))).toEqual({ n1: 100, n2: 100, n3: 100 });
  });
});
