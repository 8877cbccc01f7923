import { decodeKubeProtobuf } from './decode';
import { encodeKubeProtobuf } from './test/encoder';

const roundTrip = (obj: Record<string, unknown>) => decodeKubeProtobuf(encodeKubeProtobuf(obj)).object;

const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  namespace: 'default',
  uid: 'c0ffee',
  resourceVersion: '42',
  generation: 3,
  creationTimestamp: '2026-01-02T03:04:05Z',
  labels: { app: name },
  annotations: { note: 'x' },
  ...extra,
});

describe('decodeKubeProtobuf round trips', () => {
  it('ConfigMap with data, binaryData and immutable: false', () => {
    const cm = {
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: meta('cm', { finalizers: ['a/b'], ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'u', controller: true }] }),
      data: { a: '1', empty: '', 'multi.line': 'x\ny' },
      binaryData: { blob: Buffer.from([0, 255, 128, 10]).toString('base64') },
      immutable: false,
    };
    expect(roundTrip(cm)).toEqual(cm);
  });

  it('Deployment with template, containers, ports, env, resources, probes and volumes', () => {
    const deploy = {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: meta('web'),
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe'] }] },
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'web' } },
          spec: {
            containers: [
              {
                name: 'web',
                image: 'busybox:1.36',
                command: ['sh', '-c'],
                args: ['httpd -f'],
                ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
                env: [
                  { name: 'A', value: 'b' },
                  { name: 'EMPTY' },
                  { name: 'POD', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
                  { name: 'CM', valueFrom: { configMapKeyRef: { name: 'cm', key: 'a', optional: false } } },
                  { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
                ],
                envFrom: [{ prefix: 'X_', configMapRef: { name: 'cm' } }, { secretRef: { name: 's', optional: true } }],
                resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '100m' } },
                volumeMounts: [{ name: 'data', mountPath: '/data', readOnly: true }],
                livenessProbe: { httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' }, periodSeconds: 10 },
                readinessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 1 },
                startupProbe: { exec: { command: ['true'] }, failureThreshold: 30 },
                lifecycle: { preStop: { sleep: { seconds: 5 } } },
                imagePullPolicy: 'IfNotPresent',
                securityContext: { runAsUser: 0, runAsNonRoot: false, capabilities: { drop: ['ALL'] } },
              },
            ],
            volumes: [
              { name: 'data', emptyDir: { sizeLimit: '1Gi' } },
              { name: 'cfg', configMap: { name: 'cm', items: [{ key: 'a', path: 'a.txt', mode: 420 }], defaultMode: 420 } },
              { name: 'host', hostPath: { path: '/tmp', type: 'Directory' } },
              { name: 'sec', secret: { secretName: 's', optional: true } },
              { name: 'claim', persistentVolumeClaim: { claimName: 'pvc' } },
              { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
              {
                name: 'proj',
                projected: {
                  sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }, { configMap: { name: 'cm' } }],
                },
              },
            ],
            terminationGracePeriodSeconds: 0,
            restartPolicy: 'Always',
          },
        },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: 1 } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
      status: {
        observedGeneration: 3,
        replicas: 2,
        readyReplicas: 1,
        conditions: [{ type: 'Available', status: 'False', lastUpdateTime: '2026-01-02T03:04:05Z', reason: 'MinimumReplicasUnavailable' }],
      },
    };
    expect(roundTrip(deploy)).toEqual(deploy);
  });

  it('Service with IntOrString target ports, by number and by name', () => {
    const svc = {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: meta('svc'),
      spec: {
        ports: [
          { name: 'http', protocol: 'TCP', port: 80, targetPort: 8080, nodePort: 30080 },
          { name: 'metrics', protocol: 'TCP', port: 9090, targetPort: 'metrics' },
        ],
        selector: { app: 'web' },
        clusterIP: '10.0.0.10',
        clusterIPs: ['10.0.0.10'],
        type: 'NodePort',
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        internalTrafficPolicy: 'Cluster',
      },
      status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } },
    };
    expect(roundTrip(svc)).toEqual(svc);
  });

  it('Namespace with finalizers and status', () => {
    const ns = {
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: { name: 'demo', creationTimestamp: '2026-01-02T03:04:05Z', deletionTimestamp: '2026-01-03T00:00:00Z' },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Terminating', conditions: [{ type: 'NamespaceDeletionContentFailure', status: 'False' }] },
    };
    expect(roundTrip(ns)).toEqual(ns);
  });

  it('Scale keeps replicas: 0', () => {
    const scale = {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name: 'web', namespace: 'default', resourceVersion: '5' },
      spec: { replicas: 0 },
      status: { replicas: 3, selector: 'app=web' },
    };
    expect(roundTrip(scale)).toEqual(scale);
  });

  it.each(['v1', 'meta.k8s.io/v1', 'apps/v1'])('DeleteOptions labelled %s', (apiVersion) => {
    const opts = {
      kind: 'DeleteOptions',
      apiVersion,
      gracePeriodSeconds: 0,
      preconditions: { uid: 'c0ffee', resourceVersion: '7' },
      orphanDependents: false,
      propagationPolicy: 'Foreground',
      dryRun: ['All'],
    };
    expect(roundTrip(opts)).toEqual(opts);
  });

  it('Lease with MicroTime renewals', () => {
    const lease = {
      kind: 'Lease',
      apiVersion: 'coordination.k8s.io/v1',
      metadata: meta('node-1'),
      spec: {
        holderIdentity: 'node-1',
        leaseDurationSeconds: 40,
        renewTime: '2026-01-02T03:04:05.123456Z',
        acquireTime: '2026-01-02T03:00:00.000000Z',
        leaseTransitions: 0,
      },
    };
    expect(roundTrip(lease)).toEqual(lease);
  });

  it('Binding to a node', () => {
    const b = { kind: 'Binding', apiVersion: 'v1', metadata: { name: 'p', namespace: 'default' }, target: { kind: 'Node', name: 'n1' } };
    expect(roundTrip(b)).toEqual(b);
  });

  it('ReplicaSet keeps status.replicas: 0', () => {
    const rs = {
      kind: 'ReplicaSet',
      apiVersion: 'apps/v1',
      metadata: meta('web-abc'),
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: {}, spec: { containers: [{ name: 'c' }] } } },
      status: { replicas: 0 },
    };
    expect(roundTrip(rs)).toEqual(rs);
  });
});
