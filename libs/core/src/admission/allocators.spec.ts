import { ApiError, invalid } from '../api/errors';
import type { Service } from '../api/types';
import { allocateClusterIP, allocateNodePort, ipRange, isFieldError } from './allocators';
import { parseCidr } from './cidr';
import { kubeFieldErrorMessage } from './go-format';
import { allocateServiceResources, serviceAllocations } from './service-allocation';

/** A seeded generator, so picks are reproducible. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('allocateClusterIP', () => {
  const cidr = '127.96.0.0/16';

  it('is deterministic for a given random source and stays in the upper band', () => {
    const a = allocateClusterIP(cidr, new Set(), undefined, seeded(7));
    const b = allocateClusterIP(cidr, new Set(), undefined, seeded(7));
    expect(a).toBe(b);
    expect(allocateClusterIP(cidr, new Set(), undefined, seeded(8))).not.toBe(a);
    // /16 has 65536 addresses; dynamic picks skip the lowest 256 after the network address.
    const [, , third, fourth] = String(a).split('.').map(Number);
    expect(third * 256 + fourth).toBeGreaterThanOrEqual(257);
  });

  it('picks the first upper-band address with random() = 0 and skips used ones', () => {
    expect(allocateClusterIP(cidr, new Set(), undefined, () => 0)).toBe('127.96.1.1');
    expect(allocateClusterIP(cidr, new Set(['127.96.1.1', '127.96.1.2']), undefined, () => 0)).toBe('127.96.1.3');
  });

  it('never hands out the network or broadcast address', () => {
    const tiny = '10.0.0.0/30';
    expect(ipRange(parseCidr(tiny))).toEqual({ first: parseCidr(tiny).base + 1n, count: 2 });
    const got = new Set<string>();
    for (const r of [0, 0.25, 0.5, 0.75, 0.999]) got.add(String(allocateClusterIP(tiny, new Set(), undefined, () => r)));
    expect([...got].sort()).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(() => allocateClusterIP(tiny, new Set(['10.0.0.1', '10.0.0.2']))).toThrow('range is full');
    expect(allocateClusterIP(tiny, new Set(), '10.0.0.3')).toEqual(expect.objectContaining({ detail: 'failed to allocate IP 10.0.0.3: the provided IP (10.0.0.3) is not in the valid range. The range of valid IPs is 10.0.0.0/30' }));
  });

  it('falls back to the lower band when the upper one is full', () => {
    const used = new Set(['10.0.0.17', '10.0.0.18', '10.0.0.19']);
    // 10.0.0.0/27: 30 usable, offset 16 -> upper band 10.0.0.17..10.0.0.30
    for (let i = 20; i <= 30; i++) used.add(`10.0.0.${i}`);
    expect(allocateClusterIP('10.0.0.0/27', used, undefined, () => 0)).toBe('10.0.0.1');
  });

  it('honours a free requested IP and returns it canonical', () => {
    expect(allocateClusterIP(cidr, new Set(), '127.96.000.5')).toBe('127.96.0.5');
  });

  it('refuses a taken IP with kube\'s exact error', () => {
    const err = allocateClusterIP(cidr, new Set(['127.96.0.5']), '127.96.0.5');
    expect(isFieldError(err)).toBe(true);
    expect(invalid('Service', 'web', [err as never]).message).toBe('Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"127.96.0.5"}: failed to allocate IP 127.96.0.5: provided IP is already allocated');
    expect(kubeFieldErrorMessage(err as never)).toBe('spec.clusterIPs: Invalid value: []string{"127.96.0.5"}: failed to allocate IP 127.96.0.5: provided IP is already allocated');
  });

  it('refuses an IP outside the range', () => {
    expect(kubeFieldErrorMessage(allocateClusterIP(cidr, new Set(), '10.0.0.1') as never))
      .toBe('spec.clusterIPs: Invalid value: []string{"10.0.0.1"}: failed to allocate IP 10.0.0.1: the provided IP (10.0.0.1) is not in the valid range. The range of valid IPs is 127.96.0.0/16');
  });

  it('throws kube\'s 500 when the range is full', () => {
    const full = new Set(['10.0.0.1', '10.0.0.2']);
    expect(() => allocateClusterIP('10.0.0.0/30', full)).toThrow(ApiError);
    try {
      allocateClusterIP('10.0.0.0/30', full);
    } catch (e) {
      expect((e as ApiError).code).toBe(500);
      expect((e as ApiError).message).toBe('Internal error occurred: failed to allocate a serviceIP: range is full');
    }
  });

  it('rejects a bad CIDR', () => {
    expect(() => allocateClusterIP('10.0.0.0', new Set())).toThrow('invalid CIDR address: 10.0.0.0');
  });
});

describe('allocateNodePort', () => {
  it('prefers the upper band (offset 86 in 30000-32767)', () => {
    expect(allocateNodePort(new Set(), undefined, undefined, () => 0)).toBe(30086);
    expect(allocateNodePort(new Set([30086]), undefined, undefined, () => 0)).toBe(30087);
    expect(allocateNodePort(new Set(), undefined, undefined, seeded(3))).toBe(allocateNodePort(new Set(), undefined, undefined, seeded(3)));
  });

  it('honours requests and refuses bad ones with kube\'s words', () => {
    expect(allocateNodePort(new Set(), 30001)).toBe(30001);
    expect(kubeFieldErrorMessage(allocateNodePort(new Set(), 80) as never))
      .toBe('spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767');
    expect(kubeFieldErrorMessage(allocateNodePort(new Set([30001]), 30001, undefined, undefined, 'spec.ports[2].nodePort') as never))
      .toBe('spec.ports[2].nodePort: Invalid value: 30001: provided port is already allocated');
  });

  it('uses a custom range and reports it full', () => {
    expect(allocateNodePort(new Set([40000]), undefined, [40000, 40001], () => 0)).toBe(40001);
    expect(() => allocateNodePort(new Set([40000, 40001]), undefined, [40000, 40001])).toThrow('Internal error occurred: failed to allocate a nodePort: range is full');
  });
});

describe('allocateServiceResources', () => {
  const pools = { cidr: '10.96.0.0/24', usedIPs: new Set<string>(), usedNodePorts: new Set<number>(), random: () => 0 };
  const svc = (spec: Partial<Service['spec']>): Service => ({ metadata: { name: 'web' }, spec: { type: 'ClusterIP', ports: [{ port: 80, protocol: 'TCP' }], ...spec } });

  it('gives a ClusterIP service an address', () => {
    const out = allocateServiceResources(svc({}), pools) as Service;
    expect(out.spec.clusterIP).toBe('10.96.0.17');
    expect(out.spec.clusterIPs).toEqual(['10.96.0.17']);
  });

  it('leaves headless and ExternalName services without one', () => {
    expect((allocateServiceResources(svc({ clusterIP: 'None' }), pools) as Service).spec.clusterIPs).toEqual(['None']);
    expect((allocateServiceResources(svc({ type: 'ExternalName' }), pools) as Service).spec.clusterIP).toBeUndefined();
  });

  it('shares one node port between the TCP and UDP of a port', () => {
    const out = allocateServiceResources(svc({ type: 'NodePort', ports: [{ name: 'a', port: 53, protocol: 'TCP' }, { name: 'b', port: 53, protocol: 'UDP', nodePort: 30053 }, { name: 'c', port: 80 }] }), pools) as Service;
    expect(out.spec.ports?.map((p) => p.nodePort)).toEqual([30053, 30053, 30086]);
    expect(serviceAllocations(out)).toEqual({ clusterIPs: [out.spec.clusterIP], nodePorts: [30053, 30086] });
  });

  it('respects allocateLoadBalancerNodePorts=false and adds a health-check port for Local', () => {
    const out = allocateServiceResources(svc({ type: 'LoadBalancer', allocateLoadBalancerNodePorts: false, externalTrafficPolicy: 'Local' }), pools) as Service;
    expect(out.spec.ports?.[0].nodePort).toBeUndefined();
    expect(out.spec.healthCheckNodePort).toBe(30086);
  });

  it('returns the field error of a refused request', () => {
    const err = allocateServiceResources(svc({ type: 'NodePort', ports: [{ port: 80 }, { port: 81, nodePort: 99 }] }), pools);
    expect(isFieldError(err)).toBe(true);
    expect(kubeFieldErrorMessage(err as never)).toBe('spec.ports[1].nodePort: Invalid value: 99: provided port is not in the valid range. The range of valid ports is 30000-32767');
  });
});
