import type { Deployment, Namespace, Node, Pod, ReplicaSet, Service, Endpoints } from '../api/types';
import { applyDefaults, NAMESPACE_NAME_LABEL } from './defaults';
import { defaultPullPolicy } from './defaults-pod';

const pod = (spec: Partial<Pod['spec']> = {}): Pod => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27' }], ...spec },
});

describe('pull policy', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['registry:5000/team/nginx', 'Always'],
    ['registry:5000/team/nginx:1.2', 'IfNotPresent'],
    ['nginx:1.27', 'IfNotPresent'],
    ['nginx@sha256:abc', 'IfNotPresent'],
    ['nginx:latest@sha256:abc', 'Always'],
    ['', 'IfNotPresent'],
  ])('%s -> %s', (image, policy) => {
    expect(defaultPullPolicy(image)).toBe(policy);
  });
});

describe('Pod defaults', () => {
  const out = applyDefaults('Pod', pod({
    containers: [{
      name: 'c', image: 'nginx', ports: [{ containerPort: 80 }],
      livenessProbe: { httpGet: { port: 80 } },
      resources: { limits: { cpu: '1', memory: '1Gi' } },
    }],
  }));

  it('fills the pod spec defaults kube shows', () => {
    const s = out.spec;
    expect(s.restartPolicy).toBe('Always');
    expect(s.dnsPolicy).toBe('ClusterFirst');
    expect(s.terminationGracePeriodSeconds).toBe(30);
    expect(s.schedulerName).toBe('default-scheduler');
    expect(s.securityContext).toEqual({});
    expect(s.enableServiceLinks).toBe(true);
    expect(s.priority).toBe(0);
    expect(s.preemptionPolicy).toBe('PreemptLowerPriority');
    expect(s.serviceAccountName).toBe('default');
    expect(s.serviceAccount).toBe('default');
  });

  it('fills container defaults', () => {
    const c = out.spec.containers[0];
    expect(c.imagePullPolicy).toBe('Always');
    expect(c.terminationMessagePath).toBe('/dev/termination-log');
    expect(c.terminationMessagePolicy).toBe('File');
    expect(c.ports?.[0].protocol).toBe('TCP');
    expect(c.livenessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
  });

  it('defaults requests to limits and computes Guaranteed QoS', () => {
    expect(out.spec.containers[0].resources).toEqual({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } });
    expect(out.status).toEqual({ phase: 'Pending', qosClass: 'Guaranteed' });
  });

  it('adds the DefaultTolerationSeconds tolerations once', () => {
    expect(out.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    expect(applyDefaults('Pod', out).spec.tolerations).toHaveLength(2);
    const tolerateAll = applyDefaults('Pod', pod({ tolerations: [{ operator: 'Exists' }] }));
    expect(tolerateAll.spec.tolerations).toEqual([{ operator: 'Exists' }]);
  });

  it('gives an empty resources object and BestEffort when nothing is asked', () => {
    const p = applyDefaults('Pod', pod());
    expect(p.spec.containers[0].resources).toEqual({});
    expect(p.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
    expect(p.status?.qosClass).toBe('BestEffort');
  });

  it('is Burstable when requests differ from limits', () => {
    const p = applyDefaults('Pod', pod({ containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '100m' }, limits: { cpu: '200m', memory: '1Gi' } } }] }));
    expect(p.status?.qosClass).toBe('Burstable');
  });

  it('treats 1 and 1000m as equal when judging Guaranteed', () => {
    const p = applyDefaults('Pod', pod({ containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '1000m', memory: '1024Mi' }, limits: { cpu: '1', memory: '1Gi' } } }] }));
    expect(p.status?.qosClass).toBe('Guaranteed');
  });

  it('copies container ports to host ports under hostNetwork', () => {
    const p = applyDefaults('Pod', pod({ hostNetwork: true, containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 8080 }] }] }));
    expect(p.spec.containers[0].ports?.[0].hostPort).toBe(8080);
  });

  it('turns a sourceless volume into emptyDir and sets file modes', () => {
    const p = applyDefaults('Pod', pod({ volumes: [{ name: 'scratch' }, { name: 'cfg', configMap: { name: 'c' } }] }));
    expect(p.spec.volumes).toEqual([{ name: 'scratch', emptyDir: {} }, { name: 'cfg', configMap: { name: 'c', defaultMode: 420 } }]);
  });

  it('knows the system priority classes', () => {
    expect(applyDefaults('Pod', pod({ priorityClassName: 'system-node-critical' })).spec.priority).toBe(2000001000);
  });

  it('never mutates its input and is idempotent', () => {
    const input = pod();
    const snapshot = JSON.stringify(input);
    const once = applyDefaults('Pod', input);
    expect(JSON.stringify(input)).toBe(snapshot);
    expect(applyDefaults('Pod', once)).toEqual(once);
  });
});

describe('Deployment and ReplicaSet defaults', () => {
  const d: Deployment = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  };

  it('fills replicas, strategy, history and deadline', () => {
    const out = applyDefaults('Deployment', d);
    expect(out.spec.replicas).toBe(1);
    expect(out.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    expect(out.spec.revisionHistoryLimit).toBe(10);
    expect(out.spec.progressDeadlineSeconds).toBe(600);
  });

  it('defaults the template like a pod spec but without pod-only fields', () => {
    const t = applyDefaults('Deployment', d).spec.template.spec;
    expect(t.restartPolicy).toBe('Always');
    expect(t.containers[0].imagePullPolicy).toBe('Always');
    expect(t.enableServiceLinks).toBeUndefined();
    expect(t.priority).toBeUndefined();
    expect(t.tolerations).toBeUndefined();
  });

  it('keeps an explicit Recreate strategy and zero replicas', () => {
    const out = applyDefaults('Deployment', { ...d, spec: { ...d.spec, replicas: 0, strategy: { type: 'Recreate' } } });
    expect(out.spec.replicas).toBe(0);
    expect(out.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('ReplicaSet gets replicas and template defaults', () => {
    const rs: ReplicaSet = { metadata: { name: 'r' }, spec: { selector: {}, template: { spec: { containers: [{ name: 'c', image: 'x:1' }] } } } };
    const out = applyDefaults('ReplicaSet', rs);
    expect(out.spec.replicas).toBe(1);
    expect(out.spec.template?.spec.dnsPolicy).toBe('ClusterFirst');
  });
});

describe('Service defaults', () => {
  const svc = (spec: Partial<Service['spec']>): Service => ({ metadata: { name: 's', namespace: 'default' }, spec: { ports: [{ port: 80 }], ...spec } });

  it('ClusterIP service', () => {
    const s = applyDefaults('Service', svc({})).spec;
    expect(s).toEqual({
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], type: 'ClusterIP', sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster', ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'],
    });
  });

  it('keeps a named target port and adds externalTrafficPolicy for NodePort', () => {
    const s = applyDefaults('Service', svc({ type: 'NodePort', ports: [{ port: 80, targetPort: 'http' }] })).spec;
    expect(s.ports?.[0].targetPort).toBe('http');
    expect(s.externalTrafficPolicy).toBe('Cluster');
  });

  it('LoadBalancer allocates node ports by default; ClientIP gets a timeout', () => {
    const s = applyDefaults('Service', svc({ type: 'LoadBalancer', sessionAffinity: 'ClientIP' })).spec;
    expect(s.allocateLoadBalancerNodePorts).toBe(true);
    expect(s.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
  });

  it('ExternalName gets no IP families and no internalTrafficPolicy', () => {
    const s = applyDefaults('Service', svc({ type: 'ExternalName', externalName: 'example.com' })).spec;
    expect(s.ipFamilies).toBeUndefined();
    expect(s.ipFamilyPolicy).toBeUndefined();
    expect(s.internalTrafficPolicy).toBeUndefined();
  });

  it('a headless service without selector asks for both families', () => {
    const s = applyDefaults('Service', svc({ clusterIP: 'None' })).spec;
    expect(s.ipFamilyPolicy).toBe('RequireDualStack');
    expect(s.ipFamilies).toEqual(['IPv4', 'IPv6']);
    const withSelector = applyDefaults('Service', svc({ clusterIP: 'None', selector: { app: 'x' } })).spec;
    expect(withSelector.ipFamilyPolicy).toBe('SingleStack');
  });
});

describe('other kinds', () => {
  it('Namespace: name label, kubernetes finalizer, Active', () => {
    const out = applyDefaults('Namespace', { metadata: { name: 'team', labels: { a: 'b' } } } as Namespace);
    expect(out.metadata.labels).toEqual({ a: 'b', [NAMESPACE_NAME_LABEL]: 'team' });
    expect(out.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(out.status).toEqual({ phase: 'Active' });
  });

  it('Node: allocatable defaults to capacity', () => {
    const out = applyDefaults('Node', { metadata: { name: 'n' }, status: { capacity: { cpu: '4' } } } as Node);
    expect(out.status?.allocatable).toEqual({ cpu: '4' });
    const explicit = applyDefaults('Node', { metadata: { name: 'n' }, status: { capacity: { cpu: '4' }, allocatable: { cpu: '3' } } } as Node);
    expect(explicit.status?.allocatable).toEqual({ cpu: '3' });
  });

  it('Endpoints: ports default to TCP', () => {
    const out = applyDefaults('Endpoints', { metadata: { name: 'e' }, subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }] } as Endpoints);
    expect(out.subsets?.[0].ports?.[0].protocol).toBe('TCP');
  });

  it('ConfigMap, Event, Lease and unknown kinds come back unchanged', () => {
    for (const kind of ['ConfigMap', 'Event', 'Lease', 'Widget']) {
      const obj = { metadata: { name: 'x' }, data: { a: '1' } };
      const out = applyDefaults(kind, obj);
      expect(out).toEqual(obj);
      expect(out).not.toBe(obj);
    }
  });
});
