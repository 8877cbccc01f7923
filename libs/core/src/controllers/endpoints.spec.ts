import type { Endpoints, Pod, Service } from '../api/types';
import type { ControllerAction } from './actions';
import { endpointsToDelete, reconcileEndpoints } from './endpoints';
import { truncateSubsets } from './endpoints-subsets';
import { FakeCluster, makePod, makeService } from './fake-cluster.test-helper';

const now = new Date('2024-01-01T00:00:00Z');
const labels = { app: 'web' };

function pod(name: string, ip: string | undefined, ready: boolean, extra: Partial<Pod['spec']> = {}): Pod {
  const p = makePod(name, labels);
  p.spec = { ...p.spec, nodeName: 'node-1', ...extra };
  p.status = { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] };
  return p;
}

function withNamedPort(p: Pod, port: number): Pod {
  p.spec.containers = [{ name: 'app', image: 'x', ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }] }];
  return p;
}

const objectOf = (a: ControllerAction) => (a.type === 'create' || a.type === 'update' ? (a.object as Endpoints) : undefined);

describe('reconcileEndpoints', () => {
  it('lists ready pods as addresses and not-ready pods as notReadyAddresses, with target refs and node names', () => {
    const service = makeService('web', labels);
    const actions = reconcileEndpoints(service, [pod('b', '10.0.0.2', true), pod('a', '10.0.0.1', false), pod('c', '10.0.0.3', true)], undefined);
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ type: 'create', kind: 'Endpoints', namespace: 'default' });
    const ep = objectOf(actions[0])!;
    expect(ep.metadata).toEqual({ name: 'web', namespace: 'default', labels: { app: 'web' } });
    expect(ep.subsets).toEqual([{
      addresses: [
        { ip: '10.0.0.2', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'b', uid: 'uid-b' } },
        { ip: '10.0.0.3', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'c', uid: 'uid-c' } },
      ],
      notReadyAddresses: [{ ip: '10.0.0.1', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: 'uid-a' } }],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    }]);
  });

  it('resolves a named targetPort per pod, splitting pods with different container ports into subsets', () => {
    const service = makeService('web', labels, [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);
    const pods = [withNamedPort(pod('a', '10.0.0.1', true), 8080), withNamedPort(pod('b', '10.0.0.2', true), 9090), pod('no-port', '10.0.0.3', true)];
    const ep = objectOf(reconcileEndpoints(service, pods, undefined)[0])!;
    expect(ep.subsets?.map((s) => [s.addresses?.map((a) => a.ip), s.ports?.map((p) => p.port)])).toEqual([
      [['10.0.0.1'], [8080]],
      [['10.0.0.2'], [9090]],
    ]);
  });

  it('leaves out terminating, terminal and IP-less pods, and pods the selector does not match', () => {
    const terminating = pod('t', '10.0.0.1', true);
    terminating.metadata.deletionTimestamp = '2024-01-01T00:00:00Z';
    const done = pod('d', '10.0.0.2', true);
    done.status!.phase = 'Succeeded';
    const other = pod('o', '10.0.0.4', true);
    other.metadata.labels = { app: 'other' };
    const ep = objectOf(reconcileEndpoints(makeService('web', labels), [terminating, done, pod('n', undefined, true), other], undefined)[0])!;
    expect(ep.subsets).toBeUndefined();
  });

  it('publishNotReadyAddresses lists every pod as ready', () => {
    const service = makeService('web', labels);
    service.spec.publishNotReadyAddresses = true;
    const ep = objectOf(reconcileEndpoints(service, [pod('a', '10.0.0.1', false)], undefined)[0])!;
    expect(ep.subsets?.[0].addresses?.map((a) => a.ip)).toEqual(['10.0.0.1']);
    expect(ep.subsets?.[0].notReadyAddresses).toBeUndefined();
  });

  it('does nothing for selector-less and ExternalName services', () => {
    expect(reconcileEndpoints(makeService('manual', undefined), [pod('a', '10.0.0.1', true)], undefined)).toEqual([]);
    const external = makeService('ext', labels);
    external.spec.type = 'ExternalName';
    expect(reconcileEndpoints(external, [pod('a', '10.0.0.1', true)], undefined)).toEqual([]);
  });

  it('is idempotent and updates only when membership or readiness changes', () => {
    const cluster = new FakeCluster();
    const service = makeService('web', labels);
    const pods = [pod('a', '10.0.0.1', true), pod('b', '10.0.0.2', false)];
    cluster.apply(reconcileEndpoints(service, pods, undefined), now);
    const stored = () => cluster.get<Endpoints>('Endpoints', 'default', 'web');
    expect(reconcileEndpoints(service, pods, stored())).toEqual([]);
    // A pod's resourceVersion in a targetRef is not a difference.
    const withVersion = stored()!;
    withVersion.subsets![0].addresses![0].targetRef!.resourceVersion = '99';
    expect(reconcileEndpoints(service, pods, withVersion)).toEqual([]);

    pods[1].status!.conditions = [{ type: 'Ready', status: 'True' }];
    const update = reconcileEndpoints(service, pods, stored());
    expect(update.map((a) => a.type)).toEqual(['update']);
    expect(objectOf(update[0])!.metadata.resourceVersion).toBe(stored()!.metadata.resourceVersion);
    cluster.apply(update, now);
    expect(stored()!.subsets?.[0].addresses?.map((a) => a.ip)).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(reconcileEndpoints(service, pods, stored())).toEqual([]);
  });

  it('labels headless services and keeps port-less addresses for them', () => {
    const service: Service = makeService('db', labels, []);
    service.spec.clusterIP = 'None';
    const ep = objectOf(reconcileEndpoints(service, [pod('a', '10.0.0.1', true, { hostname: 'db-0', subdomain: 'db' })], undefined)[0])!;
    expect(ep.metadata.labels).toEqual({ app: 'db', 'service.kubernetes.io/headless': '' });
    expect(ep.subsets).toEqual([{ addresses: [expect.objectContaining({ ip: '10.0.0.1', hostname: 'db-0' })] }]);
  });

  it('truncates beyond 1000 addresses, not-ready ones first, and says so', () => {
    const service = makeService('big', labels);
    const pods = Array.from({ length: 1005 }, (_, i) => pod(`p${i}`, `10.1.${Math.floor(i / 250)}.${i % 250}`, i >= 10));
    const ep = objectOf(reconcileEndpoints(service, pods, undefined)[0])!;
    expect(ep.metadata.annotations).toEqual({ 'endpoints.kubernetes.io/over-capacity': 'truncated' });
    expect(ep.subsets?.[0].addresses).toHaveLength(995);
    expect(ep.subsets?.[0].notReadyAddresses).toHaveLength(5);
    expect(truncateSubsets([{ addresses: [{ ip: '1' }, { ip: '2' }, { ip: '3' }] }], 2).subsets[0].addresses).toHaveLength(2);
  });
});

describe('endpointsToDelete', () => {
  it('deletes Endpoints whose Service is gone, but not leader-election locks', () => {
    const ep = (name: string, annotations?: Record<string, string>): Endpoints => ({ metadata: { name, namespace: 'default', uid: `uid-${name}`, annotations } });
    const actions = endpointsToDelete([makeService('web', labels)], [ep('web'), ep('gone'), ep('lock', { 'control-plane.alpha.kubernetes.io/leader': '{}' })]);
    expect(actions).toEqual([{ type: 'delete', kind: 'Endpoints', namespace: 'default', name: 'gone', uid: 'uid-gone', reason: 'Service default/gone no longer exists' }]);
  });
});
