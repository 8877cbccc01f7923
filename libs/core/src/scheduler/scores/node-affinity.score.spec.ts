import { cacheWith, ctxFor, makeNode, makePod, normalizedScores } from '../testing.spec-helper';
import { nodeAffinityScore } from './node-affinity.score';

describe('NodeAffinity score', () => {
  const cache = cacheWith([
    makeNode('both', { labels: { zone: 'a', disk: 'ssd' } }),
    makeNode('zone', { labels: { zone: 'a' } }),
    makeNode('none'),
  ]);

  function normalized(preferred: unknown[]): Record<string, number> {
    const ctx = ctxFor(cache);
    const pod = makePod('p', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: preferred } } });
    return normalizedScores(nodeAffinityScore, pod, cache, ctx);
  }

  it('sums matched weights and scales the best to 100', () => {
    expect(normalized([
      { weight: 2, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
      { weight: 8, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
    ])).toEqual({ both: 100, zone: 20, none: 0 });
  });

  it('scores 0 everywhere without preferences, and ignores empty terms', () => {
    expect(normalized([])).toEqual({ both: 0, zone: 0, none: 0 });
    expect(normalized([{ weight: 5, preference: {} }])).toEqual({ both: 0, zone: 0, none: 0 });
  });
});
