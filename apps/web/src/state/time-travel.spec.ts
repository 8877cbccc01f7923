import { createClusterStore, objectsOf } from './cluster-store';
import { FeedController, type Feed } from './feed';
import { TimeTravel } from './time-travel';
import { makeWorld } from './travel-world.spec-helper';

function setup() {
  const world = makeWorld();
  const store = createClusterStore();
  const feeds = new FeedController();
  const urls: [string | null, 'push' | 'replace'][] = [];
  const frames: ((now: number) => void)[] = [];
  let liveStarts = 0;
  const liveFeed = (): Feed => ({
    async start() {
      liveStarts++;
      const s = world.stateAt(String(world.head));
      store.getState().replace(s.items, s.at.resourceVersion, { mode: 'live' });
      store.getState().setConnection('live');
    },
    stop() {},
  });
  const travel = new TimeTravel({
    store, feeds, liveFeed,
    loadState: async (at) => world.stateAt(at),
    loadEvents: async (q) => world.page(q),
    setUrlPoint: (at, mode) => urls.push([at, mode]),
    frame: (fn) => frames.push(fn),
  });
  /** Run queued animation frames, `ms` apart, until none is queued or `max` ran. */
  const runFrames = async (ms: number, max = 200) => {
    let t = 0;
    for (let i = 0; i < max && frames.length; i++) {
      t += ms;
      frames.splice(0).forEach((f) => f(t));
      await new Promise((r) => setImmediate(r));
    }
  };
  const pods = () => objectsOf(store.getState(), 'Pod').size;
  return { world, store, travel, urls, runFrames, pods, liveStarts: () => liveStarts };
}

describe('the point the UI shows', () => {
  it('follows the URL: a point runs the history feed, none the live feed; the same point twice does nothing', async () => {
    const { travel, store, urls, liveStarts } = setup();
    await travel.show('60');
    expect(store.getState().source).toMatchObject({ mode: 'history', at: '60' });
    expect(store.getState().connection).toBe('history');
    await travel.show('60');
    await travel.show(null);
    expect(store.getState().source).toEqual({ mode: 'live' });
    expect(liveStarts()).toBe(1);
    // Showing what the URL says never writes the URL.
    expect(urls).toEqual([]);
  });

  it('commits a step as one browser history entry; going live is one more', async () => {
    const { travel, store, urls, pods } = setup();
    await travel.show(null);
    // From live, one step back enters history at the live point, then steps.
    await travel.step('back', 'event');
    expect(urls.map(([at]) => at)).toEqual([String(makeWorld().head), '160']);
    expect(store.getState().resourceVersion).toBe('160');
    expect(pods()).toBe(4);
    await travel.step('back', 'action');
    expect(store.getState().resourceVersion).toBe('120');
    expect(pods()).toBe(2);
    await travel.goLive();
    expect(urls[urls.length - 1]).toEqual([null, 'push']);
    expect(store.getState().source.mode).toBe('live');
  });

  it('plays forward frame by frame with no history entry per frame, and pause commits the point reached', async () => {
    const { travel, store, urls, runFrames, pods } = setup();
    await travel.show('130');
    await travel.feed!.settled();
    expect(pods()).toBe(2);
    travel.setSpeed(10);
    await travel.play();
    expect(travel.ui.getState().playing).toBe(true);
    // 100 ms frames at 10x: one second of history (one event) per frame.
    await runFrames(100, 3);
    expect(Number(store.getState().resourceVersion)).toBeGreaterThan(130);
    expect(urls).toEqual([]);
    travel.pause();
    expect(travel.ui.getState().playing).toBe(false);
    expect(urls).toEqual([[store.getState().resourceVersion, 'push']]);
    // At max it runs to the end of the log and stops there by itself, committing the end.
    travel.setSpeed('max');
    await travel.play();
    await runFrames(16);
    expect(travel.ui.getState().playing).toBe(false);
    expect(store.getState().resourceVersion).toBe(String(makeWorld().head));
    expect(pods()).toBe(3);
    expect(urls[urls.length - 1]).toEqual([String(makeWorld().head), 'push']);
  });

  it('previews the state under a dragged scrubber from loaded events, writing no history entry', async () => {
    const { travel, store, urls, world } = setup();
    await travel.show('60');
    await travel.feed!.settled();
    const t150 = Date.parse(world.events.find((e) => e.resourceVersion === '150')!.time);
    travel.preview(t150 + 10);
    expect(store.getState().resourceVersion).toBe('150');
    expect(urls).toEqual([]);
    // Released: the time becomes the committed point.
    await travel.commit(new Date(t150 + 10).toISOString());
    expect(urls).toEqual([[new Date(t150 + 10).toISOString(), 'push']]);
    expect(store.getState().resourceVersion).toBe('150');
  });

  it('plays from the empty cluster (a point with no time) from just before the first event', async () => {
    const { travel, store, runFrames } = setup();
    await travel.show('0');
    await travel.feed!.settled();
    travel.setSpeed(100);
    await travel.play();
    await runFrames(100, 5);
    expect(Number(store.getState().resourceVersion)).toBeGreaterThan(0);
    travel.pause();
  });
});
