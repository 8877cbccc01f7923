import { causeChains, describeBroken, type LoggedEvent } from './cause-chains';

let n = 0;
const ev = (actor: string | undefined, correlationId: string, causationId?: string, id = `e${++n}`): LoggedEvent => ({
  id, type: 'PodCreated', stream: `pod-default.${id}`,
  metadata: actor === undefined ? undefined : { actor, correlationId, ...(causationId !== undefined ? { causationId } : {}) },
});

describe('causeChains', () => {
  it('links a user request through controllers, the scheduler and a kubelet', () => {
    const scale = ev('admin', 'c1', 'req-1');
    const rs = ev('system:controller:deployment-controller', 'c1', scale.id);
    const pod = ev('system:controller:replicaset-controller', 'c1', rs.id);
    const bound = ev('system:controller:default-scheduler', 'c1', pod.id);
    const status = ev('system:node:n1', 'c1', bound.id);
    const report = causeChains([scale, rs, pod, bound, status]);
    expect(report).toMatchObject({ total: 5, linked: 5, share: 1, roots: { request: 5, observation: 0 }, broken: [] });
  });

  it('counts a node heartbeat and a timer-driven controller as observations', () => {
    const lease = ev('system:node:n1', 'c2', 'c2');
    const uncaused = ev('system:node:n1', 'c3');
    const gc = ev('system:controller:pod-garbage-collector', 'c4', 'c4');
    const resync = ev('system:controller:replicaset-controller', 'c9', 'c9');
    resync.metadata!.observation = 'resync';
    const report = causeChains([lease, uncaused, gc, resync]);
    expect(report.roots).toEqual({ request: 0, observation: 4 });
    expect(report.share).toBe(1);
  });

  it('finds dangling links, uncaused controller writes, loops and missing metadata, and what depends on them', () => {
    const dangling = ev('system:controller:default-scheduler', 'c5', 'not-in-log');
    const after = ev('system:node:n1', 'c5', dangling.id);
    const uncaused = ev('system:controller:replicaset-controller', 'c6', 'c6');
    const a = ev('system:node:n1', 'c7', 'b', 'a');
    const b = ev('system:node:n1', 'c7', 'a', 'b');
    const bare = ev(undefined, '');
    const fine = ev('alice', 'c8', 'r');
    const report = causeChains([dangling, after, uncaused, a, b, bare, fine]);
    expect(report.linked).toBe(1);
    expect(report.share).toBeCloseTo(1 / 7);
    const why = new Map(report.broken.map((x) => [x.event.id, x]));
    expect(why.get(dangling.id)!.why).toMatch(/not in the log/);
    expect(why.get(after.id)!.breaksAt).toBe(dangling);
    expect(why.get(uncaused.id)!.why).toMatch(/without citing/);
    expect(why.get('a')!.why).toMatch(/loop/);
    expect(why.get(bare.id)!.why).toMatch(/no actor/);
    expect(describeBroken(report)).toContain('1/7 events');
  });

  it('is 1 for an empty log', () => {
    expect(causeChains([]).share).toBe(1);
  });
});
