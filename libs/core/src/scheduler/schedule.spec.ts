import type { Node, Pod } from '../api/types';
import { defaultProfile, type SchedulerProfile } from './profile';
import { seededRandom } from './random';
import { schedulePod, type Scheduled, type Unschedulable } from './schedule';
import { cacheWith, makeNode, makePod } from './testing.spec-helper';

const profile = defaultProfile();

function expectScheduled(r: ReturnType<typeof schedulePod>): Scheduled {
  if (r.status !== 'Scheduled') throw new Error(`expected Scheduled, got: ${r.message}`);
  return r;
}

function expectUnschedulable(r: ReturnType<typeof schedulePod>): Unschedulable {
  if (r.status !== 'Unschedulable') throw new Error(`expected Unschedulable, got ${r.nodeName}`);
  return r;
}

function manyNodes(n: number, o: Parameters<typeof makeNode>[1] = {}): Node[] {
  return Array.from({ length: n }, (_, i) => makeNode(`node-${String(i).padStart(5, '0')}`, o));
}

describe('schedulePod: choosing a node', () => {
  const cache = cacheWith([makeNode('busy'), makeNode('idle')], [makePod('x', { nodeName: 'busy', cpu: '1', memory: '1Gi' })]);

  it('scores feasible nodes with weighted plugin scores and explains the top ones', () => {
    const r = expectScheduled(schedulePod(makePod('p', { cpu: '1', memory: '1Gi' }), cache, profile, { startIndex: 0 }));
    expect(r.nodeName).toBe('idle');
    expect(r.feasibleNodes).toBe(2);
    expect(r.evaluatedNodes).toBe(2);
    expect(r.nextStartIndex).toBe(0);
    expect(r.topScores).toEqual([
      {
        node: 'idle', total: 674,
        plugins: { TaintToleration: 100, NodeAffinity: 0, NodeResourcesFit: 81, SelectorSpread: 100, NodeResourcesBalancedAllocation: 93 },
      },
      {
        node: 'busy', total: 649,
        plugins: { TaintToleration: 100, NodeAffinity: 0, NodeResourcesFit: 62, SelectorSpread: 100, NodeResourcesBalancedAllocation: 87 },
      },
    ]);
  });

  it('packs with MostAllocated', () => {
    const packing: SchedulerProfile = { ...defaultProfile(), scoringStrategy: 'MostAllocated', scores: [{ name: 'NodeResourcesFit', weight: 1 }] };
    expect(expectScheduled(schedulePod(makePod('p', { cpu: '1' }), cache, packing, { startIndex: 0 })).nodeName).toBe('busy');
  });

  it('lets weights decide between plugins that disagree', () => {
    const c = cacheWith([
      makeNode('empty-but-soft-tainted', { taints: [{ key: 'k', value: 'v', effect: 'PreferNoSchedule' }] }),
      makeNode('full'),
    ], [makePod('x', { nodeName: 'full', cpu: '3', memory: '6Gi' })]);
    const pod = makePod('p', { cpu: '500m', memory: '1Gi' });
    expect(expectScheduled(schedulePod(pod, c, profile, { startIndex: 0 })).nodeName).toBe('full');
    const fitHeavy: SchedulerProfile = { ...defaultProfile(), scores: [{ name: 'NodeResourcesFit', weight: 10 }, { name: 'TaintToleration', weight: 1 }] };
    expect(expectScheduled(schedulePod(pod, c, fitHeavy, { startIndex: 0 })).nodeName).toBe('empty-but-soft-tainted');
  });

  it('sees capacity an assumed pod took, before the projection binds it', () => {
    const c = cacheWith([makeNode('a', { cpu: '1' }), makeNode('b', { cpu: '1' })]);
    const first = makePod('first', { cpu: '800m' });
    const r1 = expectScheduled(schedulePod(first, c, profile, { startIndex: 0 }));
    c.assume(first, r1.nodeName);
    const r2 = expectScheduled(schedulePod(makePod('second', { cpu: '800m' }), c, profile, { startIndex: r1.nextStartIndex }));
    expect(r2.nodeName).not.toBe(r1.nodeName);
    c.assume(makePod('second', { cpu: '800m' }), r2.nodeName);
    expect(schedulePod(makePod('third', { cpu: '800m' }), c, profile, { startIndex: 0 }).status).toBe('Unschedulable');
  });

  it('goes straight to a nominated node that now fits', () => {
    const c = cacheWith([makeNode('a'), makeNode('b'), makeNode('c')]);
    const r = expectScheduled(schedulePod(makePod('p', { cpu: '1', nominatedNodeName: 'c' }), c, profile, { startIndex: 0 }));
    expect(r).toMatchObject({ nodeName: 'c', feasibleNodes: 1, evaluatedNodes: 1, nextStartIndex: 0 });
  });
});

describe('schedulePod: sampling', () => {
  const big = cacheWith(manyNodes(5000));

  it('stops after kube\'s number of feasible nodes in a 5000-node cluster', () => {
    const r = expectScheduled(schedulePod(makePod('p', { cpu: '100m' }), big, profile, { startIndex: 0 }));
    expect(r.feasibleNodes).toBe(500);
    expect(r.evaluatedNodes).toBe(500);
    expect(r.nextStartIndex).toBe(500);
    expect(Number(r.nodeName.slice(5))).toBeLessThan(500);
  });

  it('continues round-robin where the last pod stopped, wrapping around', () => {
    const r = expectScheduled(schedulePod(makePod('p'), big, profile, { startIndex: 4800 }));
    expect(r.nextStartIndex).toBe(300);
    const idx = Number(r.nodeName.slice(5));
    expect(idx >= 4800 || idx < 300).toBe(true);
  });

  it('does not count infeasible nodes towards the target', () => {
    const nodes = manyNodes(1000);
    for (let i = 0; i < 1000; i += 2) nodes[i].spec = { unschedulable: true };
    const r = expectScheduled(schedulePod(makePod('p'), cacheWith(nodes), profile, { startIndex: 0 }));
    expect(r.feasibleNodes).toBe(420);
    expect(r.evaluatedNodes).toBe(840);
  });

  it('scores every node with percentageOfNodesToScore 100', () => {
    const all: SchedulerProfile = { ...defaultProfile(), percentageOfNodesToScore: 100 };
    const r = expectScheduled(schedulePod(makePod('p'), cacheWith(manyNodes(300)), all, { startIndex: 7 }));
    expect(r.evaluatedNodes).toBe(300);
    expect(r.nextStartIndex).toBe(7);
  });
});

describe('schedulePod: ties', () => {
  const tied = cacheWith(manyNodes(4));
  const pod = makePod('p', { cpu: '100m' });

  it('takes the first best node evaluated without a random source', () => {
    expect(expectScheduled(schedulePod(pod, tied, profile, { startIndex: 2 })).nodeName).toBe('node-00002');
  });

  it('is deterministic for a seed and uses every tied node across seeds', () => {
    const pick = (seed: number) => expectScheduled(schedulePod(pod, tied, profile, { startIndex: 0, rand: seededRandom(seed) })).nodeName;
    expect(pick(42)).toBe(pick(42));
    const chosen = new Set(Array.from({ length: 200 }, (_, seed) => pick(seed)));
    expect([...chosen].sort()).toEqual(['node-00000', 'node-00001', 'node-00002', 'node-00003']);
  });
});

describe('schedulePod: unschedulable', () => {
  const smallA = makeNode('small-a', { cpu: '1' });
  const smallB = makeNode('small-b', { cpu: '1' });
  const gpu = makeNode('gpu', { cpu: '8', taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
  const busy = [makePod('x', { nodeName: 'small-a', cpu: '500m' }), makePod('y', { nodeName: 'small-b', cpu: '500m' })];

  it('explains a mixed cluster exactly as kube-scheduler 1.32 does', () => {
    const c = cacheWith([smallA, smallB, gpu], busy);
    const r = expectUnschedulable(schedulePod(makePod('p', { cpu: '800m' }), c, profile, { startIndex: 0 }));
    expect(r.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu. '
      + 'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..',
    );
    expect(r.reasons).toEqual({ 'Insufficient cpu': 2, 'node(s) had untolerated taint {dedicated: gpu}': 1 });
    expect(r.evaluatedNodes).toBe(3);
    expect(r.preemption).toBeUndefined();
  });

  it('still dry-runs nodes smaller than the pod, as 1.32 does (only lower-priority pods matter)', () => {
    const c = cacheWith([smallA, smallB, gpu], [...busy, makePod('low', { nodeName: 'small-b', cpu: '100m', priority: -1 })]);
    const r = expectUnschedulable(schedulePod(makePod('p', { cpu: '2' }), c, profile, { startIndex: 0 }));
    expect(r.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu. '
      + 'preemption: 0/3 nodes are available: 1 Insufficient cpu, 1 No preemption victims found for incoming pod, '
      + '1 Preemption is not helpful for scheduling..',
    );
  });

  it('reports a dry-run failure reason when evicting would still not be enough', () => {
    const c = cacheWith([makeNode('n', { cpu: '1' })], [
      makePod('low', { nodeName: 'n', cpu: '200m', priority: 0 }),
      makePod('high', { nodeName: 'n', cpu: '600m', priority: 1000 }),
    ]);
    const r = expectUnschedulable(schedulePod(makePod('p', { cpu: '500m', priority: 100 }), c, profile, { startIndex: 0 }));
    expect(r.message).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu..');
  });

  it('proposes the cheapest preemption: fewest, least important victims', () => {
    const c = cacheWith([makeNode('a', { cpu: '2' }), makeNode('b', { cpu: '2' })], [
      makePod('a-low-1', { nodeName: 'a', cpu: '1', priority: 10 }),
      makePod('a-low-2', { nodeName: 'a', cpu: '1', priority: 10 }),
      makePod('b-lowest', { nodeName: 'b', cpu: '1', priority: 1 }),
      makePod('b-high', { nodeName: 'b', cpu: '1', priority: 5000 }),
    ]);
    const r = expectUnschedulable(schedulePod(makePod('p', { cpu: '1', priority: 100 }), c, profile, { startIndex: 0 }));
    expect(r.preemption).toEqual({ nodeName: 'b', victims: ['default/b-lowest'] });
    // kube omits the preemption clause when preemption found a node.
    expect(r.message).toBe('0/2 nodes are available: 2 Insufficient cpu.');
  });

  it('keeps the more important of two victims when evicting one is enough', () => {
    const c = cacheWith([makeNode('a', { cpu: '2' })], [
      makePod('older', { nodeName: 'a', cpu: '1', priority: 10, startTime: '2024-01-01T00:00:00Z' }),
      makePod('newer', { nodeName: 'a', cpu: '1', priority: 10, startTime: '2024-06-01T00:00:00Z' }),
    ]);
    const r = expectUnschedulable(schedulePod(makePod('p', { cpu: '1', priority: 100 }), c, profile, { startIndex: 0 }));
    expect(r.preemption).toEqual({ nodeName: 'a', victims: ['default/newer'] });
  });

  it('does not preempt for a pod with preemptionPolicy Never', () => {
    const c = cacheWith([makeNode('a', { cpu: '1' })], [makePod('low', { nodeName: 'a', cpu: '1', priority: 0 })]);
    const r = expectUnschedulable(schedulePod(makePod('p', { cpu: '1', priority: 100, preemptionPolicy: 'Never' }), c, profile, { startIndex: 0 }));
    expect(r.message).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never..');
    expect(r.preemption).toBeUndefined();
  });

  it('checks every node before giving up, even in a big cluster', () => {
    const c = cacheWith(manyNodes(2000, { cpu: '1' }));
    const r = expectUnschedulable(schedulePod(makePod('p', { cpu: '2' }), c, profile, { startIndex: 1234 }));
    expect(r.evaluatedNodes).toBe(2000);
    expect(r.nextStartIndex).toBe(1234);
    expect(r.reasons).toEqual({ 'Insufficient cpu': 2000 });
  });

  it('says so when there are no nodes', () => {
    const r = expectUnschedulable(schedulePod(makePod('p'), cacheWith([]), profile, { startIndex: 0 }));
    expect(r.message).toBe('no nodes available to schedule pods');
  });

  it('stops each node at its first failing filter, in profile order', () => {
    const both = makeNode('both', { cpu: '1', taints: [{ key: 'a', value: 'b', effect: 'NoExecute' }] });
    const pod: Pod = makePod('p', { cpu: '2' });
    const c = cacheWith([both]);
    expect(expectUnschedulable(schedulePod(pod, c, profile, { startIndex: 0 })).reasons).toEqual({ 'node(s) had untolerated taint {a: b}': 1 });
    const fitFirst: SchedulerProfile = { ...defaultProfile(), filters: ['NodeResourcesFit', 'TaintToleration'] };
    expect(expectUnschedulable(schedulePod(pod, c, fitFirst, { startIndex: 0 })).reasons).toEqual({ 'Insufficient cpu': 1 });
  });
});
