import { performance } from 'node:perf_hooks';
import { Etcd3 } from 'etcd3';
import type { BenchEvent, BenchTarget, Closable, LagProbe } from './target';

const EVENTS_PREFIX = 'bench/';
// The end of a prefix range is the prefix with its last byte incremented.
const EVENTS_END = 'bench0';
const PROBE_PREFIX = 'lag/';
/** Keys per range request when reading everything back. */
const PAGE = 10_000;

// Zero-padded so that key order is append order within a log.
const eventKey = (log: string, seq: number) => `${EVENTS_PREFIX}${log}/${String(seq).padStart(10, '0')}`;

/**
 * Connects the etcd3 client to `endpoint` and maps the event-log scenarios
 * onto etcd: an event is a put of a new key, a batch is one txn of puts,
 * reading everything is a paged range over the prefix, a subscription is a
 * watch. close() disposes the client (the etcd process is the caller's).
 */
export async function openEtcd(endpoint: string, version: string): Promise<BenchTarget> {
  const client = new Etcd3({ hosts: endpoint });
  let closed = false;

  return {
    name: `etcd ${version}`,

    async append(log: string, events: readonly BenchEvent[]) {
      if (events.length === 1) {
        const [e] = events;
        await client.put(eventKey(log, e.seq)).value(JSON.stringify(e.data)).exec();
        return;
      }
      // No compare: the txn is just an atomic multi-put, like one appendToStream of many events.
      // client.kv is the raw KV service; the fluent builder insists on a comparison.
      await client.kv.txn({
        success: events.map((e) => ({
          request_put: { key: Buffer.from(eventKey(log, e.seq)), value: Buffer.from(JSON.stringify(e.data)) },
        })),
      });
    },

    async readAll(maxEvents: number) {
      let count = 0;
      let start: Buffer = Buffer.from(EVENTS_PREFIX);
      for (;;) {
        const limit = Math.min(PAGE, maxEvents - count);
        const page = await client.getAll().inRange({ start, end: EVENTS_END }).limit(limit).exec();
        count += page.kvs.length;
        if (!page.more || page.kvs.length === 0 || count >= maxEvents) return count;
        // Continue just after the last key returned (appending a zero byte).
        start = Buffer.concat([page.kvs[page.kvs.length - 1].key, Buffer.from([0])]);
      }
    },

    async subscribeProbes(onProbe: (probe: LagProbe, receivedAt: number) => void): Promise<Closable> {
      const watcher = await client.watch().prefix(PROBE_PREFIX).create();
      watcher.on('put', (kv) => {
        // Decoded first: the EventStoreDB client also hands over parsed JSON.
        const probe = JSON.parse(kv.value.toString()) as LagProbe;
        onProbe(probe, performance.now());
      });
      watcher.on('error', (err) => {
        if (!closed) console.error(`etcd: watch failed: ${err.message}`);
      });
      return { close: () => watcher.cancel() };
    },

    async sendProbe(probe: LagProbe) {
      await client.put(`${PROBE_PREFIX}${String(probe.seq).padStart(10, '0')}`).value(JSON.stringify(probe)).exec();
    },

    async close() {
      closed = true;
      client.close();
    },
  };
}
