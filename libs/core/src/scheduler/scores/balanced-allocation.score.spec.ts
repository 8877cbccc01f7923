import type { Pod } from '../../api/types';
import { cacheWith, ctxFor, makeNode, makePod } from '../testing.spec-helper';
import { balancedAllocationScore, balancedScore } from './balanced-allocation.score';

describe('balancedScore', () => {
  it.each<[string, [number, number, number, number], number]>([
    ['equal fractions', [2000, 4000, 4, 8], 100],
    ['0.75 vs 0.5 (kube\'s example)', [3000, 4000, 5000, 10000], 87],
    ['fractions are capped at 1', [8000, 4000, 0, 8], 50],
    ['a resource the node lacks is skipped', [1000, 4000, 5, 0], 100],
  ])('%s', (_, args, want) => expect(balancedScore(...args)).toBe(want));
});

describe('NodeResourcesBalancedAllocation score', () => {
  const cache = cacheWith(
    [makeNode('machine1', { cpu: '4', memory: '10000' }), makeNode('machine2', { cpu: '6', memory: '10000' })],
  );
  const score = (pod: Pod, node: string) => balancedAllocationScore.score(pod, cache.get(node)!, ctxFor(cache));

  it('prefers the node where cpu and memory end up equally used', () => {
    const pod = makePod('p', { cpu: '3', memory: '5000' });
    expect(score(pod, 'machine1')).toBe(87);
    expect(score(pod, 'machine2')).toBe(100);
  });

  it('skips best-effort pods (0 everywhere)', () => {
    expect(score(makePod('p'), 'machine1')).toBe(0);
    expect(score(makePod('p'), 'machine2')).toBe(0);
  });
});
