import {
  END,
  eventTypeFilter,
  jsonEvent,
  Position,
  ResolvedEvent,
  START,
  StreamDeletedError,
  streamNameFilter,
  StreamSubscription,
  AllStreamSubscription,
} from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { Harness, startHarness, waitFor } from '../testing/harness';
import { sessionStats } from './read-session';

const ev = (type: string, data: Record<string, unknown> = {}) => jsonEvent({ type, data });

/** Collects events from a subscription until `n` arrived; also records whether CaughtUp came and when. */
async function take(sub: StreamSubscription | AllStreamSubscription, n: number): Promise<ResolvedEvent[]> {
  const out: ResolvedEvent[] = [];
  if (n === 0) return out;
  for await (const e of sub) {
    out.push(e);
    if (out.length >= n) break;
  }
  return out;
}

function caughtUp(sub: StreamSubscription | AllStreamSubscription): Promise<void> {
  return new Promise((resolve) => sub.once('caughtUp', () => resolve()));
}

describe('catch-up subscriptions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  it('to a stream: history, CaughtUp, then live events', async () => {
    const s = `sub-${randomUUID()}`;
    await h.client.appendToStream(s, [ev('H0'), ev('H1')]);
    const sub = h.client.subscribeToStream(s, { fromRevision: START });
    // Nothing is consumed yet, so at CaughtUp the client holds exactly the history, no more, no less.
    await caughtUp(sub);
    expect(sub.readableLength).toBe(2);
    await h.client.appendToStream(`other-${randomUUID()}`, ev('Noise'));
    await h.client.appendToStream(s, [ev('L0'), ev('L1')]);
    expect((await take(sub, 4)).map((e) => e.event!.type)).toEqual(['H0', 'H1', 'L0', 'L1']);
  });

  it('to a stream from a revision (exclusive) and from the end', async () => {
    const s = `subrev-${randomUUID()}`;
    await h.client.appendToStream(s, [ev('E0'), ev('E1'), ev('E2')]);
    const fromRev = h.client.subscribeToStream(s, { fromRevision: 1n });
    expect((await take(fromRev, 1)).map((e) => e.event!.type)).toEqual(['E2']);
    const fromEnd = h.client.subscribeToStream(s, { fromRevision: END });
    await caughtUp(fromEnd);
    await h.client.appendToStream(s, ev('E3'));
    expect((await take(fromEnd, 1)).map((e) => e.event!.type)).toEqual(['E3']);
  });

  it('to $all from a position (exclusive)', async () => {
    const s = `allpos-${randomUUID()}`;
    const r = await h.client.appendToStream(s, [ev('P0'), ev('P1')]);
    const sub = h.client.subscribeToAll({ fromPosition: r.position! });
    await caughtUp(sub);
    await h.client.appendToStream(s, ev('P2'));
    expect((await take(sub, 1)).map((e) => e.event!.type)).toEqual(['P2']);
  });

  it('to a tombstoned stream fails with StreamDeletedError', async () => {
    const s = `subtomb-${randomUUID()}`;
    await h.client.appendToStream(s, ev('A'));
    await h.client.tombstoneStream(s);
    await expect(take(h.client.subscribeToStream(s), 1)).rejects.toBeInstanceOf(StreamDeletedError);
  });

  it('filters $all server-side by stream prefix, stream regex, event-type prefix and regex, with checkpoints', async () => {
    const tag = randomUUID().slice(0, 8);
    const start = await h.client.appendToStream(`mark-${tag}`, ev('Mark'));
    for (let i = 0; i < 40; i++) await h.client.appendToStream(`noise${tag}-${i}`, ev(`Noise${tag}`));
    await h.client.appendToStream(`pod-${tag}.a`, ev(`PodCreated${tag}`));
    await h.client.appendToStream(`node-${tag}`, ev(`NodeReady${tag}`));
    const checkpoints: Position[] = [];
    const cases: [Parameters<typeof h.client.subscribeToAll>[0] extends infer O ? (O extends { filter?: infer F } ? F : never) : never, string[]][] = [
      [streamNameFilter({ prefixes: [`pod-${tag}`, `node-${tag}`] }), [`pod-${tag}.a`, `node-${tag}`]],
      [streamNameFilter({ regex: `^node-${tag}$` }), [`node-${tag}`]],
      [eventTypeFilter({ prefixes: [`PodCreated${tag}`] }), [`pod-${tag}.a`]],
      [
        eventTypeFilter({
          regex: `^(Pod|Node)\\w+${tag}$`,
          maxSearchWindow: 10,
          checkpointInterval: 1,
          checkpointReached: (_s, p) => void checkpoints.push(p),
        }),
        [`pod-${tag}.a`, `node-${tag}`],
      ],
    ];
    for (const [filter, streams] of cases) {
      const sub = h.client.subscribeToAll({ fromPosition: start.position!, filter });
      const got = await take(sub, streams.length);
      expect(got.map((e) => e.event!.streamId)).toEqual(streams);
    }
    // 40 non-matching events with a window of 10 yield checkpoints while nothing matched.
    expect(checkpoints.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < checkpoints.length; i++) expect(checkpoints[i].commit).toBeGreaterThan(checkpoints[i - 1].commit);
  });

  it('hands over from history to live with no gap and no duplicate while appends race it', async () => {
    const writers = 8;
    const perWriter = 150;
    const tag = randomUUID().slice(0, 8);
    const startPos = (await h.client.appendToStream(`race-${tag}-start`, ev('Start'))).position!;
    const write = async (w: number) => {
      for (let i = 0; i < perWriter; i++) await h.client.appendToStream(`race-${tag}-${w}`, ev('Race', { w, i }));
    };
    const writing = Promise.all([...Array(writers).keys()].map(write));
    // Subscribe while the writers are mid-flight, several times at different moments.
    const subs: Promise<ResolvedEvent[]>[] = [];
    const ticks = 4;
    for (let k = 0; k < ticks; k++) {
      const sub = h.client.subscribeToAll({ fromPosition: startPos, filter: streamNameFilter({ prefixes: [`race-${tag}-`] }) });
      subs.push(take(sub, writers * perWriter + ticks));
      await new Promise((r) => setImmediate(r));
      await h.client.appendToStream(`race-${tag}-tick`, ev('Tick', { k }));
    }
    await writing;
    const expectedCount = writers * perWriter;
    for (const got of await Promise.all(subs)) {
      const race = got.filter((e) => e.event!.type === 'Race');
      const positions = got.map((e) => e.event!.position!.commit);
      for (let i = 1; i < positions.length; i++) expect(positions[i]).toBeGreaterThan(positions[i - 1]);
      // Every writer's events arrive complete and in its own order.
      expect(race.length).toBe(expectedCount);
      for (let w = 0; w < writers; w++) {
        const mine = race.filter((e) => (e.event!.data as { w: number }).w === w).map((e) => (e.event!.data as { i: number }).i);
        expect(mine).toEqual([...Array(perWriter).keys()]);
      }
      expect(new Set(positions).size).toBe(positions.length);
    }
  });

  it('answers an invalid filter regex with INVALID_ARGUMENT and keeps serving', async () => {
    const sub = h.client.subscribeToAll({ filter: streamNameFilter({ regex: '(' }) });
    await expect(take(sub, 1)).rejects.toThrow(/INVALID_ARGUMENT.*regular expression/);
    expect((await h.client.appendToStream(`after-${randomUUID()}`, ev('A'))).success).toBe(true);
  });

  it('frees server resources when the client unsubscribes', async () => {
    const before = { subs: sessionStats.subscriptionsOpen, live: sessionStats.liveListeners };
    const sub = h.client.subscribeToAll({ fromPosition: END });
    await caughtUp(sub);
    expect(sessionStats.subscriptionsOpen).toBe(before.subs + 1);
    expect(sessionStats.liveListeners).toBe(before.live + 1);
    await sub.unsubscribe();
    await waitFor(
      () => sessionStats.subscriptionsOpen === before.subs && sessionStats.liveListeners === before.live,
      10000,
      'subscription teardown',
    );
  });

  it('a slow subscriber falls behind instead of buffering without bound, then catches up losslessly', async () => {
    const s = `slow-${randomUUID()}`;
    const sub = h.client.subscribeToStream(s, { fromRevision: START });
    let toldFellBehind = false;
    sub.on('fellBehind', () => (toldFellBehind = true));
    const fellBefore = sessionStats.fellBehind;
    await caughtUp(sub); // live, but nobody consumes: the transport fills up
    const total = 12000;
    const payload = 'x'.repeat(1000);
    for (let i = 0; i < total; i += 500) {
      await h.client.appendToStream(s, [...Array(500).keys()].map((k) => ev('Slow', { n: i + k, payload })));
    }
    await waitFor(() => sessionStats.fellBehind > fellBefore, 20000, 'the server to drop the subscriber to catch-up');
    const got = await take(sub, total);
    expect(got.map((e) => (e.event!.data as { n: number }).n)).toEqual([...Array(total).keys()]);
    expect(toldFellBehind).toBe(true);
    await sub.unsubscribe();
  });
});
