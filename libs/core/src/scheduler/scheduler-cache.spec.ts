import { SchedulerCache } from './scheduler-cache';
import { makeNode, makePod } from './testing.spec-helper';

const GiB = 1024 ** 3;

function cache2(): SchedulerCache {
  const c = new SchedulerCache();
  c.upsertNode(makeNode('n1'));
  c.upsertNode(makeNode('n2'));
  return c;
}

describe('SchedulerCache', () => {
  it('lists nodes in insertion order and counts them', () => {
    const c = cache2();
    expect(c.size).toBe(2);
    expect(c.nodeNames()).toEqual(['n1', 'n2']);
    expect(c.get('n1')?.allocatable.milliCPU).toBe(4000);
    expect(c.get('nope')).toBeUndefined();
  });

  it('replaces a node on upsert without double counting it', () => {
    const c = cache2();
    c.upsertNode(makeNode('n1', { cpu: '2' }));
    expect(c.size).toBe(2);
    expect(c.get('n1')?.allocatable.milliCPU).toBe(2000);
  });

  it('counts a bound pod on its node, incrementally', () => {
    const c = cache2();
    c.upsertPod(makePod('a', { nodeName: 'n1', cpu: '500m', memory: '1Gi' }));
    c.upsertPod(makePod('b', { nodeName: 'n1', cpu: '250m' }));
    const n1 = c.get('n1')!;
    expect(n1.pods.size).toBe(2);
    expect(n1.requested.milliCPU).toBe(750);
    expect(n1.requested.memory).toBe(GiB);
    expect(n1.nonZeroRequested.memory).toBe(GiB + 200 * 1024 ** 2);
  });

  it('ignores unbound pods and does not double count an upserted pod', () => {
    const c = cache2();
    c.upsertPod(makePod('pending', { cpu: '1' }));
    const bound = makePod('a', { nodeName: 'n1', cpu: '1' });
    c.upsertPod(bound);
    c.upsertPod(bound);
    expect(c.get('n1')!.requested.milliCPU).toBe(1000);
    expect(c.get('n2')!.pods.size).toBe(0);
  });

  it('moves a pod whose nodeName changed, and updates its requests', () => {
    const c = cache2();
    c.upsertPod(makePod('a', { nodeName: 'n1', cpu: '1' }));
    c.upsertPod(makePod('a', { nodeName: 'n2', cpu: '2' }));
    expect(c.get('n1')!.requested.milliCPU).toBe(0);
    expect(c.get('n2')!.requested.milliCPU).toBe(2000);
    expect(c.nodeOf(makePod('a'))).toBe('n2');
  });

  it('stops counting terminal pods and removed pods', () => {
    const c = cache2();
    c.upsertPod(makePod('a', { nodeName: 'n1', cpu: '1', ports: [{ containerPort: 80, hostPort: 80 }] }));
    c.upsertPod(makePod('b', { nodeName: 'n1', cpu: '1' }));
    c.upsertPod(makePod('a', { nodeName: 'n1', cpu: '1', phase: 'Succeeded' }));
    expect(c.get('n1')!.requested.milliCPU).toBe(1000);
    expect(c.get('n1')!.usedPorts.size).toBe(0);
    c.removePod({ metadata: { namespace: 'default', name: 'b' } });
    expect(c.get('n1')!.pods.size).toBe(0);
    c.removePod({ metadata: { namespace: 'default', name: 'b' } });
    expect(c.get('n1')!.requested.milliCPU).toBe(0);
  });

  it('keeps pods of a removed node, so a node that returns has them counted', () => {
    const c = cache2();
    c.upsertPod(makePod('a', { nodeName: 'n1', cpu: '1' }));
    c.removeNode('n1');
    expect(c.size).toBe(1);
    expect(c.nodeNames()).toEqual(['n2']);
    expect(c.get('n1')).toBeUndefined();
    c.upsertNode(makeNode('n1'));
    expect(c.get('n1')!.requested.milliCPU).toBe(1000);
  });

  it('counts pods that arrive before their node', () => {
    const c = new SchedulerCache();
    c.upsertPod(makePod('a', { nodeName: 'late', cpu: '1' }));
    expect(c.size).toBe(0);
    c.upsertNode(makeNode('late'));
    expect(c.get('late')!.requested.milliCPU).toBe(1000);
  });

  it('counts init containers as kube does (max of init and sum)', () => {
    const c = cache2();
    c.upsertPod(makePod('a', {
      nodeName: 'n1',
      containers: [{ name: 'app', resources: { requests: { cpu: '100m' } } }],
      initContainers: [{ name: 'init', resources: { requests: { cpu: '3' } } }],
    }));
    expect(c.get('n1')!.requested.milliCPU).toBe(3000);
  });

  describe('assume / forget', () => {
    it('counts an assumed pod at once and keeps it while the projection still shows it unbound', () => {
      const c = cache2();
      const pod = makePod('a', { cpu: '1' });
      c.assume(pod, 'n2');
      expect(c.isAssumed(pod)).toBe(true);
      expect(c.get('n2')!.requested.milliCPU).toBe(1000);
      c.upsertPod(pod); // stale projection view: still no nodeName
      expect(c.get('n2')!.requested.milliCPU).toBe(1000);
    });

    it('is confirmed by the bound pod, after which forget is a no-op', () => {
      const c = cache2();
      const pod = makePod('a', { cpu: '1' });
      c.assume(pod, 'n2');
      c.upsertPod({ ...pod, spec: { ...pod.spec, nodeName: 'n2' } });
      expect(c.isAssumed(pod)).toBe(false);
      c.forget(pod);
      expect(c.get('n2')!.requested.milliCPU).toBe(1000);
      expect(c.get('n2')!.pods.size).toBe(1);
    });

    it('keeps the assumed accounting on confirmation but holds the bound object; a binding elsewhere moves the pod', () => {
      const c = cache2();
      const pod = makePod('a', { cpu: '1' });
      c.assume(pod, 'n2');
      const bound = { ...pod, metadata: { ...pod.metadata, resourceVersion: '9' }, spec: { ...pod.spec, nodeName: 'n2' } };
      c.upsertPod(bound);
      expect(c.get('n2')!.pods.get('default/a')!.pod).toBe(bound);
      expect(c.get('n2')!.requested.milliCPU).toBe(1000);

      const other = makePod('b', { cpu: '1' });
      c.assume(other, 'n1');
      c.upsertPod({ ...other, spec: { ...other.spec, nodeName: 'n2' } });
      expect(c.get('n1')!.requested.milliCPU).toBe(0);
      expect(c.get('n2')!.requested.milliCPU).toBe(2000);
      expect(c.nodeOf(other)).toBe('n2');
    });

    it('is undone by forget when the binding failed', () => {
      const c = cache2();
      const pod = makePod('a', { cpu: '1' });
      c.assume(pod, 'n1');
      c.forget(pod);
      expect(c.get('n1')!.requested.milliCPU).toBe(0);
      expect(c.nodeOf(pod)).toBeUndefined();
    });

    it('is dropped when the pod is deleted', () => {
      const c = cache2();
      const pod = makePod('a', { cpu: '1' });
      c.assume(pod, 'n1');
      c.removePod(pod);
      expect(c.isAssumed(pod)).toBe(false);
      expect(c.get('n1')!.pods.size).toBe(0);
    });
  });

  it('tracks nodes running pods with required anti-affinity, and controller counts', () => {
    const c = cache2();
    const anti = {
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'x' } }, topologyKey: 'kubernetes.io/hostname' }] },
    };
    c.upsertPod(makePod('a', { nodeName: 'n2', affinity: anti, owner: 'web' }));
    c.upsertPod(makePod('b', { nodeName: 'n2', owner: 'web' }));
    expect([...c.nodesWithRequiredAntiAffinity()].map((n) => n.name)).toEqual(['n2']);
    expect(c.get('n2')!.ownerCount('rs-web')).toBe(2);
    c.removePod(makePod('a'));
    expect([...c.nodesWithRequiredAntiAffinity()]).toEqual([]);
    expect(c.get('n2')!.ownerCount('rs-web')).toBe(1);
  });
});
