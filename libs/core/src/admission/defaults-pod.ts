/**
 * Defaulting of pod specs, the way a v1 Pod or pod template reads after
 * kube-apiserver decodes it (SetDefaults_PodSpec, _Container, _Probe, ...),
 * and the extra defaults only a Pod gets: SetDefaults_Pod plus what the
 * default admission plugins add (ServiceAccount name, Priority,
 * DefaultTolerationSeconds) and the status the pod strategy sets on create.
 * Every function returns a new object.
 */
import type { Container, Pod, PodSpec, PodTemplateSpec, Toleration } from '../api/types';
import { computeQOSClass } from './qos';
import { asArray, asRecord, clone } from './util';

type Obj = Record<string, unknown>;

/**
 * The pull policy kube picks when none is given: Always for `:latest` or an
 * untagged image (which means latest), IfNotPresent otherwise, including
 * digest-pinned images.
 */
export function defaultPullPolicy(image: string | undefined): 'Always' | 'IfNotPresent' {
  if (!image) return 'IfNotPresent';
  const at = image.indexOf('@');
  const ref = at >= 0 ? image.slice(0, at) : image;
  const lastComponent = ref.slice(ref.lastIndexOf('/') + 1);
  const colon = lastComponent.indexOf(':');
  const tag = colon >= 0 ? lastComponent.slice(colon + 1) : at >= 0 ? '' : 'latest';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultHandler(h: unknown): void {
  const httpGet = asRecord(asRecord(h)?.httpGet);
  if (!httpGet) return;
  if (!httpGet.path) httpGet.path = '/';
  if (!httpGet.scheme) httpGet.scheme = 'HTTP';
}

function defaultProbe(p: unknown): void {
  const probe = asRecord(p);
  if (!probe) return;
  defaultHandler(probe);
  if (!probe.timeoutSeconds) probe.timeoutSeconds = 1;
  if (!probe.periodSeconds) probe.periodSeconds = 10;
  if (!probe.successThreshold) probe.successThreshold = 1;
  if (!probe.failureThreshold) probe.failureThreshold = 3;
}

function defaultFieldRef(ref: unknown): void {
  const r = asRecord(ref);
  if (r && !r.apiVersion) r.apiVersion = 'v1';
}

// Mutates a container that is already a private copy.
function defaultContainerInPlace(c: Obj): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultPullPolicy(typeof c.image === 'string' ? c.image : undefined);
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  // ResourceRequirements is a struct, not a pointer: v1 JSON always shows it.
  if (!asRecord(c.resources)) c.resources = {};
  for (const p of asArray<Obj>(c.ports)) if (asRecord(p) && !p.protocol) p.protocol = 'TCP';
  for (const e of asArray<Obj>(c.env)) defaultFieldRef(asRecord(asRecord(e)?.valueFrom)?.fieldRef);
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  const lifecycle = asRecord(c.lifecycle);
  if (lifecycle) {
    defaultHandler(lifecycle.postStart);
    defaultHandler(lifecycle.preStop);
  }
}

/** SetDefaults_Container and the defaults of everything inside a container. */
export function defaultContainer(c: Container): Container {
  const out = clone(c) as unknown as Obj;
  defaultContainerInPlace(out);
  return out as unknown as Container;
}

const VOLUME_SOURCES_WITH_MODE = ['secret', 'configMap', 'downwardAPI', 'projected'];

function defaultVolumeInPlace(v: Obj): void {
  const sources = Object.keys(v).filter((k) => k !== 'name' && v[k] !== undefined && v[k] !== null);
  // A volume that names no source is an emptyDir (SetDefaults_Volume).
  if (sources.length === 0) v.emptyDir = {};
  for (const s of VOLUME_SOURCES_WITH_MODE) {
    const src = asRecord(v[s]);
    if (src && src.defaultMode === undefined) src.defaultMode = 420;
  }
  const hostPath = asRecord(v.hostPath);
  if (hostPath && hostPath.type === undefined) hostPath.type = '';
  for (const item of asArray<Obj>(asRecord(v.downwardAPI)?.items)) defaultFieldRef(asRecord(item)?.fieldRef);
  for (const src of asArray<Obj>(asRecord(v.projected)?.sources)) {
    const token = asRecord(asRecord(src)?.serviceAccountToken);
    if (token && token.expirationSeconds === undefined) token.expirationSeconds = 3600;
    for (const item of asArray<Obj>(asRecord(asRecord(src)?.downwardAPI)?.items)) defaultFieldRef(asRecord(item)?.fieldRef);
  }
}

function defaultPodSpecInPlace(s: Obj): void {
  if (!s.dnsPolicy) s.dnsPolicy = 'ClusterFirst';
  if (!s.restartPolicy) s.restartPolicy = 'Always';
  if (!asRecord(s.securityContext)) s.securityContext = {};
  if (s.terminationGracePeriodSeconds === undefined || s.terminationGracePeriodSeconds === null) s.terminationGracePeriodSeconds = 30;
  if (!s.schedulerName) s.schedulerName = 'default-scheduler';
  // v1 conversion mirrors the name into the deprecated serviceAccount field.
  if (!s.serviceAccountName && typeof s.serviceAccount === 'string' && s.serviceAccount) s.serviceAccountName = s.serviceAccount;
  if (s.serviceAccountName) s.serviceAccount = s.serviceAccountName;
  for (const c of [...asArray<Obj>(s.containers), ...asArray<Obj>(s.initContainers)]) if (asRecord(c)) defaultContainerInPlace(c);
  for (const v of asArray<Obj>(s.volumes)) if (asRecord(v)) defaultVolumeInPlace(v);
}

/** SetDefaults_PodSpec with its containers and volumes: what pods and pod templates share. */
export function defaultPodSpec(spec: PodSpec): PodSpec {
  const out = clone(spec ?? { containers: [] }) as unknown as Obj;
  defaultPodSpecInPlace(out);
  return out as unknown as PodSpec;
}

/** A pod template (Deployment, ReplicaSet): spec defaults only, no pod-only ones. */
export function defaultPodTemplate(tpl: PodTemplateSpec | undefined): PodTemplateSpec {
  const out = clone(tpl ?? { spec: { containers: [] } });
  out.spec = defaultPodSpec(out.spec);
  return out;
}

/** Built-in PriorityClasses; others need PriorityClass objects chronokube does not serve. */
export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-cluster-critical': 2000000000,
  'system-node-critical': 2000001000,
};

const DEFAULT_TOLERATED_TAINTS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

function toleratesNoExecute(tolerations: Toleration[], key: string): boolean {
  return tolerations.some((t) => (t.effect === undefined || t.effect === 'NoExecute')
    && (t.key === key || ((t.key === undefined || t.key === '') && t.operator === 'Exists')));
}

/**
 * Everything a new Pod gets before validation: the spec defaults, requests
 * defaulted to limits, enableServiceLinks, host ports under hostNetwork, the
 * `default` service account, priority from the Priority plugin, the 300s
 * not-ready/unreachable tolerations of DefaultTolerationSeconds, and status
 * phase Pending with its QoS class when not already set.
 */
export function defaultPod(pod: Pod): Pod {
  const out = clone(pod);
  const spec = (out.spec = defaultPodSpec(out.spec)) as unknown as Obj;
  const containers = [...asArray<Obj>(spec.containers), ...asArray<Obj>(spec.initContainers)];
  for (const c of containers) {
    const res = asRecord(c?.resources);
    const limits = asRecord(res?.limits);
    if (!res || !limits) continue;
    const requests = (res.requests = asRecord(res.requests) ?? {});
    for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
  }
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  if (spec.hostNetwork === true) {
    for (const c of containers) for (const p of asArray<Obj>(c?.ports)) if (asRecord(p) && !p.hostPort) p.hostPort = p.containerPort;
  }
  if (!spec.serviceAccountName) spec.serviceAccountName = spec.serviceAccount = 'default';
  if (spec.priority === undefined || spec.priority === null) {
    spec.priority = SYSTEM_PRIORITY_CLASSES[String(spec.priorityClassName ?? '')] ?? 0;
  }
  if (!spec.preemptionPolicy) spec.preemptionPolicy = 'PreemptLowerPriority';
  const tolerations = asArray<Toleration>(spec.tolerations);
  const added = DEFAULT_TOLERATED_TAINTS.filter((key) => !toleratesNoExecute(tolerations, key))
    .map((key): Toleration => ({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }));
  if (added.length) spec.tolerations = [...tolerations, ...added];
  const status = (out.status = { ...(out.status ?? {}) });
  if (!status.phase) status.phase = 'Pending';
  if (!status.qosClass) status.qosClass = computeQOSClass(out.spec);
  return out;
}
