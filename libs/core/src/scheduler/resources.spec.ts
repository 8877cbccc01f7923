import type { Container, Pod } from '../api/types';
import { isScalarResource, nodeAllocatable, podRequests, quantityValue } from './resources';
import { makeNode, makePod } from './testing.spec-helper';

const c = (name: string, requests?: Record<string, string>, extra: Partial<Container> = {}): Container => ({
  name, ...(requests ? { resources: { requests } } : {}), ...extra,
});

describe('quantityValue', () => {
  it.each([
    ['cpu', '100m', 100],
    ['cpu', '1', 1000],
    ['cpu', '0.5', 500],
    ['cpu', '1.0001', 1001], // rounds up like MilliValue
    ['memory', '1Gi', 1024 ** 3],
    ['memory', '1G', 1e9],
    ['memory', '1500m', 2], // 1.5 bytes rounds up
    ['memory', 'nonsense', 0],
  ])('%s %s = %d', (resource, text, want) => {
    expect(quantityValue(resource, text)).toBe(want);
  });
});

describe('podRequests', () => {
  const pod = (containers: Container[], initContainers?: Container[], overhead?: Record<string, string>): Pod => {
    const p = makePod('p', { containers, initContainers });
    if (overhead) p.spec.overhead = overhead;
    return p;
  };

  it('sums regular containers', () => {
    const r = podRequests(pod([c('a', { cpu: '100m', memory: '64Mi' }), c('b', { cpu: '250m' })]));
    expect(r).toEqual({ milliCPU: 350, memory: 64 * 1024 ** 2, scalar: {} });
  });

  it('takes the larger of the containers sum and the largest init container, per resource', () => {
    const r = podRequests(pod(
      [c('a', { cpu: '100m', memory: '1Gi' })],
      [c('i1', { cpu: '2', memory: '10Mi' }), c('i2', { cpu: '500m' })],
    ));
    expect(r.milliCPU).toBe(2000);
    expect(r.memory).toBe(1024 ** 3);
  });

  it('adds sidecars (restartable init containers) to the containers and to later init steps', () => {
    const r = podRequests(pod(
      [c('app', { cpu: '1' })],
      [c('sidecar', { cpu: '200m' }, { restartPolicy: 'Always' }), c('migrate', { cpu: '1500m' })],
    ));
    // app + sidecar = 1200m; migrate runs beside the sidecar = 1700m.
    expect(r.milliCPU).toBe(1700);
  });

  it('uses limits where requests are missing, as API defaulting does', () => {
    const r = podRequests(pod([{ name: 'a', resources: { limits: { cpu: '300m', memory: '128Mi' }, requests: { memory: '64Mi' } } }]));
    expect(r.milliCPU).toBe(300);
    expect(r.memory).toBe(64 * 1024 ** 2);
  });

  it('adds pod overhead and counts extended resources and ephemeral-storage, ignoring unknown names', () => {
    const r = podRequests(pod([c('a', { cpu: '100m', 'example.com/gpu': '2', 'ephemeral-storage': '1Gi', bogus: '5' })], undefined, { cpu: '50m' }));
    expect(r).toEqual({ milliCPU: 150, memory: 0, scalar: { 'example.com/gpu': 2, 'ephemeral-storage': 1024 ** 3 } });
  });

  it('with nonZero, counts containers without cpu/memory requests as 100m / 200Mi', () => {
    const r = podRequests(pod([c('a'), c('b', { cpu: '1' })]), { nonZero: true });
    expect(r.milliCPU).toBe(1100);
    expect(r.memory).toBe(2 * 200 * 1024 ** 2);
    expect(podRequests(pod([c('a')])).milliCPU).toBe(0);
  });
});

describe('nodeAllocatable', () => {
  it('reads allocatable, falling back per resource to capacity', () => {
    const node = makeNode('n');
    node.status = { capacity: { cpu: '8', memory: '16Gi', pods: '110' }, allocatable: { cpu: '7500m' } };
    expect(nodeAllocatable(node)).toEqual({ milliCPU: 7500, memory: 16 * 1024 ** 3, pods: 110, scalar: {} });
  });

  it('gives a node that reports no pods count zero pod slots', () => {
    const node = makeNode('n');
    node.status = { allocatable: { cpu: '1' } };
    expect(nodeAllocatable(node).pods).toBe(0);
  });
});

describe('isScalarResource', () => {
  it.each([
    ['example.com/gpu', true],
    ['nvidia.com/gpu', true],
    ['hugepages-2Mi', true],
    ['ephemeral-storage', true],
    ['kubernetes.io/something', false],
    ['pods', false],
    ['gpu', false],
  ])('%s -> %s', (name, want) => expect(isScalarResource(name)).toBe(want));
});
