import type { Pod } from '../../api/types';
import { cacheWith, ctxFor, makeNode, makePod } from '../testing.spec-helper';
import { podRequests } from '../resources';
import { insufficientResources, nodeResourcesFitFilter } from './node-resources-fit.filter';

describe('NodeResourcesFit filter', () => {
  // 2 cpu, 4Gi, 3 pods; 1500m and 3Gi already requested by two pods.
  const cache = cacheWith(
    [makeNode('n', { cpu: '2', memory: '4Gi', pods: '3', extra: { 'example.com/gpu': '1' } })],
    [makePod('a', { nodeName: 'n', cpu: '1', memory: '2Gi' }), makePod('b', { nodeName: 'n', cpu: '500m', memory: '1Gi' })],
  );
  const run = (pod: Pod) => nodeResourcesFitFilter.filter(pod, cache.get('n')!, ctxFor(cache));

  it.each<[string, Pod, unknown]>([
    ['a pod that fits exactly', makePod('p', { cpu: '500m', memory: '1Gi' }), { ok: true }],
    ['a best-effort pod', makePod('p'), { ok: true }],
    ['too much cpu', makePod('p', { cpu: '600m' }), { ok: false, reasons: ['Insufficient cpu'] }],
    ['more cpu than the node has at all (still resolvable, as in kube 1.32)', makePod('p', { cpu: '3' }), { ok: false, reasons: ['Insufficient cpu'] }],
    ['too much cpu and memory', makePod('p', { cpu: '1', memory: '2Gi' }), { ok: false, reasons: ['Insufficient cpu', 'Insufficient memory'] }],
    ['an extended resource the node has', makePod('p', { containers: [{ name: 'c', resources: { requests: { 'example.com/gpu': '1' } } }] }), { ok: true }],
    ['an extended resource beyond it', makePod('p', { containers: [{ name: 'c', resources: { requests: { 'example.com/gpu': '2' } } }] }),
      { ok: false, reasons: ['Insufficient example.com/gpu'] }],
    ['an extended resource the node lacks', makePod('p', { containers: [{ name: 'c', resources: { requests: { 'vendor.io/fpga': '1' } } }] }),
      { ok: false, reasons: ['Insufficient vendor.io/fpga'] }],
  ])('%s', (_, pod, want) => {
    expect(run(pod)).toEqual(want);
  });

  it('agrees with insufficientResources on random pods and nodes (the filter checks a fast path first)', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      // The high bits: an LCG's low bits repeat with a short period.
      return Math.floor(seed / 65536) % n;
    };
    const amount = (max: number) => (rnd(4) === 0 ? undefined : String(rnd(max)));
    const outcomes = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const gpu = amount(3);
      const node = makeNode('n', { cpu: String(rnd(4)), memory: `${rnd(4)}Gi`, pods: String(1 + rnd(4)), extra: gpu ? { 'example.com/gpu': gpu } : undefined });
      const existing = Array.from({ length: rnd(3) }, (_, j) => makePod(`e${j}`, { nodeName: 'n', cpu: `${rnd(1500)}m`, memory: `${rnd(2000)}Mi` }));
      const requests: Record<string, string> = {};
      const cpu = amount(2500);
      if (cpu) requests.cpu = `${cpu}m`;
      const mem = amount(3000);
      if (mem) requests.memory = `${mem}Mi`;
      const podGpu = amount(3);
      if (podGpu) requests['example.com/gpu'] = podGpu;
      const pod = makePod('p', { containers: [{ name: 'c', image: 'x', resources: { requests } }] });
      const c = cacheWith([node], existing);
      const info = c.get('n')!;
      const ctx = ctxFor(c);
      const short = insufficientResources(ctx.memo('NodeResourcesFit/requests', pod, () => podRequests(pod)), info);
      expect(nodeResourcesFitFilter.filter(pod, info, ctx)).toEqual(short.length === 0 ? { ok: true } : { ok: false, reasons: short.map((s) => s.reason) });
      outcomes.add(short.length === 0 ? 'fits' : short.map((s) => s.resource).join('+'));
    }
    // The cases must cover fitting and each kind of shortfall, or the comparison proves little.
    expect([...outcomes]).toEqual(expect.arrayContaining(['fits', 'pods', 'cpu', 'memory', 'example.com/gpu']));
  });

  it('reports "Too many pods" when the pod slots are used up, even for a best-effort pod', () => {
    const full = cacheWith([makeNode('n', { pods: '1' })], [makePod('a', { nodeName: 'n' })]);
    expect(nodeResourcesFitFilter.filter(makePod('p'), full.get('n')!, ctxFor(full))).toEqual({ ok: false, reasons: ['Too many pods'] });
    expect(nodeResourcesFitFilter.filter(makePod('p', { cpu: '5' }), full.get('n')!, ctxFor(full)))
      .toEqual({ ok: false, reasons: ['Too many pods', 'Insufficient cpu'] });
  });

  it('counts an init container larger than the regular ones', () => {
    const pod = makePod('p', {
      containers: [{ name: 'c', resources: { requests: { cpu: '100m' } } }],
      initContainers: [{ name: 'i', resources: { requests: { cpu: '1' } } }],
    });
    expect(run(pod)).toEqual({ ok: false, reasons: ['Insufficient cpu'] });
  });
});

describe('insufficientResources', () => {
  it('tells apart a node that is full from one that is too small outright', () => {
    const cache = cacheWith([makeNode('n', { cpu: '2' })], [makePod('a', { nodeName: 'n', cpu: '1500m' })]);
    const request = { milliCPU: 1000, memory: 0, scalar: {} };
    expect(insufficientResources(request, cache.get('n')!)).toEqual([
      { resource: 'cpu', reason: 'Insufficient cpu', requested: 1000, used: 1500, capacity: 2000, unresolvable: false },
    ]);
    expect(insufficientResources({ ...request, milliCPU: 2500 }, cache.get('n')!)[0].unresolvable).toBe(true);
  });
});
