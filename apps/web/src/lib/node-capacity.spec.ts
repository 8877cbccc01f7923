import { countByPhase, nodeCards } from './node-capacity';
import { interpretKey, isTyping } from './key-sequences';
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
