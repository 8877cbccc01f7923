import { fitErrorMessage, reasonHistogram } from './fit-error';
import { numFeasibleNodesToFind } from './sampling';

describe('numFeasibleNodesToFind', () => {
  it.each([
    [0, 50, 50], // small clusters: all nodes
    [0, 99, 99],
    [0, 100, 100], // 49% of 100 = 49, raised to the minimum 100
    [0, 1000, 420], // 50 - 8 = 42%
    [0, 5000, 500], // 50 - 40 = 10%
    [0, 6000, 300], // 50 - 48 = 2% -> floor 5%
    [0, 20000, 1000], // 5%
    [30, 1000, 300],
    [1, 1000, 100], // never below 100
    [100, 5000, 5000],
  ])('percentage %d of %d nodes -> %d', (pct, nodes, want) => {
    expect(numFeasibleNodesToFind(pct, nodes)).toBe(want);
  });
});

describe('fitErrorMessage', () => {
  it('sorts "count reason" strings as strings, like Go sort.Strings', () => {
    const msg = fitErrorMessage(12, { 'Insufficient cpu': 2, 'Too many pods': 10 });
    expect(msg).toBe('0/12 nodes are available: 10 Too many pods, 2 Insufficient cpu.');
  });

  it('appends the preemption message with kube\'s separator (hence "..")', () => {
    const inner = fitErrorMessage(1, { 'No preemption victims found for incoming pod': 1 });
    expect(fitErrorMessage(1, { 'Insufficient cpu': 1 }, `preemption: ${inner}`)).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..',
    );
  });

  it('counts a node once per reason it reported', () => {
    expect(reasonHistogram([{ reasons: ['Insufficient cpu', 'Insufficient memory'] }, { reasons: ['Insufficient cpu'] }]))
      .toEqual({ 'Insufficient cpu': 2, 'Insufficient memory': 1 });
  });
});
