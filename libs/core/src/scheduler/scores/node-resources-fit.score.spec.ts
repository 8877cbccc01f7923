import type { Pod } from '../../api/types';
import { cacheWith, ctxFor, makeNode, makePod } from '../testing.spec-helper';
import { allocationScore, leastRequestedScore, mostRequestedScore, nodeResourcesFitScore } from './node-resources-fit.score';

describe('leastRequestedScore / mostRequestedScore', () => {
  it.each([
    [0, 4000, 100, 0],
    [1000, 4000, 75, 25],
    [3999, 4000, 0, 99],
    [4000, 4000, 0, 100],
    [5000, 4000, 0, 100], // least: overflow scores 0; most: capped
    [10, 0, 0, 0], // a node without the resource
  ])('requested %d of %d: least %d, most %d', (req, cap, least, most) => {
    expect(leastRequestedScore(req, cap)).toBe(least);
    expect(mostRequestedScore(req, cap)).toBe(most);
  });

  it('averages cpu and memory with integer division and skips resources the node lacks', () => {
    expect(allocationScore('LeastAllocated', 2000, 4000, 2, 8)).toBe(62); // (50 + 75) / 2
    expect(allocationScore('LeastAllocated', 2000, 4000, 5, 0)).toBe(50);
    expect(allocationScore('MostAllocated', 0, 0, 0, 0)).toBe(0);
  });
});

describe('NodeResourcesFit score', () => {
  const cache = cacheWith(
    [makeNode('busy', { cpu: '4', memory: '8Gi' }), makeNode('idle', { cpu: '4', memory: '8Gi' })],
    [makePod('x', { nodeName: 'busy', cpu: '1', memory: '1Gi' })],
  );
  const score = (pod: Pod, node: string, strategy: 'LeastAllocated' | 'MostAllocated') =>
    nodeResourcesFitScore.score(pod, cache.get(node)!, ctxFor(cache, strategy));

  it.each<[string, Pod, string, number, number]>([
    // cpu 2000/4000, memory 2Gi/8Gi
    ['busy node', makePod('p', { cpu: '1', memory: '1Gi' }), 'busy', 62, 37],
    // cpu 1000/4000, memory 1Gi/8Gi
    ['idle node', makePod('p', { cpu: '1', memory: '1Gi' }), 'idle', 81, 18],
    // best effort counts as 100m / 200Mi: (4000-100)/4000 -> 97, (8192-200)/8192 Mi -> 97
    ['best-effort pod on an idle node', makePod('p'), 'idle', 97, 2],
  ])('%s', (_, pod, node, least, most) => {
    expect(score(pod, node, 'LeastAllocated')).toBe(least);
    expect(score(pod, node, 'MostAllocated')).toBe(most);
  });

  it('prefers the emptier node with LeastAllocated and the fuller one with MostAllocated', () => {
    const pod = makePod('p', { cpu: '500m', memory: '512Mi' });
    expect(score(pod, 'idle', 'LeastAllocated')).toBeGreaterThan(score(pod, 'busy', 'LeastAllocated'));
    expect(score(pod, 'busy', 'MostAllocated')).toBeGreaterThan(score(pod, 'idle', 'MostAllocated'));
  });
});
