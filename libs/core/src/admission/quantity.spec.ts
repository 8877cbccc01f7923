import { compareQuantity, parseQuantity } from './quantity';
import { computeQOSClass } from './qos';

describe('parseQuantity', () => {
  it.each([
    ['1', 1_000_000_000n],
    ['100m', 100_000_000n],
    ['0.5', 500_000_000n],
    ['.5', 500_000_000n],
    ['1Ki', 1024n * 1_000_000_000n],
    ['1.5Gi', 1610612736n * 1_000_000_000n],
    ['1k', 1000n * 1_000_000_000n],
    ['2e3', 2000n * 1_000_000_000n],
    ['1E', 10n ** 18n * 1_000_000_000n],
    ['-1', -1_000_000_000n],
    ['1n', 1n],
    [250, 250n * 1_000_000_000n],
  ])('%s', (text, nano) => {
    expect(parseQuantity(text)).toBe(nano);
  });

  it('rounds sub-nano fractions up rather than to zero', () => {
    expect(parseQuantity('0.0000000001')).toBe(1n);
  });

  it.each(['', 'abc', '1 Gi', '1GiB', '1e', '1..2', 'Gi'])('rejects %p', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });

  it('compares', () => {
    expect(compareQuantity(parseQuantity('1')!, parseQuantity('1000m')!)).toBe(0);
    expect(compareQuantity(parseQuantity('1Gi')!, parseQuantity('1G')!)).toBe(1);
  });
});

describe('computeQOSClass', () => {
  it('counts init containers and ignores non-compute resources', () => {
    expect(computeQOSClass({ containers: [{ name: 'a', resources: { requests: { 'ephemeral-storage': '1Gi' } } }] })).toBe('BestEffort');
    expect(computeQOSClass({
      containers: [{ name: 'a', resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } }],
      initContainers: [{ name: 'i', resources: { requests: { cpu: '1' } } }],
    })).toBe('Burstable');
  });
  it('needs both cpu and memory limits on every container for Guaranteed', () => {
    expect(computeQOSClass({ containers: [{ name: 'a', resources: { requests: { cpu: '1' }, limits: { cpu: '1' } } }] })).toBe('Burstable');
  });
  it('zero quantities do not count', () => {
    expect(computeQOSClass({ containers: [{ name: 'a', resources: { requests: { cpu: '0' } } }] })).toBe('BestEffort');
  });
});
