import { countByPhase, nodeCards } from './node-capacity';
import { interpretKey, isTyping } from './key-sequences';
import { latestWarnings } from './warnings';
import { obj } from '../state/test-objects.spec-helper';

const node = (name: string, ready: string, extra: object[] = []) => obj('Node', undefined, name, {
  status: { allocatable: { cpu: '2', memory: '4Gi', pods: '10' }, conditions: [{ type: 'Ready', status: ready }, ...extra] },
});
const pod = (name: string, nodeName: string | undefined, cpu: string, mem: string, phase = 'Running') => obj('Pod', 'd', name, {
  spec: { nodeName, containers: [{ name: 'c', image: 'i', resources: { requests: { cpu, memory: mem } } }] }, status: { phase },
});

describe('node cards', () => {
  it('packs pods into their nodes and sums requests against allocatable; finished pods free theirs', () => {
    const { cards, unscheduled } = nodeCards(
      [node('n-10', 'True'), node('n-2', 'False', [{ type: 'MemoryPressure', status: 'True' }])],
      [pod('a', 'n-2', '500m', '1Gi'), pod('b', 'n-2', '250m', '512Mi'), pod('done', 'n-2', '1', '1Gi', 'Succeeded'), pod('c', undefined, '1', '1Gi'), pod('lost', 'gone', '1', '1Gi')],
    );
    expect(cards.map((c) => c.node.metadata.name)).toEqual(['n-2', 'n-10']);
    // NotReady first, then natural name order
    const more = nodeCards([node('b-1', 'True'), node('a-2', 'True'), node('z-9', 'False')], []).cards;
    expect(more.map((c) => c.node.metadata.name)).toEqual(['z-9', 'a-2', 'b-1']);
    const n2 = cards[0];
    expect(n2.pods.map((p) => p.metadata.name)).toEqual(['a', 'b', 'done']);
    expect(n2.cpu).toEqual({ used: 750, total: 2000 });
    expect(n2.memory).toEqual({ used: 1.5 * 1024 ** 3, total: 4 * 1024 ** 3 });
    expect(n2.podSlots).toEqual({ used: 2, total: 10 });
    expect(n2.ready).toBe(false);
    expect(n2.problems.map((c) => c.type)).toEqual(['Ready', 'MemoryPressure']);
    expect(cards[1].ready).toBe(true);
    expect(unscheduled.map((p) => p.metadata.name).sort()).toEqual(['c', 'lost']);
  });

  it('counts pods by phase, no status counting as Pending', () => {
    expect(countByPhase([pod('a', 'n', '1', '1', 'Running'), pod('b', 'n', '1', '1', 'Failed'), obj('Pod', 'd', 'new', { spec: {} })])).toMatchObject({ Running: 1, Failed: 1, Pending: 1, Succeeded: 0 });
  });
});

describe('keyboard shortcuts', () => {
  it('reads g-sequences, / and t, and ignores keys while typing', () => {
    expect(interpretKey('g', undefined)).toEqual({ type: 'pending' });
    expect(interpretKey('w', 'g')).toEqual({ type: 'navigate', href: '/workloads/' });
    expect(interpretKey('m', 'g')).toEqual({ type: 'navigate', href: '/map/' });
    expect(interpretKey('o', 'g')).toEqual({ type: 'navigate', href: '/' });
    expect(interpretKey('w', undefined)).toEqual({ type: 'none' });
    expect(interpretKey('/', undefined)).toEqual({ type: 'focus-search' });
    expect(isTyping({ tagName: 'INPUT' })).toBe(true);
    expect(isTyping({ tagName: 'DIV' })).toBe(false);
  });
});

describe('latest warnings', () => {
  const event = (name: string, pod: string, reason: string, type: string, time: string, count = 1) =>
    obj('Event', 'd', name, { involvedObject: { kind: 'Pod', namespace: 'd', name: pod }, reason, type, lastTimestamp: time, count, message: `${reason} ${time}` });
  it('folds repeats of one problem into its newest event with the summed count, newest first, warnings only', () => {
    const lines = latestWarnings([
      event('a', 'p1', 'FailedScheduling', 'Warning', '2026-12-05T10:00:00Z', 2),
      event('b', 'p1', 'FailedScheduling', 'Warning', '2026-12-05T10:05:00Z'),
      event('c', 'p2', 'BackOff', 'Warning', '2026-12-05T10:03:00Z'),
      event('d', 'p1', 'Scheduled', 'Normal', '2026-12-05T10:06:00Z'),
    ]);
    expect(lines.map((l) => [l.latest.metadata.name, l.count])).toEqual([['b', 3], ['c', 1]]);
  });
});
