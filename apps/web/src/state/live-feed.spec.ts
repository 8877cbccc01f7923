import { createClusterStore, objectsOf } from './cluster-store';
import { LiveFeed } from './live-feed';
import { FeedController } from './feed';
import { HistoryFeed } from './history-feed';
import type { ClusterStateAnswer, LiveBatch, LiveSocket } from './live-messages';
import { ev, obj } from './test-objects.spec-helper';

/** A socket.io stand-in: records emits, lets the test fire server messages. */
class FakeSocket implements LiveSocket {
  handlers = new Map<string, ((...a: any[]) => void)[]>();
  subscribes: { from: string; kinds?: string[]; reply: (r: unknown) => void }[] = [];
  disconnected = false;
  on(event: string, fn: (...a: any[]) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
  }
  emit(event: string, payload: any, reply: (r: unknown) => void) {
    if (event === 'subscribe') this.subscribes.push({ ...payload, reply });
  }
  disconnect() {
    this.disconnected = true;
  }
  fire(event: string, ...args: any[]) {
    for (const fn of this.handlers.get(event) ?? []) fn(...args);
  }
}

function setup(state: ClusterStateAnswer = { kind: 'ClusterState', at: { resourceVersion: '100' }, items: [obj('Pod', 'd', 'a')] }) {
  const store = createClusterStore();
  const socket = new FakeSocket();
  const ticks: (() => void)[] = [];
  const timers: (() => void)[] = [];
  const unauthorized = jest.fn();
  const feed = new LiveFeed({
    store, loadState: async () => state, openSocket: () => socket, schedule: (fn) => ticks.push(fn), kinds: ['Pod'],
    onUnauthorized: unauthorized, setTimer: (fn) => timers.push(fn),
  });
  const tick = () => ticks.splice(0).forEach((f) => f());
  return { store, socket, feed, tick, timers, unauthorized };
}

function batch(subscription: string, rv: number, events: LiveBatch['events']): LiveBatch {
  return { subscription, resourceVersion: String(rv), events };
}

describe('live feed', () => {
  it('loads the state, then subscribes from exactly its resourceVersion with the same kinds', async () => {
    const { store, socket, feed } = setup();
    await feed.start();
    expect(objectsOf(store.getState(), 'Pod').size).toBe(1);
    expect(store.getState().connection).toBe('reconnecting');
    socket.fire('connect');
    expect(socket.subscribes).toHaveLength(1);
    expect(socket.subscribes[0]).toMatchObject({ from: '100', kinds: ['Pod'] });
    socket.subscribes[0].reply({ ok: true, subscription: 's1', from: '100' });
    expect(store.getState().connection).toBe('live');
  });

  it('folds batches arriving in one tick as one store update and acknowledges them only after', async () => {
    const { store, socket, feed, tick } = setup();
    await feed.start();
    socket.fire('connect');
    socket.subscribes[0].reply({ ok: true, subscription: 's1', from: '100' });
    let updates = 0;
    store.subscribe(() => updates++);
    const acks: string[] = [];
    socket.fire('events', batch('s1', 101, [ev(101, 'Pod', 'd', 'b', obj('Pod', 'd', 'b'))]), () => acks.push('b1'));
    socket.fire('events', batch('s1', 105, [ev(102, 'Pod', 'd', 'a', null), ev(103, 'Pod', 'd', 'c', obj('Pod', 'd', 'c'))]), () => acks.push('b2'));
    expect(acks).toEqual([]);
    expect(updates).toBe(0);
    tick();
    expect(updates).toBe(1);
    expect(acks).toEqual(['b1', 'b2']);
    expect([...objectsOf(store.getState(), 'Pod').keys()].sort()).toEqual(['Pod/d/b', 'Pod/d/c']);
    expect(store.getState().resourceVersion).toBe('105');
  });

  it('on fellBehind folds what it has, then resubscribes from the mark the server gave', async () => {
    const { store, socket, feed, tick } = setup();
    await feed.start();
    socket.fire('connect');
    socket.subscribes[0].reply({ ok: true, subscription: 's1', from: '100' });
    socket.fire('events', batch('s1', 130, [ev(130, 'Pod', 'd', 'x', obj('Pod', 'd', 'x'))]), () => {});
    socket.fire('fellBehind', { subscription: 's1', resourceVersion: '130', message: 'too slow' });
    expect(store.getState().connection).toBe('reconnecting');
    expect(socket.subscribes).toHaveLength(1); // not before the queued batch is in the store
    tick();
    expect(socket.subscribes).toHaveLength(2);
    expect(socket.subscribes[1].from).toBe('130');
    expect(objectsOf(store.getState(), 'Pod').has('Pod/d/x')).toBe(true);
  });

  it('after a disconnect resubscribes from where the store is, and ignores a stale subscription\'s batches', async () => {
    const { store, socket, feed, tick } = setup();
    await feed.start();
    socket.fire('connect');
    socket.subscribes[0].reply({ ok: true, subscription: 's1', from: '100' });
    socket.fire('events', batch('s1', 120, [ev(120, 'Pod', 'd', 'y', obj('Pod', 'd', 'y'))]), () => {});
    tick();
    socket.fire('disconnect');
    expect(store.getState().connection).toBe('reconnecting');
    socket.fire('connect');
    expect(socket.subscribes[1].from).toBe('120');
    socket.subscribes[1].reply({ ok: true, subscription: 's2', from: '120' });
    const ack = jest.fn();
    socket.fire('events', batch('s1', 200, [ev(200, 'Pod', 'd', 'z', obj('Pod', 'd', 'z'))]), ack);
    tick();
    expect(ack).toHaveBeenCalled();
    expect(objectsOf(store.getState(), 'Pod').has('Pod/d/z')).toBe(false);
  });

  it('shows a refused subscription as an error and retries from the store\'s position', async () => {
    const { store, socket, feed, timers } = setup();
    await feed.start();
    socket.fire('connect');
    socket.subscribes[0].reply({ ok: false, status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 504, reason: 'Timeout', message: 'Too large resource version' } });
    expect(store.getState().connection).toBe('error');
    expect(store.getState().error).toContain('Too large resource version');
    timers.splice(0).forEach((f) => f());
    expect(socket.subscribes[1].from).toBe('100');
  });

  it('reports an Unauthorized handshake', async () => {
    const { socket, feed, unauthorized, store } = setup();
    await feed.start();
    socket.fire('connect_error', new Error('Unauthorized'));
    expect(unauthorized).toHaveBeenCalled();
    expect(store.getState().error).toBe('Live stream: Unauthorized');
  });

  it('shows a failed initial load as an error', async () => {
    const store = createClusterStore();
    const feed = new LiveFeed({ store, loadState: () => Promise.reject(new Error('Forbidden: nope')), openSocket: () => new FakeSocket(), schedule: (f) => f() });
    await expect(feed.start()).rejects.toThrow('Forbidden');
    expect(store.getState()).toMatchObject({ connection: 'error', error: 'Forbidden: nope' });
  });
});

describe('feed controller', () => {
  it('switching from live to a history point stops the socket and replaces the store', async () => {
    const { store, socket, feed } = setup();
    const control = new FeedController();
    await control.set(feed);
    socket.fire('connect');
    const atPoint: ClusterStateAnswer = { kind: 'ClusterState', at: { resourceVersion: '42', time: '2026-12-05T09:00:00Z' }, items: [obj('Deployment', 'd', 'old')] };
    const asked: string[] = [];
    await control.set(new HistoryFeed(store, '42', async (at) => (asked.push(at), atPoint)));
    expect(socket.disconnected).toBe(true);
    expect(asked).toEqual(['42']);
    const s = store.getState();
    expect(objectsOf(s, 'Pod').size).toBe(0);
    expect(objectsOf(s, 'Deployment').size).toBe(1);
    expect(s.source).toEqual({ mode: 'history', at: '42', time: '2026-12-05T09:00:00Z' });
    expect(s.connection).toBe('history');
    // a late batch of the stopped live feed changes nothing
    socket.fire('events', batch('s1', 500, [ev(500, 'Pod', 'd', 'late', obj('Pod', 'd', 'late'))]), () => {});
    expect(objectsOf(store.getState(), 'Pod').size).toBe(0);
  });
});
