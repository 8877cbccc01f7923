/**
 * A long, realistic event log for bench/history, made through the same
 * deciders the API server uses (decide + evolve from libs/core), never as
 * hand-written rows: nodes heartbeat and renew their Leases, users edit
 * ConfigMaps and scale Deployments, pods are deleted and replaced by the
 * ReplicaSet controller, bound by the scheduler and started by a kubelet.
 * Every event carries the metadata the real components write (actor, verb,
 * correlationId, causationId), so why-chains and audit queries have real
 * shapes to walk. Deterministic for a seed.
 */
import {
  RESOURCES,
  decide,
  evolve,
  eventType,
  seededRandom,
  streamName,
  type DomainEvent,
  type EventMetadata,
  type KubeObject,
  type ObjectCommand,
  type ResourceInfo,
} from '@chronokube/core';

/** One append: consecutive events of one stream. */
export interface Episode {
  stream: string;
  events: GeneratedEvent[];
}

export interface GeneratedEvent {
  id: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

export interface GenerateOptions {
  /** Events to generate in all (creations included). */
  events: number;
  /** Objects alive at any time (about). */
  objects: number;
  seed?: number;
}

const KIND = new Map(RESOURCES.map((r) => [r.kind, r]));
const USERS = ['alice', 'bob', 'carol', 'dave'];
const START_MS = Date.parse('2026-11-01T00:00:00Z');

interface Live {
  resource: ResourceInfo;
  namespace?: string;
  name: string;
  object: KubeObject | undefined;
}

/** The generator's world: objects as the deciders left them, plus ids and time. */
class World {
  readonly random: () => number;
  private counter = 0;
  private clockMs = START_MS;
  readonly live = new Map<string, Live>();
  emitted = 0;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  id(): string {
    const n = (++this.counter).toString(16).padStart(12, '0');
    const r = Math.floor(this.random() * 0xffffffff).toString(16).padStart(8, '0');
    return `${r}-0000-4000-8000-${n}`;
  }

  now(): Date {
    this.clockMs += 10 + Math.floor(this.random() * 20);
    return new Date(this.clockMs);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  /** Decides one command for an object and folds its events; returns them with metadata. */
  run(key: string, command: (current: KubeObject | undefined) => ObjectCommand, meta: Omit<EventMetadata, 'causationId'> & { causationId?: string }): GeneratedEvent[] {
    const live = this.live.get(key)!;
    const decision = decide(command(live.object), live.object, live.name);
    const out: GeneratedEvent[] = [];
    let cause = meta.causationId;
    for (const event of decision.events as DomainEvent[]) {
      const id = this.id();
      live.object = evolve(live.object, event, String(this.emitted + 1));
      out.push({ id, type: eventType(event), data: event.data, metadata: { ...meta, causationId: cause } as EventMetadata });
      cause = id;
      this.emitted++;
    }
    return out;
  }

  add(kind: string, namespace: string | undefined, name: string): string {
    const resource = KIND.get(kind)!;
    const key = streamName(kind, namespace, name);
    this.live.set(key, { resource, namespace, name, object: undefined });
    return key;
  }
}

function userMeta(w: World, verb: string): EventMetadata {
  return { actor: w.pick(USERS), verb, userAgent: 'kubectl/v1.32.0 (linux/amd64) kubernetes/bench', correlationId: w.id(), causationId: w.id() };
}

function componentMeta(actor: string, verb: string, cause: GeneratedEvent): EventMetadata {
  return { actor, verb, correlationId: cause.metadata.correlationId, causationId: cause.id };
}

const podSpec = (app: string) => ({
  containers: [{ name: 'app', image: `registry.example/${app}:1.0`, resources: { requests: { cpu: '100m', memory: '64Mi' } } }],
});

/** Yields the log as episodes; stops once `events` have been emitted. */
export function* generateHistory(options: GenerateOptions): Generator<Episode> {
  const w = new World(options.seed ?? 1);
  const nodes = Math.max(2, Math.round(options.objects * 0.005));
  const deployments = Math.max(1, Math.round(options.objects * 0.01));
  const configMaps = Math.round(options.objects * 0.2);
  const pods = Math.max(deployments, options.objects - 2 * nodes - 2 * deployments - configMaps);
  const nodeKeys: string[] = [];
  const leaseKeys: string[] = [];
  const cmKeys: string[] = [];
  const deployKeys: string[] = [];
  const rsKeys: string[] = [];
  const podKeys: string[] = [];
  const create = function* (key: string, object: KubeObject, meta: EventMetadata): Generator<Episode> {
    const live = w.live.get(key)!;
    const events = w.run(key, () => ({ type: 'Create', resource: live.resource, object, now: w.now(), uid: w.id() }), meta);
    yield { stream: key, events };
  };

  for (let i = 0; i < nodes; i++) {
    const name = `node-${i}`;
    nodeKeys.push(w.add('Node', undefined, name));
    yield* create(nodeKeys[i], {
      apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } },
      status: { capacity: { cpu: '8', memory: '32Gi', pods: '110' }, allocatable: { cpu: '8', memory: '32Gi', pods: '110' },
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: w.now().toISOString().replace(/\.\d+Z$/, 'Z'), lastTransitionTime: '2026-11-01T00:00:00Z' }] },
    }, { actor: `system:node:${name}`, verb: 'create', correlationId: w.id() });
    leaseKeys.push(w.add('Lease', 'kube-node-lease', name));
    yield* create(leaseKeys[i], {
      apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace: 'kube-node-lease' },
      spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: '2026-11-01T00:00:00.000000Z' },
    }, { actor: `system:node:${name}`, verb: 'create', correlationId: w.id() });
  }
  for (let i = 0; i < configMaps; i++) {
    const name = `config-${i}`;
    cmKeys.push(w.add('ConfigMap', `team-${i % 10}`, name));
    yield* create(cmKeys[i], { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: `team-${i % 10}`, labels: { app: `app-${i % 50}` } }, data: { version: '0', settings: 'x'.repeat(200) } }, userMeta(w, 'create'));
  }
  for (let i = 0; i < deployments; i++) {
    const ns = `team-${i % 10}`;
    const app = `app-${i}`;
    deployKeys.push(w.add('Deployment', ns, app));
    const selector = { matchLabels: { app } };
    const template = { metadata: { labels: { app } }, spec: podSpec(app) };
    yield* create(deployKeys[i], { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: app, namespace: ns }, spec: { replicas: 3, selector, template } }, userMeta(w, 'create'));
    rsKeys.push(w.add('ReplicaSet', ns, `${app}-5d8f7c9b4`));
    yield* create(rsKeys[i], { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: `${app}-5d8f7c9b4`, namespace: ns, labels: { app } }, spec: { replicas: 3, selector, template } }, userMeta(w, 'create'));
  }
  // Pods go through their whole start: created by the ReplicaSet controller, bound, started.
  const startPod = function* (key: string, cause: GeneratedEvent | undefined): Generator<Episode> {
    const live = w.live.get(key)!;
    const app = `app-${podKeys.indexOf(key) % deployments}`;
    const meta = cause ? componentMeta('system:controller:replicaset', 'create', cause) : userMeta(w, 'create');
    const events = w.run(key, () => ({ type: 'Create', resource: live.resource, now: w.now(), uid: w.id(),
      object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: live.name, namespace: live.namespace, labels: { app } }, spec: podSpec(app) } }), meta);
    const node = `node-${Math.floor(w.random() * nodes)}`;
    events.push(...w.run(key, () => ({ type: 'Bind', resource: live.resource, nodeName: node, now: w.now() }), componentMeta('system:scheduler', 'create', events[events.length - 1])));
    const status = (phase: string, ready: string) => (current: KubeObject | undefined): ObjectCommand => ({
      type: 'Update', subresource: 'status', resource: live.resource, now: w.now(),
      object: { ...current!, status: { ...(current!.status as object), phase, hostIP: '10.0.0.1', podIP: `10.244.${Math.floor(w.random() * 250)}.${Math.floor(w.random() * 250)}`,
        conditions: [{ type: 'Ready', status: ready, lastProbeTime: null, lastTransitionTime: w.now().toISOString().replace(/\.\d+Z$/, 'Z') }] } },
    });
    events.push(...w.run(key, status('Pending', 'False'), componentMeta(`system:node:${node}`, 'update', events[events.length - 1])));
    events.push(...w.run(key, status('Running', 'True'), componentMeta(`system:node:${node}`, 'update', events[events.length - 1])));
    yield { stream: key, events };
  };
  for (let i = 0; i < pods; i++) {
    const rs = i % deployments;
    const key = w.add('Pod', `team-${rs % 10}`, `app-${rs}-5d8f7c9b4-${i.toString(36).padStart(5, '0')}`);
    podKeys.push(key);
    yield* startPod(key, undefined);
  }

  while (w.emitted < options.events) {
    const dice = w.random();
    if (dice < 0.2) {
      // A node renews its Lease (noise).
      const key = w.pick(leaseKeys);
      const live = w.live.get(key)!;
      const renewTime = w.now().toISOString().replace('Z', '000Z');
      yield { stream: key, events: w.run(key, (c) => ({ type: 'Update', resource: live.resource, now: w.now(), object: { ...c!, spec: { ...(c!.spec as object), renewTime } } }),
        { actor: `system:node:${live.name}`, verb: 'update', correlationId: w.id() }) };
    } else if (dice < 0.3) {
      // A node posts its heartbeat (noise).
      const key = w.pick(nodeKeys);
      const live = w.live.get(key)!;
      const beat = w.now().toISOString().replace(/\.\d+Z$/, 'Z');
      yield { stream: key, events: w.run(key, (c) => {
        const status = c!.status as { conditions: Record<string, unknown>[] };
        return { type: 'Update', subresource: 'status', resource: live.resource, now: w.now(), object: { ...c!, status: { ...status, conditions: status.conditions.map((x) => ({ ...x, lastHeartbeatTime: beat })) } } };
      }, { actor: `system:node:${live.name}`, verb: 'patch', correlationId: w.id() }) };
    } else if (dice < 0.45) {
      // A user edits a ConfigMap.
      const key = w.pick(cmKeys);
      const live = w.live.get(key)!;
      yield { stream: key, events: w.run(key, (c) => ({ type: 'Update', resource: live.resource, now: w.now(), object: { ...c!, data: { ...(c!.data as object), version: String(w.emitted) } } }), userMeta(w, 'patch')) };
    } else if (dice < 0.55) {
      // A user scales a Deployment; the deployment controller scales its ReplicaSet.
      const i = Math.floor(w.random() * deployments);
      const replicas = 1 + Math.floor(w.random() * 5);
      const d = w.live.get(deployKeys[i])!;
      const scaled = w.run(deployKeys[i], () => ({ type: 'Scale', resource: d.resource, replicas, now: w.now() }), userMeta(w, 'patch'));
      if (scaled.length === 0) continue;
      yield { stream: deployKeys[i], events: scaled };
      const rs = w.live.get(rsKeys[i])!;
      const rsEvents = w.run(rsKeys[i], () => ({ type: 'Scale', resource: rs.resource, replicas, now: w.now() }), componentMeta('system:controller:deployment', 'update', scaled[scaled.length - 1]));
      if (rsEvents.length > 0) yield { stream: rsKeys[i], events: rsEvents };
    } else {
      // A pod is deleted (by a user or an eviction) and its ReplicaSet makes a new one with the same name slot.
      const key = w.pick(podKeys);
      const live = w.live.get(key)!;
      if (!live.object) continue;
      const node = (live.object.spec as { nodeName?: string }).nodeName ?? 'node-0';
      const requested = w.run(key, () => ({ type: 'Delete', resource: live.resource, now: w.now() }), userMeta(w, 'delete'));
      const finished = w.run(key, () => ({ type: 'Delete', resource: live.resource, now: w.now(), gracePeriodSeconds: 0 }), componentMeta(`system:node:${node}`, 'delete', requested[requested.length - 1]));
      yield { stream: key, events: [...requested, ...finished] };
      yield* startPod(key, finished[finished.length - 1] ?? requested[requested.length - 1]);
    }
  }
}
