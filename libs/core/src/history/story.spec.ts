/**
 * The history functions against the real deciders: a scripted story is
 * decided command by command (as the API server does), recorded as a log,
 * and then every version in an object's timeline must equal what the
 * projection (ClusterState) held at that position, and every diff between
 * consecutive positions must name exactly the timeline's change.
 */
import type { KubeObject } from '../api/meta';
import { resourceForKind } from '../api/resources';
import { ClusterState } from '../domain/cluster-state';
import { decide, type ObjectCommand } from '../domain/decide';
import { eventType } from '../domain/domain-event';
import { streamName } from '../domain/stream-names';
import { diffStates } from './diff';
import { buildTimeline, versionAt, type TimedEvent } from './timeline';

const DEPLOY = resourceForKind('Deployment')!;
const CM = resourceForKind('ConfigMap')!;
const T0 = Date.UTC(2026, 11, 5, 3, 0, 0);

function deployment(image: string): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas: 1, selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } },
    },
  };
}

/** Given: a log written by deciding each command against the projection, like the API server. */
function story(): TimedEvent[] {
  const state = new ClusterState();
  const log: TimedEvent[] = [];
  let uid = 0;
  const run = (actor: string, make: (now: Date) => ObjectCommand, kind = DEPLOY, name = 'web', ns = 'default') => {
    const now = new Date(T0 + log.length * 1000);
    const cmd = make(now);
    const stream = streamName(kind.kind, ns, name);
    const decision = decide(cmd, state.get(kind, ns, name)?.object, name);
    for (const e of decision.events) {
      const revision = (state.streamRevision(stream) ?? -1n) + 1n;
      const recorded: TimedEvent = {
        streamId: stream, revision, type: eventType(e), data: e.data, position: 100 + log.length * 7,
        id: `e${log.length}`, time: now.getTime(), metadata: { actor, verb: cmd.type.toLowerCase(), correlationId: `c${log.length}` },
      };
      state.apply(recorded);
      log.push(recorded);
    }
  };
  const create = (o: KubeObject) => (now: Date): ObjectCommand => ({ type: 'Create', resource: o.kind === 'ConfigMap' ? CM : DEPLOY, object: o, now, uid: `uid-${++uid}` });
  run('alice', create(deployment('nginx:1')));
  run('alice', (now) => ({ type: 'Create', resource: CM, object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { a: '1' } }, now, uid: 'cm' }), CM, 'cfg');
  run('alice', (now) => ({ type: 'Scale', resource: DEPLOY, replicas: 3, now }));
  run('bob', (now) => ({ type: 'Update', resource: DEPLOY, now, object: { ...deployment('nginx:bad'), spec: { ...(deployment('nginx:bad').spec as object), replicas: 3 } } }));
  run('bob', (now) => ({ type: 'Delete', resource: DEPLOY, now }));
  run('carol', create(deployment('nginx:2')));
  return log;
}

function foldTo(log: readonly TimedEvent[], position: number): ClusterState {
  const s = new ClusterState();
  for (const e of log) if (e.position <= position) s.apply(e);
  s.advanceTo(position);
  return s;
}

describe('history over a decided story', () => {
  const log = story();
  const web = log.filter((e) => e.streamId === 'deployment-default.web');
  const timeline = buildTimeline(web);

  it('then the timeline has every version of web across its delete and re-create', () => {
    expect(timeline.map((v) => `${v.type} g${v.generation} ${v.actor}`)).toEqual([
      'DeploymentCreated g1 alice', 'DeploymentScaled g1 alice', 'DeploymentUpdated g1 bob', 'DeploymentDeleted g1 bob', 'DeploymentCreated g2 carol',
    ]);
    expect(timeline[2].fields).toContainEqual({ path: 'spec.template.spec.containers[0].image', old: 'nginx:1', new: 'nginx:bad' });
    expect(timeline[1].fields).toContainEqual({ path: 'spec.replicas', old: 1, new: 3 });
    expect(timeline[4].uid).not.toBe(timeline[0].uid);
  });

  it('then at every position the timeline version equals the folded state, object for object', () => {
    for (const e of log) {
      const fromFold = foldTo(log, e.position).get(DEPLOY, 'default', 'web')?.object;
      const entry = versionAt(timeline, e.position);
      expect(entry?.object).toEqual(fromFold);
    }
  });

  it('then the diff between consecutive positions is exactly the change of that event', () => {
    for (let i = 1; i < log.length; i++) {
      const d = diffStates(foldTo(log, log[i - 1].position), foldTo(log, log[i].position));
      const e = log[i];
      const entry = timeline.find((v) => v.id === e.id);
      if (e.type === 'DeploymentDeleted') expect(d.removed.map((o) => o.metadata.name)).toEqual(['web']);
      else if (e.type.endsWith('Created')) expect(d.added.map((o) => o.metadata.name)).toEqual([e.streamId === 'configmap-default.cfg' ? 'cfg' : 'web']);
      else {
        expect(d.changed).toHaveLength(1);
        expect(d.changed[0].patch).toEqual(entry!.patch);
        expect(d.changed[0].fields).toEqual(entry!.fields);
        const previous = timeline[timeline.indexOf(entry!) - 1];
        expect(d.changed[0]).toMatchObject({ from: previous.resourceVersion, to: String(e.position) });
      }
    }
  });

  it('then the diff from before the story to its end shows web as added once (its second life)', () => {
    const d = diffStates(new ClusterState(), foldTo(log, log[log.length - 1].position), { kinds: ['deployments'] });
    expect(d.added.map((o) => [o.metadata.name, (o.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image]))
      .toEqual([['web', 'nginx:2']]);
  });
});
