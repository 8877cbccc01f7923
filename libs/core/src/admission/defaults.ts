/**
 * applyDefaults: an object as kube-apiserver holds it right after decoding
 * and defaulting, before validation. Besides the v1 SetDefaults_* functions
 * this includes the fields the registry fills before validating (a
 * Service's ipFamilies/ipFamilyPolicy, a Namespace's finalizer and name
 * label). Never mutates its input; idempotent.
 */
import type { KubeObject } from '../api/meta';
import type { ConfigMap, Deployment, Endpoints, KubeEvent, Lease, Namespace, Node, Pod, ReplicaSet, Service } from '../api/types';
import { parseIP } from './cidr';
import { defaultPod, defaultPodTemplate } from './defaults-pod';
import { isAdmissionKind } from './kinds';
import { asArray, asRecord, clone } from './util';

/** The label every namespace carries with its own name (kubernetes.io/metadata.name). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

type Obj = Record<string, unknown>;

/** ExternallyAccessible: NodePort, LoadBalancer, or ClusterIP with external IPs. */
export function externallyAccessible(spec: Service['spec'] | undefined): boolean {
  return spec?.type === 'LoadBalancer' || spec?.type === 'NodePort'
    || (spec?.type === 'ClusterIP' && asArray(spec.externalIPs).length > 0);
}

function defaultService(svc: Service): Service {
  const out = clone(svc);
  const spec = (out.spec = out.spec ?? {}) as Service['spec'] & Obj;
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = asRecord(spec.sessionAffinityConfig);
    if (!asRecord(cfg?.clientIP)?.timeoutSeconds) spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  if (!spec.type) spec.type = 'ClusterIP';
  for (const p of asArray<Obj>(spec.ports)) {
    if (!asRecord(p)) continue;
    if (!p.protocol) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (externallyAccessible(spec) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (!spec.internalTrafficPolicy && ['ClusterIP', 'NodePort', 'LoadBalancer'].includes(spec.type)) spec.internalTrafficPolicy = 'Cluster';
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === undefined) spec.allocateLoadBalancerNodePorts = true;
  if (spec.type !== 'ExternalName') defaultIPFamilies(spec);
  return out;
}

// What the service registry's initIPFamilyFields settles before validation,
// for a single-stack IPv4 cluster.
function defaultIPFamilies(spec: Service['spec']): void {
  const ips = asArray<string>(spec.clusterIPs).length ? asArray<string>(spec.clusterIPs) : spec.clusterIP ? [spec.clusterIP] : [];
  const headless = ips.length > 0 && ips[0] === 'None';
  if (headless && Object.keys(spec.selector ?? {}).length === 0) {
    if (!spec.ipFamilyPolicy) spec.ipFamilyPolicy = 'RequireDualStack';
    if (!asArray(spec.ipFamilies).length) spec.ipFamilies = ['IPv4'];
    if (spec.ipFamilies!.length < 2 && spec.ipFamilyPolicy !== 'SingleStack') {
      spec.ipFamilies = [...spec.ipFamilies!, spec.ipFamilies![0] === 'IPv4' ? 'IPv6' : 'IPv4'];
    }
    return;
  }
  if (!spec.ipFamilyPolicy) spec.ipFamilyPolicy = 'SingleStack';
  if (!asArray(spec.ipFamilies).length) {
    const fromIPs = headless ? [] : ips.map((ip) => parseIP(ip)?.family).filter((f): f is 'IPv4' | 'IPv6' => !!f);
    spec.ipFamilies = fromIPs.length ? fromIPs : ['IPv4'];
  }
}

function defaultDeployment(d: Deployment): Deployment {
  const out = clone(d);
  const spec = (out.spec = out.spec ?? ({} as Deployment['spec']));
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  const strategy = (spec.strategy = spec.strategy ?? {});
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate = strategy.rollingUpdate ?? {});
    if (ru.maxUnavailable === undefined || ru.maxUnavailable === null) ru.maxUnavailable = '25%';
    if (ru.maxSurge === undefined || ru.maxSurge === null) ru.maxSurge = '25%';
  }
  if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
  if (spec.progressDeadlineSeconds === undefined || spec.progressDeadlineSeconds === null) spec.progressDeadlineSeconds = 600;
  spec.template = defaultPodTemplate(spec.template);
  return out;
}

function defaultReplicaSet(rs: ReplicaSet): ReplicaSet {
  const out = clone(rs);
  const spec = (out.spec = out.spec ?? ({} as ReplicaSet['spec']));
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  spec.template = defaultPodTemplate(spec.template);
  return out;
}

function defaultNamespace(ns: Namespace): Namespace {
  const out = clone(ns);
  const name = out.metadata?.name;
  if (name) out.metadata.labels = { ...(out.metadata.labels ?? {}), [NAMESPACE_NAME_LABEL]: name };
  out.spec = { ...(out.spec ?? {}) };
  if (!out.spec.finalizers) out.spec.finalizers = ['kubernetes'];
  out.status = { ...(out.status ?? {}) };
  if (!out.status.phase) out.status.phase = 'Active';
  return out;
}

function defaultNode(node: Node): Node {
  const out = clone(node);
  const status = out.status;
  if (status?.capacity && !status.allocatable) status.allocatable = { ...status.capacity };
  return out;
}

function defaultEndpoints(ep: Endpoints): Endpoints {
  const out = clone(ep);
  for (const ss of asArray<Obj>(out.subsets)) {
    for (const p of asArray<Obj>(asRecord(ss)?.ports)) if (asRecord(p) && !p.protocol) p.protocol = 'TCP';
  }
  return out;
}

/**
 * The object with every default kube-apiserver 1.32 applies for its kind:
 * Pod, Deployment/ReplicaSet templates, Service, Namespace, Node status
 * allocatable, Endpoints ports. Event, ConfigMap and Lease have none that
 * show. Unknown kinds come back as an unchanged copy.
 */
export function applyDefaults<T extends KubeObject>(kind: string, obj: T): T {
  if (!isAdmissionKind(kind)) return clone(obj);
  switch (kind) {
    case 'Pod': return defaultPod(obj as unknown as Pod) as unknown as T;
    case 'Service': return defaultService(obj as unknown as Service) as unknown as T;
    case 'Deployment': return defaultDeployment(obj as unknown as Deployment) as unknown as T;
    case 'ReplicaSet': return defaultReplicaSet(obj as unknown as ReplicaSet) as unknown as T;
    case 'Namespace': return defaultNamespace(obj as unknown as Namespace) as unknown as T;
    case 'Node': return defaultNode(obj as unknown as Node) as unknown as T;
    case 'Endpoints': return defaultEndpoints(obj as unknown as Endpoints) as unknown as T;
    case 'ConfigMap': return clone(obj as unknown as ConfigMap) as unknown as T;
    case 'Event': return clone(obj as unknown as KubeEvent) as unknown as T;
    case 'Lease': return clone(obj as unknown as Lease) as unknown as T;
    default: {
      const never: never = kind;
      return never;
    }
  }
}
