/**
 * The history API over HTTPS against the running server, one request at a
 * time (latency, not throughput): state at random points (cold, then warm),
 * diffs, filtered event queries and histograms, object timelines and
 * why-trees. Every point is a real event position drawn afresh (seeded), so
 * no measured query repeats a point an earlier one built; each answer is
 * checked for its kind and shape, and a wrong one is a problem, not a figure.
 */
import { EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import { streamName } from '@chronokube/core';
import { ApiClient } from '../api/client';
import { summarize, type LatencySummary } from '../eventstore/stats';
import type { SeededLog, ObjectName } from './seed';

const BASE = '/apis/history.chronokube.io/v1';

/** How many of each query; small enough that the whole set runs in about a minute. */
export interface QueryCounts {
  /** Whole-cluster and namespace states right after start (each). */
  cold: number;
  /** Unmeasured fresh-point states before the warm series. */
  warmup: number;
  /** Warm states (each of whole cluster and namespace). */
  warm: number;
  diffs: number;
  queries: number;
  timelines: number;
  whys: number;
}

/** One series of states: end-to-end times, the server's own (Server-Timing `app`), sizes. */
export interface StateSeries {
  cluster: number[];
  namespace: number[];
  app: { cluster: number[]; namespace: number[] };
  items: { cluster: number; namespace: number };
  bytes: number;
}

type Pair = { cluster: LatencySummary; namespace: LatencySummary };

export interface QueryFigures {
  cold: Pair;
  warm: Pair;
  /**
   * The server's time to build each answer (its Server-Timing `app`
   * figure): the time travel itself, without serializing and sending
   * thousands of objects, which `/state?at=now` pays just the same.
   */
  app: { cold: Pair; warm: Pair; diff: LatencySummary; stateNow: Pair };
  /** Items in the answers (mean), so the sizes are known. */
  items: { cluster: number; namespace: number };
  /** Mean body size of a whole-cluster state (bytes). */
  clusterBytes: number;
  diff: LatencySummary;
  diffChanged: number;
  events: LatencySummary;
  eventItems: number;
  histogram: LatencySummary;
  timeline: LatencySummary;
  timelineVersions: number;
  why: LatencySummary;
  whyTreeSize: number;
  /** The same reads without the history API: official-client reads of what each answer is built from. */
  floor: {
    /** `/state?at=now`: the live state, same slices, no time travel. */
    stateNow: { cluster: LatencySummary; namespace: LatencySummary };
    /** `/diff?from=now&to=now`: the whole-cluster comparison and its HTTP, no folding. */
    diffNow: LatencySummary;
    /** A read of as many events as the page holds, from the window's start. */
    eventsRead: LatencySummary;
    /** readStream of the same object's stream. */
    streamRead: LatencySummary;
    /** A read of as many events as the why-tree holds. */
    treeRead: LatencySummary;
  };
}

/** A seeded PRNG (xorshift32), so a rerun aims at the same points. */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

export class HistoryQueries {
  private readonly random = prng(20261205);
  private readonly objects: ObjectName[];

  constructor(private readonly client: ApiClient, private readonly store: EventStoreDBClient, private readonly log: SeededLog) {
    this.objects = [...log.objects.values()];
  }

  /** A real event position not drawn before. */
  private point(): number {
    const p = this.log.positions;
    return p[Math.floor(this.random() * p.length)];
  }

  private async get<T>(scenario: string, path: string): Promise<{ ms: number; appMs: number; body?: T; bytes: number }> {
    const t = performance.now();
    const res = await this.client.send('GET', `${BASE}${path}`, { scenario });
    const ms = performance.now() - t;
    const appMs = serverDuration(res.serverTiming, 'app');
    if (!res.ok) return { ms, appMs, bytes: 0 };
    return { ms, appMs, body: JSON.parse(res.body.toString('utf8')) as T, bytes: res.body.length };
  }

  /** Reads up to `count` events of $all from `position` (inclusive) through the official client; ms. */
  private async readAll(position: number, count: number): Promise<number> {
    const t = performance.now();
    const from = position === 0 ? START : { commit: BigInt(position), prepare: BigInt(position) };
    for await (const e of this.store.readAll({ fromPosition: from, direction: FORWARDS, maxCount: Math.max(1, count) })) void e;
    return performance.now() - t;
  }

  /** Reads one stream to its end through the official client; ms. */
  private async readStream(stream: string): Promise<number> {
    const t = performance.now();
    for await (const e of this.store.readStream(stream, { fromRevision: START, direction: FORWARDS })) void e;
    return performance.now() - t;
  }

  private wrong(scenario: string, path: string, what: string): void {
    this.client.problems.record({ scenario, request: `GET ${BASE}${path}`, status: 200, response: what });
  }

  /** `n` states of the whole cluster and `n` of namespace team-3, interleaved, at fresh points (or all at `now`). */
  async states(n: number, now = false): Promise<StateSeries> {
    const cluster: number[] = [];
    const namespace: number[] = [];
    const app = { cluster: [] as number[], namespace: [] as number[] };
    let clusterItems = 0;
    let nsItems = 0;
    let bytes = 0;
    for (let i = 0; i < n; i++) {
      for (const slice of ['', '&namespace=team-3']) {
        const path = `/state?at=${now ? 'now' : this.point()}${slice}`;
        const r = await this.get<{ kind: string; items: unknown[] }>('state', path);
        if (r.body?.kind !== 'ClusterState' || !(r.body.items.length > 0)) {
          this.wrong('state', path, `not a non-empty ClusterState: ${JSON.stringify(r.body)?.slice(0, 200)}`);
          continue;
        }
        if (Number.isFinite(r.appMs)) app[slice ? 'namespace' : 'cluster'].push(r.appMs);
        if (slice) {
          namespace.push(r.ms);
          nsItems += r.body.items.length;
        } else {
          cluster.push(r.ms);
          clusterItems += r.body.items.length;
          bytes += r.bytes;
        }
      }
    }
    return { cluster, namespace, app, items: { cluster: clusterItems / Math.max(1, cluster.length), namespace: nsItems / Math.max(1, namespace.length) }, bytes: bytes / Math.max(1, cluster.length) };
  }

  /** Every query of the bench after the cold states, in order. */
  async run(counts: QueryCounts, cold: StateSeries): Promise<QueryFigures> {
    let phase = performance.now();
    const done = (what: string) => {
      console.log(`history:   ${what} (${((performance.now() - phase) / 1000).toFixed(1)} s)`);
      phase = performance.now();
    };
    await this.states(counts.warmup);
    const warm = await this.states(counts.warm);
    done('states');

    const diffs: number[] = [];
    const diffApp: number[] = [];
    let changed = 0;
    for (let i = 0; i < counts.diffs; i++) {
      const [a, b] = [this.point(), this.point()].sort((x, y) => x - y);
      const path = `/diff?from=${a}&to=${b}`;
      const r = await this.get<{ kind: string; changed: unknown[] }>('diff', path);
      if (r.body?.kind !== 'ClusterDiff') this.wrong('diff', path, 'not a ClusterDiff');
      else {
        diffs.push(r.ms);
        if (Number.isFinite(r.appMs)) diffApp.push(r.appMs);
        changed += r.body.changed.length;
      }
    }

    done('diffs');
    const diffNow: number[] = [];
    for (let i = 0; i < Math.min(20, counts.diffs); i++) {
      const r = await this.get<{ kind: string }>('diff', '/diff?from=now&to=now');
      if (r.body?.kind === 'ClusterDiff') diffNow.push(r.ms);
    }
    const stateNow = await this.states(Math.min(20, counts.warm), true);

    // A tenth of the log's appends wide: a user's edits of ConfigMaps in that range, noise left out.
    const events: number[] = [];
    const eventsRead: number[] = [];
    const histograms: number[] = [];
    let eventItems = 0;
    const p = this.log.positions;
    const width = Math.max(1, Math.floor(p.length / 10));
    for (let i = 0; i < counts.queries; i++) {
      const start = Math.floor(this.random() * (p.length - width));
      const filters = `actor=alice&kind=ConfigMap&excludeNoise=true&from=${p[start]}&to=${p[start + width - 1]}`;
      const path = `/events?${filters}&limit=100`;
      const r = await this.get<{ kind: string; items: unknown[] }>('events', path);
      if (r.body?.kind !== 'EventList' || !Array.isArray(r.body.items)) this.wrong('events', path, 'not an EventList');
      else {
        events.push(r.ms);
        eventItems += r.body.items.length;
        eventsRead.push(await this.readAll(p[start], r.body.items.length));
      }
      const hpath = `/histogram?${filters}&bucket=1s`;
      const h = await this.get<{ kind: string; buckets: unknown[] }>('histogram', hpath);
      if (h.body?.kind !== 'EventHistogram' || !Array.isArray(h.body.buckets)) this.wrong('histogram', hpath, 'not an EventHistogram');
      else histograms.push(h.ms);
    }

    done('events and histograms');
    const timelines: number[] = [];
    const streamRead: number[] = [];
    let versions = 0;
    for (let i = 0; i < counts.timelines; i++) {
      const o = this.objects[Math.floor(this.random() * this.objects.length)];
      const path = `/timeline?kind=${o.kind}&name=${encodeURIComponent(o.name)}${o.namespace ? `&namespace=${o.namespace}` : ''}`;
      const r = await this.get<{ kind: string; versions: unknown[] }>('timeline', path);
      if (r.body?.kind !== 'ObjectTimeline' || r.body.versions.length === 0) this.wrong('timeline', path, 'not a non-empty ObjectTimeline');
      else {
        timelines.push(r.ms);
        versions += r.body.versions.length;
        streamRead.push(await this.readStream(streamName(o.kind, o.namespace, o.name)));
      }
    }

    done('timelines');
    const whys: number[] = [];
    const treeRead: number[] = [];
    let treeSize = 0;
    const ids = this.log.podEventIds;
    for (let i = 0; i < counts.whys; i++) {
      const path = `/why?event=${ids[Math.floor(this.random() * ids.length)]}`;
      const r = await this.get<{ kind: string; rootKind: string; tree: unknown }>('why', path);
      if (r.body?.kind !== 'Why' || r.body.rootKind !== 'request') this.wrong('why', path, `not a Why rooted in a request: ${JSON.stringify(r.body)?.slice(0, 300)}`);
      else {
        whys.push(r.ms);
        const size = countNodes(r.body.tree);
        treeSize += size;
        treeRead.push(await this.readAll(this.point(), size));
      }
    }

    done('whys');
    return {
      cold: { cluster: summarize(cold.cluster), namespace: summarize(cold.namespace) },
      warm: { cluster: summarize(warm.cluster), namespace: summarize(warm.namespace) },
      app: {
        cold: { cluster: summarize(cold.app.cluster), namespace: summarize(cold.app.namespace) },
        warm: { cluster: summarize(warm.app.cluster), namespace: summarize(warm.app.namespace) },
        diff: summarize(diffApp),
        stateNow: { cluster: summarize(stateNow.app.cluster), namespace: summarize(stateNow.app.namespace) },
      },
      items: warm.items,
      clusterBytes: warm.bytes,
      diff: summarize(diffs),
      diffChanged: changed / Math.max(1, diffs.length),
      events: summarize(events),
      eventItems: eventItems / Math.max(1, events.length),
      histogram: summarize(histograms),
      timeline: summarize(timelines),
      timelineVersions: versions / Math.max(1, timelines.length),
      why: summarize(whys),
      whyTreeSize: treeSize / Math.max(1, whys.length),
      floor: {
        stateNow: { cluster: summarize(stateNow.cluster), namespace: summarize(stateNow.namespace) },
        diffNow: summarize(diffNow),
        eventsRead: summarize(eventsRead),
        streamRead: summarize(streamRead),
        treeRead: summarize(treeRead),
      },
    };
  }
}

function countNodes(node: unknown): number {
  const n = node as { children?: unknown[] } | undefined;
  return n ? 1 + (n.children ?? []).reduce<number>((s, c) => s + countNodes(c), 0) : 0;
}

/** The `dur` of metric `name` in a Server-Timing header (NaN when absent). */
function serverDuration(header: string | undefined, name: string): number {
  for (const metric of (header ?? '').split(',')) {
    const [metricName, ...params] = metric.trim().split(';');
    if (metricName !== name) continue;
    for (const p of params) {
      const [k, v] = p.trim().split('=');
      if (k === 'dur') return Number(v);
    }
  }
  return Number.NaN;
}
