import type { KubeObject } from '../api/meta';
import type { Deployment, Pod, Service } from '../api/types';
import { applyDefaults } from './defaults';
import { generateName } from './generate-name';
import { nextGeneration } from './generation';
import { prepareForCreate, prepareForStatusUpdate, prepareForUpdate } from './strategy';
import { validateCreate, validateUpdate } from './validate';

const ctx = { uid: 'uid-1', now: '2025-01-02T03:04:05Z', random: () => 0 };

const deployment = (replicas = 1): Deployment => applyDefaults('Deployment', {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } },
});

describe('nextGeneration', () => {
  const d1 = { ...deployment(), metadata: { ...deployment().metadata, generation: 1 } };

  it('starts tracked kinds at 1 and leaves others alone', () => {
    expect(nextGeneration('Deployment', undefined, deployment())).toBe(1);
    expect(nextGeneration('ReplicaSet', undefined, { metadata: {} })).toBe(1);
    for (const kind of ['Pod', 'Service', 'Namespace', 'Node', 'ConfigMap']) expect(nextGeneration(kind, undefined, { metadata: {} })).toBeUndefined();
  });

  it('bumps on spec changes only', () => {
    expect(nextGeneration('Deployment', d1, deployment(3))).toBe(2);
    expect(nextGeneration('Deployment', d1, { ...d1, metadata: { ...d1.metadata, labels: { a: 'b' } } })).toBe(1);
    expect(nextGeneration('Deployment', d1, { ...d1, status: { replicas: 4 } })).toBe(1);
  });

  it('a Deployment also bumps on annotation changes; a ReplicaSet does not', () => {
    const annotated = { ...d1, metadata: { ...d1.metadata, annotations: { note: 'x' } } };
    expect(nextGeneration('Deployment', d1, annotated)).toBe(2);
    expect(nextGeneration('ReplicaSet', d1, annotated)).toBe(1);
  });

  it('status writes never bump; scale writes do', () => {
    expect(nextGeneration('Deployment', d1, deployment(3), 'status')).toBe(1);
    expect(nextGeneration('Deployment', d1, deployment(3), 'scale')).toBe(2);
  });

  it('pods do not track generation in 1.32', () => {
    const pod = { metadata: { name: 'p' }, spec: { containers: [] } };
    expect(nextGeneration('Pod', pod, { ...pod, spec: { containers: [{ name: 'x' }] } })).toBeUndefined();
  });
});

describe('prepareForCreate', () => {
  it('sets uid, time, generation and clears deletion fields', () => {
    const out = prepareForCreate('Deployment', { ...deployment(), metadata: { name: 'web', namespace: 'default', deletionTimestamp: 'x', generation: 9 }, status: { replicas: 3 } }, ctx);
    expect(out.metadata).toEqual({ name: 'web', namespace: 'default', uid: 'uid-1', creationTimestamp: '2025-01-02T03:04:05Z', generation: 1 });
    expect(out.status).toEqual({});
    expect(prepareForCreate('ReplicaSet', { metadata: { name: 'r' }, status: { replicas: 5 } }, ctx).status).toEqual({ replicas: 0 });
  });

  it('generates a name from generateName', () => {
    const out = prepareForCreate('ConfigMap', { metadata: { generateName: 'cfg-', namespace: 'd' } }, ctx);
    expect(out.metadata.name).toBe('cfg-bbbbb');
    expect(generateName('x'.repeat(70), () => 0.999)).toBe(`${'x'.repeat(58)}99999`);
  });

  it('a Pod starts Pending with its QoS class; gated pods are marked unschedulable', () => {
    const pod = applyDefaults('Pod', { metadata: { name: 'p', namespace: 'd' }, spec: { containers: [{ name: 'c', image: 'x' }], schedulingGates: [{ name: 'example.com/g' }] } }) as Pod;
    const out = prepareForCreate('Pod', { ...pod, status: { phase: 'Running' } }, ctx);
    expect(out.status).toEqual({
      phase: 'Pending', qosClass: 'BestEffort',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates', lastProbeTime: null }],
    });
    expect(out.metadata.generation).toBeUndefined();
  });

  it('a Namespace always gets the kubernetes finalizer and starts Active', () => {
    const out = prepareForCreate('Namespace', { metadata: { name: 'team' }, spec: { finalizers: ['example.com/x'] } }, ctx);
    expect(out.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(out.status).toEqual({ phase: 'Active' });
  });

  it('a Service gets clusterIPs from clusterIP and an empty load-balancer status', () => {
    const out = prepareForCreate('Service', { metadata: { name: 's' }, spec: { clusterIP: '10.0.0.9' }, status: { loadBalancer: { ingress: [{ ip: '1.1.1.1' }] } } } as Service, ctx);
    expect(out.spec.clusterIPs).toEqual(['10.0.0.9']);
    expect(out.status).toEqual({ loadBalancer: {} });
  });

  it('does not mutate its input', () => {
    const input = { metadata: { name: 'n' } };
    prepareForCreate('Node', input, ctx);
    expect(input).toEqual({ metadata: { name: 'n' } });
  });
});

describe('prepareForUpdate and prepareForStatusUpdate', () => {
  const stored = prepareForCreate('Deployment', deployment(), ctx);
  const withStatus: KubeObject = { ...stored, status: { replicas: 1, readyReplicas: 1 } };

  it('main resource: status comes from storage, generation follows the spec', () => {
    const next = { ...deployment(4), metadata: { name: 'web', namespace: 'default' }, status: { replicas: 99 } };
    const out = prepareForUpdate('Deployment', withStatus, next);
    expect(out.status).toEqual({ replicas: 1, readyReplicas: 1 });
    expect(out.metadata.generation).toBe(2);
    expect(out.metadata.uid).toBe('uid-1');
    expect(out.metadata.creationTimestamp).toBe(ctx.now);
    expect(validateUpdate('Deployment', withStatus, out)).toEqual([]);
  });

  it('status subresource: spec and labels come from storage, generation stays', () => {
    const next = { ...deployment(7), metadata: { name: 'web', namespace: 'default', labels: { x: 'y' } }, status: { replicas: 1, readyReplicas: 0 } };
    const out = prepareForStatusUpdate('Deployment', withStatus, next);
    expect((out.spec as Deployment['spec']).replicas).toBe(1);
    expect(out.metadata.labels).toBeUndefined();
    expect(out.metadata.generation).toBe(1);
    expect(out.status).toEqual({ replicas: 1, readyReplicas: 0 });
  });

  it('a Namespace keeps its finalizers through a main-resource update', () => {
    const ns = prepareForCreate('Namespace', { metadata: { name: 'team' } }, ctx);
    const out = prepareForUpdate('Namespace', ns, { metadata: { name: 'team', labels: { a: 'b' } }, spec: { finalizers: [] } });
    expect(out.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(out.status).toEqual({ phase: 'Active' });
  });

  it('a Service update keeps its allocated IP when the manifest omits it', () => {
    const svc = applyDefaults('Service', { metadata: { name: 's', namespace: 'd' }, spec: { ports: [{ port: 80 }], clusterIP: '10.0.0.9' } }) as Service;
    const storedSvc = prepareForCreate('Service', svc, ctx);
    const reapplied = applyDefaults('Service', { metadata: { name: 's', namespace: 'd' }, spec: { ports: [{ port: 80 }] } }) as Service;
    const out = prepareForUpdate('Service', storedSvc, reapplied);
    expect(out.spec.clusterIPs).toEqual(['10.0.0.9']);
    expect(validateUpdate('Service', storedSvc, out)).toEqual([]);
  });

  it('the whole create pipeline yields a valid object', () => {
    const pod = prepareForCreate('Pod', applyDefaults('Pod', { metadata: { generateName: 'web-', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }), ctx);
    expect(validateCreate('Pod', pod)).toEqual([]);
    expect(pod.metadata.name).toBe('web-bbbbb');
  });
});
