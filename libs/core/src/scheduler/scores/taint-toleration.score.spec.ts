import type { Taint, Toleration } from '../../api/types';
import { cacheWith, ctxFor, makeNode, makePod, normalizedScores } from '../testing.spec-helper';
import { taintTolerationScore } from './taint-toleration.score';

const soft = (key: string): Taint => ({ key, value: 'v', effect: 'PreferNoSchedule' });

function normalized(tolerations?: Toleration[]): Record<string, number> {
  const cache = cacheWith([
    makeNode('clean'),
    makeNode('one', { taints: [soft('a'), { key: 'hard', effect: 'NoSchedule' }] }),
    makeNode('two', { taints: [soft('a'), soft('b')] }),
  ]);
  const ctx = ctxFor(cache);
  const pod = makePod('p', { tolerations });
  return normalizedScores(taintTolerationScore, pod, cache, ctx);
}

describe('TaintToleration score', () => {
  it('counts only intolerable PreferNoSchedule taints, fewest is best', () => {
    expect(normalized()).toEqual({ clean: 100, one: 50, two: 0 });
  });

  it('discounts tolerated taints (effect empty or PreferNoSchedule)', () => {
    expect(normalized([{ key: 'a', operator: 'Exists' }])).toEqual({ clean: 100, one: 100, two: 0 });
    expect(normalized([{ key: 'b', operator: 'Exists', effect: 'PreferNoSchedule' }])).toEqual({ clean: 100, one: 0, two: 0 });
  });

  it('ignores tolerations with another effect', () => {
    expect(normalized([{ key: 'a', operator: 'Exists', effect: 'NoSchedule' }])).toEqual({ clean: 100, one: 50, two: 0 });
  });

  it('gives every node 100 when none has an intolerable taint', () => {
    expect(normalized([{ operator: 'Exists' }])).toEqual({ clean: 100, one: 100, two: 100 });
  });
});
