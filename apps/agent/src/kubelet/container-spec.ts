/**
 * How a pod's container becomes a Docker container (pure): kube's command
 * and args map to Docker's entrypoint and cmd, env is resolved (literal
 * values with $(VAR) expansion, ConfigMap keys and the downward API fields
 * people use), limits become Docker's cpu and memory limits, and labels tie
 * the container to its pod so the agent finds (and adopts) it after a
 * restart.
 */
import { quantityValue, type Container, type Pod } from '@chronokube/core';

export const LABEL_POD_UID = 'io.kubernetes.pod.uid';
export const LABEL_POD_NAME = 'io.kubernetes.pod.name';
export const LABEL_POD_NAMESPACE = 'io.kubernetes.pod.namespace';
export const LABEL_CONTAINER = 'io.kubernetes.container.name';
export const LABEL_NODE = 'chronokube.node';
export const LABEL_ATTEMPT = 'chronokube.attempt';
/** The sandbox's container name label value, as dockershim named it. */
export const SANDBOX = 'POD';

/** What env resolution may read besides the pod: ConfigMaps of its namespace, and the pod's IPs. */
export interface EnvSources {
  configMap(name: string): Record<string, string> | undefined;
  podIP?: string;
  hostIP?: string;
}

/** A value the pod cannot start with (kube: CreateContainerConfigError). */
export class ContainerConfigError extends Error {}

const FIELD_PATHS: Record<string, (pod: Pod, s: EnvSources) => string | undefined> = {
  'metadata.name': (p) => p.metadata.name,
  'metadata.namespace': (p) => p.metadata.namespace,
  'metadata.uid': (p) => p.metadata.uid,
  'spec.nodeName': (p) => p.spec.nodeName,
  'spec.serviceAccountName': (p) => p.spec.serviceAccountName ?? 'default',
  'status.podIP': (_, s) => s.podIP,
  'status.hostIP': (_, s) => s.hostIP,
};

/** Whether the container's env reads the pod IP, which exists only once its sandbox runs. */
export function needsPodIP(c: Container): boolean {
  return ((c.env as EnvVarSpec[] | undefined) ?? []).some((e) => e.valueFrom?.fieldRef?.fieldPath === 'status.podIP');
}

/** kube's $(VAR) expansion: known names are replaced, $$ escapes, unknown references stay as written. */
export function expandVars(text: string, vars: ReadonlyMap<string, string>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name: string | undefined) => {
    if (m === '$$') return '$';
    return name !== undefined && vars.has(name) ? vars.get(name)! : m;
  });
}

interface EnvVarSpec {
  name: string;
  value?: string;
  valueFrom?: {
    fieldRef?: { fieldPath: string };
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
  };
}

/** The container's environment in order (envFrom first, then env), as NAME=value strings. */
export function resolveEnv(pod: Pod, c: Container, sources: EnvSources): string[] {
  const vars = new Map<string, string>();
  for (const from of (c.envFrom as { configMapRef?: { name: string; optional?: boolean }; prefix?: string }[] | undefined) ?? []) {
    if (!from.configMapRef) continue;
    const data = sources.configMap(from.configMapRef.name);
    if (!data) {
      if (from.configMapRef.optional) continue;
      throw new ContainerConfigError(`configmap "${from.configMapRef.name}" not found`);
    }
    for (const [k, v] of Object.entries(data)) vars.set(`${from.prefix ?? ''}${k}`, v);
  }
  for (const e of (c.env as EnvVarSpec[] | undefined) ?? []) {
    if (e.valueFrom?.fieldRef) {
      const get = FIELD_PATHS[e.valueFrom.fieldRef.fieldPath];
      if (!get) throw new ContainerConfigError(`unsupported fieldPath "${e.valueFrom.fieldRef.fieldPath}" for env ${e.name}`);
      vars.set(e.name, get(pod, sources) ?? '');
    } else if (e.valueFrom?.configMapKeyRef) {
      const ref = e.valueFrom.configMapKeyRef;
      const data = sources.configMap(ref.name);
      const value = data?.[ref.key];
      if (value === undefined) {
        if (ref.optional) continue;
        throw new ContainerConfigError(data ? `couldn't find key ${ref.key} in ConfigMap ${pod.metadata.namespace}/${ref.name}` : `configmap "${ref.name}" not found`);
      }
      vars.set(e.name, value);
    } else vars.set(e.name, expandVars(e.value ?? '', vars));
  }
  return [...vars].map(([k, v]) => `${k}=${v}`);
}

/** kube's default pull policy: Always for :latest or no tag, else IfNotPresent. */
export function pullPolicy(c: Container): 'Always' | 'IfNotPresent' | 'Never' {
  if (c.imagePullPolicy) return c.imagePullPolicy;
  const image = c.image ?? '';
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  if (image.includes('@')) return 'IfNotPresent';
  return !lastPart.includes(':') || lastPart.endsWith(':latest') ? 'Always' : 'IfNotPresent';
}

/** Labels common to every container of the pod on this node. */
export function podLabels(pod: Pod, node: string): Record<string, string> {
  return {
    [LABEL_POD_UID]: pod.metadata.uid ?? '',
    [LABEL_POD_NAME]: pod.metadata.name ?? '',
    [LABEL_POD_NAMESPACE]: pod.metadata.namespace ?? 'default',
    [LABEL_NODE]: node,
  };
}

/** Docker's name for a container instance, after dockershim's k8s_<container>_<pod>_<ns>_<uid>_<attempt>. */
export function dockerName(pod: Pod, container: string, attempt: number): string {
  return `k8s_${container}_${pod.metadata.name}_${pod.metadata.namespace}_${pod.metadata.uid}_${attempt}`;
}

/** The Docker create options of one app or init container, joined to the sandbox's network namespace. */
export function containerCreateOptions(pod: Pod, c: Container, node: string, sandboxId: string, attempt: number, env: string[]): Record<string, unknown> {
  const limits = (c.resources?.limits ?? {}) as Record<string, unknown>;
  const host: Record<string, unknown> = { NetworkMode: `container:${sandboxId}`, IpcMode: `container:${sandboxId}`, PidMode: '' };
  if (limits.memory !== undefined) host.Memory = Math.max(6 * 1024 * 1024, quantityValue('memory', limits.memory));
  if (limits.cpu !== undefined) host.NanoCpus = Math.max(1_000_000, quantityValue('cpu', limits.cpu) * 1_000_000);
  return {
    name: dockerName(pod, c.name, attempt),
    Image: c.image,
    ...(c.command ? { Entrypoint: c.command } : {}),
    ...(c.args ? { Cmd: c.args } : {}),
    ...(c.workingDir ? { WorkingDir: c.workingDir } : {}),
    Env: env,
    Labels: { ...podLabels(pod, node), [LABEL_CONTAINER]: c.name, [LABEL_ATTEMPT]: String(attempt) },
    HostConfig: host,
  };
}

/** The sandbox: a pause-like busybox process holding the pod's network namespace, named after the pod. */
export function sandboxCreateOptions(pod: Pod, node: string, image: string, attempt: number): Record<string, unknown> {
  return {
    name: dockerName(pod, SANDBOX, attempt),
    Image: image,
    Hostname: (pod.metadata.name ?? 'pod').slice(0, 63),
    Entrypoint: ['sh', '-c', "trap 'exit 0' TERM INT; while :; do sleep 3600 & wait $!; done"],
    Labels: { ...podLabels(pod, node), [LABEL_CONTAINER]: SANDBOX, [LABEL_ATTEMPT]: String(attempt) },
    // The pod's containers join its IPC namespace too, as they do a pause container's.
    HostConfig: { IpcMode: 'shareable' },
  };
}
