/**
 * Test support (not exported): an in-memory cluster that applies
 * ControllerActions roughly as the API does (names from generateName,
 * uids, resourceVersion checks, spec/status split, graceful pod deletion),
 * plus object builders. Lets specs run reconcilers step by step.
 */
import type { KubeObject } from '../api/meta';
import type { Deployment, Node, Pod, PodTemplateSpec, ReplicaSet, Service } from '../api/types';
import { deepEqual } from '../patch/json-value';
import { rfc3339 } from '../domain/timestamps';
import type { ControllerAction } from './actions';
import { clone } from './object-util';

export class FakeCluster {
  private readonly objects = new Map<string, KubeObject>();
  private seq = 0;
  /** With gracefulPods, a pod delete without gracePeriodSeconds 0 only sets deletionTimestamp. */
  gracefulPods = false;
  readonly log: ControllerAction[] = [];

  private key(kind: string, ns: string | undefined, name: string): string {
    return `${kind}/${ns ?? ''}/${name}`;
  }

  /** Store an object as if created at `now`; returns the stored copy. */
  add<T extends KubeObject>(kind: string, obj: T, now = new Date(0)): T {
    const o = clone(obj);
    o.kind = kind;
    o.metadata.uid = o.metadata.uid ?? `uid-${++this.seq}`;
    o.metadata.creationTimestamp = o.metadata.creationTimestamp ?? rfc3339(now);
    o.metadata.resourceVersion = String(++this.seq);
    if (['Deployment', 'ReplicaSet'].includes(kind)) o.metadata.generation = o.metadata.generation ?? 1;
    if (kind === 'ReplicaSet' && !o.status) (o as KubeObject).status = { replicas: 0 };
    if (kind === 'Pod' && !o.status) (o as KubeObject).status = { phase: 'Pending' };
    this.objects.set(this.key(kind, o.metadata.namespace, o.metadata.name!), o);
    return clone(o);
  }

  get<T extends KubeObject>(kind: string, ns: string | undefined, name: string): T | undefined {
    const o = this.objects.get(this.key(kind, ns, name));
    return o ? (clone(o) as T) : undefined;
  }

  list<T extends KubeObject>(kind: string, ns?: string): T[] {
    return [...this.objects.values()]
      .filter((o) => o.kind === kind && (ns === undefined || o.metadata.namespace === ns))
      .map((o) => clone(o) as T);
  }

  /** Replace an object directly (a user or kubelet write); bumps resourceVersion and, on spec change, generation. */
  put<T extends KubeObject>(obj: T): T {
    const k = this.key(obj.kind!, obj.metadata.namespace, obj.metadata.name!);
    const before = this.objects.get(k);
    const o = clone(obj);
    o.metadata.resourceVersion = String(++this.seq);
    if (before && ['Deployment', 'ReplicaSet'].includes(o.kind!) && !deepEqual(before.spec, o.spec)) o.metadata.generation = (before.metadata.generation ?? 1) + 1;
    this.objects.set(k, o);
    return clone(o);
  }

  remove(kind: string, ns: string | undefined, name: string): void {
    this.objects.delete(this.key(kind, ns, name));
  }

  /** Apply actions in order, as the executor would; throws on a resourceVersion or uid mismatch. */
  apply(actions: readonly ControllerAction[], now: Date): void {
    for (const a of actions) {
      this.log.push(a);
      if (a.type === 'create') {
        const obj = clone(a.object);
        obj.metadata.namespace = a.namespace;
        if (!obj.metadata.name) obj.metadata.name = `${obj.metadata.generateName}${(++this.seq).toString(36).padStart(5, 'x')}`;
        if (this.objects.has(this.key(a.kind, a.namespace, obj.metadata.name))) throw new Error(`AlreadyExists ${a.kind} ${obj.metadata.name}`);
        this.add(a.kind, obj, now);
        continue;
      }
      if (a.type === 'delete') {
        const k = this.key(a.kind, a.namespace, a.name);
        const current = this.objects.get(k);
        if (!current) throw new Error(`NotFound ${a.kind} ${a.name}`);
        if (a.uid && current.metadata.uid !== a.uid) throw new Error(`Conflict: uid precondition ${a.name}`);
        if (a.kind === 'Pod' && this.gracefulPods && a.gracePeriodSeconds !== 0) {
          if (!current.metadata.deletionTimestamp) this.put({ ...current, metadata: { ...current.metadata, deletionTimestamp: rfc3339(now) } });
        } else this.objects.delete(k);
        continue;
      }
      const ns = a.namespace ?? a.object.metadata.namespace;
      const k = this.key(a.kind, ns, a.object.metadata.name!);
      const current = this.objects.get(k);
      if (!current) throw new Error(`NotFound ${a.kind} ${a.object.metadata.name}`);
      const rv = a.object.metadata.resourceVersion;
      if (rv && rv !== current.metadata.resourceVersion) throw new Error(`Conflict ${a.kind} ${a.object.metadata.name}: ${rv} != ${current.metadata.resourceVersion}`);
      const next = clone(a.object);
      next.kind = a.kind;
      next.metadata.uid = current.metadata.uid;
      next.metadata.creationTimestamp = current.metadata.creationTimestamp;
      next.metadata.generation = current.metadata.generation;
      if (a.type === 'update') next.status = clone(current.status);
      else next.spec = clone(current.spec);
      this.put(next);
    }
  }

  /** Schedule, start and make ready every pending, not terminating pod (a kubelet's work), at `now`. */
  runPods(now: Date, node = 'node-1'): number {
    let n = 0;
    for (const pod of this.list<Pod>('Pod')) {
      if (pod.metadata.deletionTimestamp || pod.status?.phase === 'Running') continue;
      this.put(runningPod(pod, now, node));
      n++;
    }
    return n;
  }

  /** Finish graceful deletions: every terminating pod disappears (kubelet confirmed). */
  finishTerminating(): number {
    const terminating = this.list<Pod>('Pod').filter((p) => p.metadata.deletionTimestamp);
    for (const p of terminating) this.remove('Pod', p.metadata.namespace, p.metadata.name!);
    return terminating.length;
  }
}

let ipSeq = 0;

/** The pod as a kubelet reports it once running and ready at `now`. */
export function runningPod(pod: Pod, now: Date, node = 'node-1', ready = true): Pod {
  const at = rfc3339(now);
  return {
    ...pod,
    spec: { ...pod.spec, nodeName: pod.spec.nodeName ?? node },
    status: {
      ...pod.status,
      phase: 'Running',
      podIP: pod.status?.podIP ?? `10.0.0.${++ipSeq}`,
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: at }],
    },
  };
}

export function podTemplate(labels: Record<string, string>, image = 'nginx:1'): PodTemplateSpec {
  return { metadata: { labels }, spec: { containers: [{ name: 'app', image, ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }] } };
}

export function makeDeployment(name: string, replicas: number, extra: Partial<Deployment['spec']> = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', generation: 1 },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: podTemplate({ app: name }),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      ...extra,
    },
    status: {},
  };
}

export function makeReplicaSet(name: string, replicas: number, labels: Record<string, string> = { app: name }): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', generation: 1, labels: { ...labels } },
    spec: { replicas, selector: { matchLabels: labels }, template: podTemplate(labels) },
    status: { replicas: 0 },
  };
}

export function makePod(name: string, labels: Record<string, string>, extra: Partial<Pod> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels, uid: `uid-${name}`, creationTimestamp: '2024-01-01T00:00:00Z' },
    spec: { containers: [{ name: 'app', image: 'nginx:1' }] },
    status: { phase: 'Pending' },
    ...extra,
  };
}

export function makeNode(name: string, extra: Partial<Node> = {}): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, uid: `uid-${name}`, creationTimestamp: '2024-01-01T00:00:00Z', resourceVersion: '1' }, spec: {}, status: {}, ...extra };
}

export function makeService(name: string, selector: Record<string, string> | undefined, ports: Service['spec']['ports'] = [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }]): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', uid: `uid-svc-${name}`, labels: { app: name } }, spec: { selector, ports, clusterIP: '10.96.0.10', type: 'ClusterIP' } };
}
