/**
 * Flow control of one subscription against a real projection and store:
 * never more unacknowledged batches than the window, a backlog that waits
 * for a slow client, and a live client that does not acknowledge told it
 * fell behind, then resuming from the resourceVersion it was given with
 * nothing lost and nothing repeated.
 */
import { startInProcess, type InProcess } from '../testing/in-process';
import { until } from '../testing/until';
import { LiveFeed } from './live-feed';
import type { FellBehind, LiveBatch } from './live-protocol';
import { LiveSubscription, type LiveLimits, type LiveSink } from './live-subscription';

const ADMIN = { name: 'admin', uid: 'admin', groups: ['system:masters'] };
const LIMITS: LiveLimits = { batchMs: 10, batchSize: 2, window: 1, maxPending: 5, progressMs: 60_000 };

let cluster: InProcess;
let feed: LiveFeed;

beforeAll(async () => {
  cluster = await startInProcess();
  feed = new LiveFeed(cluster.api.context.projection);
});

afterAll(async () => {
  feed?.close();
  await cluster?.stop();
});

/** A client that acknowledges only when told to. */
function slowClient(): { sink: LiveSink; batches: LiveBatch[]; acks: (() => void)[]; behind: FellBehind[] } {
  const batches: LiveBatch[] = [];
  const acks: (() => void)[] = [];
  const behind: FellBehind[] = [];
  return {
    batches, acks, behind,
    sink: {
      batch: (batch, ack) => {
        batches.push(batch);
        acks.push(ack);
      },
      fellBehind: (m) => behind.push(m),
      failed: (m) => {
        throw new Error(`unexpected failure: ${m.status.message}`);
      },
    },
  };
}

function subscription(id: string, from: number | 'now', sink: LiveSink, namespace = 'default', limits = LIMITS): LiveSubscription {
  const { store, projection, history } = cluster.api.context;
  return new LiveSubscription(id, ADMIN, { from, kinds: new Set(['ConfigMap']), namespaces: new Set([namespace]) }, { store, projection, history, feed }, sink, limits);
}

async function createMaps(prefix: string, n: number): Promise<string[]> {
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${prefix}-${i}`;
    const res = await cluster.call('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });
    expect(res.status).toBe(201);
    names.push(name);
  }
  return names;
}

const names = (batches: LiveBatch[]): string[] => batches.flatMap((b) => b.events.map((e) => e.object.name));

describe('live subscription flow control', () => {
  it('sends a backlog no faster than the client acknowledges', async () => {
    const from = cluster.api.context.projection.state.position;
    const written = await createMaps('backlog', 10);
    const client = slowClient();
    const sub = subscription('backlog', from, client.sink);
    sub.start();
    let acked = 0;
    while (names(client.batches).length < 10) {
      await until(async () => (client.batches.length > acked ? true : undefined), `batch ${acked + 1}`);
      // The window is one batch: nothing more may come until this one is acknowledged.
      expect(client.batches).toHaveLength(acked + 1);
      client.acks[acked++]();
    }
    sub.stop();
    expect(names(client.batches)).toEqual(written);
    expect(client.behind).toEqual([]);
  });

  it('tells a live client that stops acknowledging it fell behind; resuming loses and repeats nothing', async () => {
    const client = slowClient();
    const sub = subscription('live', 'now', client.sink);
    sub.start();
    const written = await createMaps('live', 12);
    const behind = await until(async () => client.behind[0], 'fellBehind');
    sub.stop();
    expect(client.batches).toHaveLength(1);
    expect(behind).toMatchObject({ subscription: 'live', resourceVersion: client.batches[0].resourceVersion });
    expect(behind.message).toContain('subscribe again from');

    const resumed = slowClient();
    const again = subscription('resumed', Number(behind.resourceVersion), resumed.sink);
    again.start();
    const expected = written.slice(client.batches[0].events.length);
    await until(async () => {
      resumed.acks.splice(0).forEach((ack) => ack());
      return names(resumed.batches).length >= expected.length ? true : undefined;
    }, 'the rest after resuming');
    again.stop();
    expect([...names(client.batches), ...names(resumed.batches)]).toEqual(written);
  });

  it('moves the resume point past filtered-out events with an empty progress batch', async () => {
    const client = slowClient();
    const sub = subscription('quiet', 'now', client.sink, 'nowhere', { ...LIMITS, progressMs: 20 });
    sub.start();
    await createMaps('elsewhere', 2);
    const last = cluster.api.context.projection.state.position;
    const batch = await until(async () => {
      client.acks.splice(0).forEach((ack) => ack());
      return client.batches.find((b) => Number(b.resourceVersion) >= last);
    }, 'a progress batch');
    sub.stop();
    expect(batch.events).toEqual([]);
    expect(client.batches.every((b) => b.events.length === 0)).toBe(true);
    // Each progress batch moves forward; none repeats the one before.
    const versions = client.batches.map((b) => Number(b.resourceVersion));
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
  });
});
