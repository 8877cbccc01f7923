import { createClusterStore, objectsOf, type ClusterStore } from './cluster-store';
import { TravelCache, mergeSpan } from './travel-cache';
import { TravelFeed } from './travel-feed';
import { toTravelEvent } from './travel-events';
import { playFrame, stepTarget } from './travel-steps';
import { makeWorld, type World } from './travel-world.spec-helper';

/** The store's objects as plain sorted JSON, for comparing with the server's answer. */
function contents(store: ClusterStore): string[] {
  const out: string[] = [];
  for (const [kind, map] of Object.entries(store.getState().byKind)) for (const [key, o] of map) out.push(`${kind} ${key} ${JSON.stringify(o)}`);
  return out.sort();
}

function reference(world: World, at: string): string[] {
  const answer = world.stateAt(at);
  world.calls.state.pop();
  const fresh = createClusterStore();
  fresh.getState().replace(answer.items, answer.at.resourceVersion, { mode: 'history', at });
  return contents(fresh);
}

function setup(seed?: boolean) {
  const world = makeWorld();
  const store = createClusterStore();
  const cache = new TravelCache();
  const feed = (at: string) =>
    new TravelFeed({ store, cache, loadState: async (p, since) => world.stateAt(p, since), loadEvents: async (q) => world.page(q) }, at, seed ? { pos: world.head, byKind: store.getState().byKind } : undefined);
  return { world, store, cache, feed };
}

const pods = (store: ClusterStore) => [...objectsOf(store.getState(), 'Pod').keys()].sort();

describe('time travel in the browser', () => {
  it('shows a point loaded from /state, then folds to every other point with no new /state request', async () => {
    const { world, store, feed } = setup();
    const f = feed('100');
    await f.start();
    expect(store.getState().source).toEqual({ mode: 'history', at: '100', time: world.events[9].time });
    expect(contents(store)).toEqual(reference(world, '100'));
    await f.settled();
    const stateCalls = world.calls.state.length;
    // Every point, forwards and backwards, equals the server's fold at that point.
    for (const p of [110, 150, 160, 40, 0, 95, 200, world.head, 10, 130]) {
      expect(f.moveTo(p)).toBe(true);
      expect(contents(store)).toEqual(reference(world, String(p)));
      expect(store.getState().resourceVersion).toBe(String(p));
    }
    expect(world.calls.state.length).toBe(stateCalls);
  });

  it('a point no loaded event reaches is asked with changedSince from the nearest kept state, and equals the server\'s fold', async () => {
    const world = makeWorld();
    const store = createClusterStore();
    const cache = new TravelCache();
    // No page of events ever arrives: every move must load a state.
    const f = new TravelFeed({ store, cache, loadState: async (p, since) => world.stateAt(p, since), loadEvents: () => new Promise(() => undefined) }, '100');
    await f.start();
    expect(world.calls.state).toEqual(['100']);
    await f.goTo('250');
    expect(world.calls.state[1]).toBe('250 since 100');
    expect(contents(store)).toEqual(reference(world, '250'));
    // Objects untouched since 100 are the very objects the kept state holds (views keep their identity).
    const ns = objectsOf(store.getState(), 'Namespace').get('Namespace//default');
    expect(ns).toBeDefined();
    expect(cache.anchors.find((a) => a.pos === 100)!.byKind.Namespace!.get('Namespace//default')).toBe(ns);
    // Back before both: from the nearest kept state, later than the point (100).
    await f.goTo('60');
    expect(world.calls.state[2]).toBe('60 since 100');
    expect(contents(store)).toEqual(reference(world, '60'));
    // A time nearer 250 than any other kept state: asked from 250.
    await f.goTo(world.events[22].time);
    expect(world.calls.state[3]).toBe(`${world.events[22].time} since 250`);
    expect(contents(store)).toEqual(reference(world, world.events[22].resourceVersion));
  });

  it('prefetches around a point only once it stays put, and at once while eager (playing)', async () => {
    const { world, feed } = setup();
    const f = feed('100');
    await f.start();
    await f.goTo('120');
    // Two points in a row: nothing was fetched around the first, nor yet around the second.
    expect(world.calls.events).toEqual([]);
    await new Promise((r) => setTimeout(r, 400));
    await f.settled();
    expect(world.calls.events.length).toBeGreaterThan(0);
    f.stop();
    // On a fresh cache: a feed shows its point without a page; an eager one asks for a page at once.
    const calm = setup();
    const c = calm.feed('30');
    await c.start();
    expect(calm.world.calls.events).toEqual([]);
    c.stop();
    const eager = setup();
    const g = eager.feed('30');
    g.eager = true;
    await g.start();
    expect(eager.world.calls.events.length).toBeGreaterThan(0);
    g.stop();
  });

  it('resolves an RFC 3339 point from the loaded events when they settle it', async () => {
    const { world, store, feed } = setup();
    const f = feed('120');
    await f.start();
    await f.settled();
    const before = world.calls.state.length;
    await f.goTo(world.events[13].time);
    expect(store.getState().resourceVersion).toBe(world.events[13].resourceVersion);
    expect(world.calls.state.length).toBe(before);
  });

  it('steps one visible event or one user action, skipping heartbeats', async () => {
    const { world, store, feed } = setup();
    const f = feed('60');
    await f.start();
    // Positions: 60 creates web-a, 70 web-b, 80 a Lease renewal, 90/100 bind, 110/120 run, 130 Lease, 140 scale, 150/160 new pods.
    expect(world.events[5].type).toBe('PodCreated');
    expect(await f.stepTarget('forward', 'event')).toBe(70);
    // From 70 the next is the binding at 90: the Lease at 80 is skipped.
    f.moveTo(70);
    expect(await f.stepTarget('forward', 'event')).toBe(90);
    // One action forward from 90: the rest of the "apply" run, up to the last pod status (120).
    f.moveTo(90);
    expect(await f.stepTarget('forward', 'action')).toBe(120);
    f.moveTo(150);
    expect(pods(store)).toEqual(['Pod/default/web-a', 'Pod/default/web-b', 'Pod/default/web-c']);
    // Back one action from inside the scale (150): before it is the last "apply" event, 120.
    expect(await f.stepTarget('back', 'action')).toBe(120);
    // Back one event from 150: the scale itself, 140.
    expect(await f.stepTarget('back', 'event')).toBe(140);
    // The prefetch around a point waits until it stays put; once done, the start of the log is local too.
    await f.settled();
    expect(f.moveTo(10)).toBe(true);
    expect(await f.stepTarget('back', 'event')).toBe(0);
    f.moveTo(0);
    expect(await f.stepTarget('back', 'event')).toBeUndefined();
    f.moveTo(world.head);
    expect(await f.stepTarget('forward', 'event')).toBeUndefined();
  });

  it('steps back from a state seeded by the live store, loading the page before it and the state under it once', async () => {
    const world = makeWorld();
    const store = createClusterStore();
    const live = world.stateAt(String(world.head));
    store.getState().replace(live.items, live.at.resourceVersion, { mode: 'live' });
    const cache = new TravelCache();
    const f = new TravelFeed({ store, cache, loadState: async (p) => world.stateAt(p), loadEvents: async (q) => world.page(q) }, String(world.head), { pos: world.head, byKind: store.getState().byKind });
    world.calls.state.length = 0;
    await f.start();
    expect(world.calls.state).toEqual([]);
    const target = await f.stepTarget('back', 'event');
    // The last visible event is the deletion of web-a (180); one step back shows the state before it (web-d's creation, 160).
    expect(target).toBe(160);
    expect(f.moveTo(target!)).toBe(true);
    expect(pods(store)).toContain('Pod/default/web-a');
    expect(contents(store)).toEqual(reference(world, '160'));
  });

  it('plays forward at a speed in event time, and as fast as frames go at max', () => {
    const world = makeWorld();
    const events = world.events.map(toTravelEvent);
    const ctx = { events, isCovered: () => true, headPos: world.head };
    const t = (p: number) => events.find((e) => e.pos === p)!.timeMs;
    // Events are 1 s apart: 500 ms at 10x is 5 s of history.
    const r = playFrame(ctx, 100, t(100), 500, 10);
    expect(r.to).toBe(150);
    expect(r.clockMs).toBe(t(100) + 5000);
    const max = playFrame(ctx, 0, 0, 16, 'max');
    expect(max.to).toBeGreaterThan(0);
    const end = playFrame(ctx, world.head, t(world.head), 1000, 100);
    expect(end.end).toBe(true);
    // Not loaded ahead: ask for more.
    const gap = playFrame({ ...ctx, isCovered: (lo: number, hi: number) => hi <= 120 }, 100, t(100), 10_000, 1);
    expect(gap).toMatchObject({ to: 120, need: true });
  });

  it('asks for more events when a step goes past what is loaded', () => {
    const events = makeWorld().events.map(toTravelEvent).slice(0, 5);
    expect(stepTarget({ events, isCovered: (lo, hi) => lo >= 0 && hi <= 50, headPos: 400 }, 50, 'forward', 'event')).toEqual({ need: 'forward' });
    expect(stepTarget({ events, isCovered: (lo, hi) => lo >= 20 && hi <= 50, headPos: 400 }, 30, 'back', 'event')).toEqual({ need: 'back' });
    // Only hidden events (heartbeats) between the point and the head, all loaded: the end, not "load more".
    const beats = makeWorld().events.map(toTravelEvent).filter((e) => !e.visible);
    expect(stepTarget({ events: beats, isCovered: () => true, headPos: 400 }, 250, 'forward', 'event')).toEqual({ end: true });
  });

  it('merges covered spans that touch or overlap', () => {
    expect(mergeSpan([[0, 10], [20, 30]], [10, 20])).toEqual([[0, 30]]);
    expect(mergeSpan([[0, 10]], [15, 20])).toEqual([[0, 10], [15, 20]]);
    const cache = new TravelCache();
    cache.addEvents([], 0, 10);
    expect(cache.isCovered(2, 8)).toBe(true);
    expect(cache.isCovered(2, 12)).toBe(false);
  });
});
