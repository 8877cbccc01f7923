import { cacheWith, ctxFor, makeNode, makePod } from '../testing.spec-helper';
import { nodeNameFilter } from './node-name.filter';

describe('NodeName filter', () => {
  const cache = cacheWith([makeNode('n1')]);
  it.each([
    ['no nodeName', undefined, { ok: true }],
    ['the same node', 'n1', { ok: true }],
    ['another node', 'n2', { ok: false, reasons: ["node(s) didn't match the requested node name"], unresolvable: true }],
  ])('%s', (_, nodeName, want) => {
    const pod = makePod('p');
    if (nodeName) pod.spec.nodeName = nodeName;
    expect(nodeNameFilter.filter(pod, cache.get('n1')!, ctxFor(cache))).toEqual(want);
  });
});
