import { decodeKubeProtobuf } from './decode';
import { encodeKubeProtobuf } from './test/encoder';

const roundTrip = (obj: Record<string, unknown>) => decodeKubeProtobuf(encodeKubeProtobuf(obj)).object;
const T = '2026-01-02T03:04:05Z';

describe('decodeKubeProtobuf round trips of what nodes and controllers write', () => {
  it('Pod with scheduling constraints, security contexts and a status', () => {
    const pod = {
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { name: 'p', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u', controller: true, blockOwnerDeletion: true }] },
      spec: {
        initContainers: [{ name: 'init', image: 'busybox', restartPolicy: 'Always' }],
        containers: [{ name: 'c', image: 'busybox', resources: {}, stdin: true, tty: true }],
        ephemeralContainers: [{ name: 'debug', image: 'busybox', targetContainerName: 'c' }],
        nodeName: 'n1',
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        serviceAccountName: 'default',
        automountServiceAccountToken: false,
        enableServiceLinks: true,
        priority: 0,
        hostNetwork: true,
        dnsConfig: { nameservers: ['1.1.1.1'], options: [{ name: 'ndots', value: '2' }] },
        hostAliases: [{ ip: '127.0.0.1', hostnames: ['foo'] }],
        securityContext: { runAsUser: 1000, fsGroup: 2000, supplementalGroups: [1, 2], sysctls: [{ name: 'net.ipv4.ip_forward', value: '1' }], seccompProfile: { type: 'RuntimeDefault' } },
        tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }, { operator: 'Exists' }],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] },
            preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n2'] }] } }],
          },
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' } }],
          },
        },
        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
        readinessGates: [{ conditionType: 'example.com/ready' }],
        os: { name: 'linux' },
      },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: T }],
        hostIP: '10.0.0.1',
        hostIPs: [{ ip: '10.0.0.1' }],
        podIP: '10.244.0.5',
        podIPs: [{ ip: '10.244.0.5' }],
        startTime: T,
        qosClass: 'BestEffort',
        containerStatuses: [
          {
            name: 'c',
            state: { running: { startedAt: T } },
            lastState: { terminated: { exitCode: 0, reason: 'Completed', startedAt: T, finishedAt: T, containerID: 'docker://1' } },
            ready: true,
            restartCount: 0,
            image: 'busybox',
            imageID: '',
            containerID: 'docker://2',
            started: true,
          },
        ],
      },
    };
    expect(roundTrip(pod)).toEqual(pod);
  });

  it('Node with taints and a kubelet status', () => {
    const node = {
      kind: 'Node',
      apiVersion: 'v1',
      metadata: { name: 'n1', labels: { 'kubernetes.io/hostname': 'n1' } },
      spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'], unschedulable: true, taints: [{ key: 'k', value: 'v', effect: 'NoSchedule', timeAdded: T }] },
      status: {
        capacity: { cpu: '2', memory: '4Gi', pods: '110' },
        allocatable: { cpu: '1900m', memory: '3Gi', pods: '110' },
        conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: T, lastTransitionTime: T, reason: 'KubeletReady', message: 'ok' }],
        addresses: [{ type: 'InternalIP', address: '10.0.0.1' }, { type: 'Hostname', address: 'n1' }],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        nodeInfo: {
          machineID: 'm', systemUUID: 's', bootID: 'b', kernelVersion: '6.1', osImage: 'Debian', containerRuntimeVersion: 'docker://27',
          kubeletVersion: 'v1.32.0', kubeProxyVersion: '', operatingSystem: 'linux', architecture: 'amd64',
        },
        images: [{ names: ['busybox:1.36'], sizeBytes: 4_300_000 }],
      },
    };
    expect(roundTrip(node)).toEqual(node);
  });

  it('Event with MicroTime and series', () => {
    const ev = {
      kind: 'Event',
      apiVersion: 'v1',
      metadata: { name: 'p.1', namespace: 'default' },
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'p', uid: 'u', apiVersion: 'v1', fieldPath: 'spec.containers{c}' },
      reason: 'Pulled',
      message: 'pulled',
      source: { component: 'kubelet', host: 'n1' },
      firstTimestamp: T,
      lastTimestamp: T,
      count: 2,
      type: 'Normal',
      eventTime: '2026-01-02T03:04:05.000001Z',
      series: { count: 2, lastObservedTime: '2026-01-02T03:04:06.500000Z' },
      reportingComponent: 'kubelet',
      reportingInstance: '',
    };
    expect(roundTrip(ev)).toEqual(ev);
  });

  it('Endpoints with ready and not-ready addresses', () => {
    const ep = {
      kind: 'Endpoints',
      apiVersion: 'v1',
      metadata: { name: 'svc', namespace: 'default' },
      subsets: [
        {
          addresses: [{ ip: '10.244.0.5', nodeName: 'n1', targetRef: { kind: 'Pod', namespace: 'default', name: 'p', uid: 'u' } }],
          notReadyAddresses: [{ ip: '10.244.0.6', hostname: 'h' }],
          ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        },
      ],
    };
    expect(roundTrip(ep)).toEqual(ep);
  });
});
