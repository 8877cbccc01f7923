import type { Taint, Toleration } from '../../api/types';
import { cacheWith, ctxFor, makeNode, makePod } from '../testing.spec-helper';
import { taintTolerationFilter } from './taint-toleration.filter';

describe('TaintToleration filter', () => {
  const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
  const gpu: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
  const soft: Taint = { key: 'soft', value: 'x', effect: 'PreferNoSchedule' };
  const cases: [string, Taint[], Toleration[] | undefined, unknown][] = [
    ['no taints', [], undefined, { ok: true }],
    ['PreferNoSchedule is not a filter', [soft], undefined, { ok: true }],
    ['an empty value prints as nothing', [unreachable], undefined,
      { ok: false, reasons: ['node(s) had untolerated taint {node.kubernetes.io/unreachable: }'], unresolvable: true }],
    ['reports the first untolerated taint', [soft, gpu, unreachable], undefined,
      { ok: false, reasons: ['node(s) had untolerated taint {dedicated: gpu}'], unresolvable: true }],
    ['Equal needs the same value', [gpu], [{ key: 'dedicated', operator: 'Equal', value: 'cpu' }],
      { ok: false, reasons: ['node(s) had untolerated taint {dedicated: gpu}'], unresolvable: true }],
    ['Equal with the same value tolerates', [gpu], [{ key: 'dedicated', value: 'gpu' }], { ok: true }],
    ['Exists with a key tolerates any value', [gpu], [{ key: 'dedicated', operator: 'Exists' }], { ok: true }],
    ['a toleration for another effect does not help', [gpu], [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }],
      { ok: false, reasons: ['node(s) had untolerated taint {dedicated: gpu}'], unresolvable: true }],
    ['Exists without key tolerates everything', [gpu, unreachable], [{ operator: 'Exists' }], { ok: true }],
    ['the second taint is reported when the first is tolerated', [gpu, unreachable], [{ key: 'dedicated', operator: 'Exists' }],
      { ok: false, reasons: ['node(s) had untolerated taint {node.kubernetes.io/unreachable: }'], unresolvable: true }],
  ];
  it.each(cases)('%s', (_, taints, tolerations, want) => {
    const cache = cacheWith([makeNode('n', { taints })]);
    expect(taintTolerationFilter.filter(makePod('p', { tolerations }), cache.get('n')!, ctxFor(cache))).toEqual(want);
  });
});
