/**
 * The sustained load written straight into the server's store: the same
 * label merge patches as load.ts, but each one decided in this process on
 * the API server's own write path (apply-patch.ts's merge patch, the field
 * manager's Update entry, core's decide, request-context.ts's metadata,
 * EventSigner with the install's history key, metadata sent as bytes as
 * EventStoreService.append sends them) and appended with the official
 * client with the pod stream's revision as expectedRevision. So every
 * append is the PodUpdated event a PATCH from the bench's client would
 * have produced (actor = the admin token's user, verb patch, same
 * userAgent, requestURI, a fresh correlation id), and the projection, the
 * live gateway and the page fold it like any other, while the HTTP front,
 * which sustains ~100 writes/s on a loaded machine, is not in the way.
 *
 * Deciding costs ~0.6 ms a write here (merge patch, managed fields,
 * admission, diff), more than the 0.5 ms a write 2,000/s allows on a
 * shared 2-core machine, so prepare() decides the whole schedule before
 * the window from the log's own state (every event up to the head folded
 * into a ClusterState, as the projection does; each decision folded on
 * top), each with `now` = its due time on a schedule anchored where
 * prepare() expects to finish; run() starts at that anchor (or at once if
 * late, reporting by how much) and only appends in the window. An append
 * that loses a race (another writer moved the pod's stream) re-reads that
 * stream and decides again, and that pod's later writes are decided when
 * due, as the API's ObjectWriter retries a patch.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { jsonEvent, WrongExpectedVersionError, type EventData } from '@eventstore/db-client';
import { ClusterState, decide, eventType, evolve, resourceForKind, streamName, type DomainEventData, type KubeObject, type ResourceInfo } from '@chronokube/core';
import { applyPatch } from '../../apps/api/src/commands/apply-patch';
import { ManagedFields } from '../../apps/api/src/commands/managed-fields';
import { eventMetadata, type RequestContext } from '../../apps/api/src/commands/request-context';
import { parseTokenFile, type UserInfo } from '../../apps/api/src/auth/token-file';
import { EventSigner } from '../../apps/api/src/store/event-signer';
import { EventStoreService } from '../../apps/api/src/store/event-store.service';
import type { ApiServer } from '../api/server';
import { SEQ_LABEL, writeLoadResult, type WriteLoadResult } from './load';

const NAMESPACE = 'default';
/** The bench's KubeClient's user agent (cluster.ts clientFor): the client these patches stand in for. */
const USER_AGENT = 'chronokube-bench/0.1';
/** What the API records as the source of a loopback request. */
const SOURCE_IP = '127.0.0.1';
/** The pacer wakes this often and starts every write due by then (a batch per tick). */
const TICK_MS = 5;
/** Decide-and-append attempts per write, as ObjectWriter's MAX_ATTEMPTS. */
const MAX_ATTEMPTS = 8;
const UTF8 = new TextEncoder();

interface PodVersion {
  object: KubeObject;
  revision: bigint;
}

/** One write of the schedule, decided ahead: what to append where. */
interface Planned {
  pod: string;
  seq: string;
  stream: string;
  /** The pod stream's revision it was decided against. */
  expected: bigint;
  events: EventData[];
}

export interface StoreLoadResult extends WriteLoadResult {
  /** Appends that lost an optimistic-concurrency race and were decided again. */
  conflicts: number;
  /** Folding the log for the pods' versions, then deciding the schedule (both before the window). */
  prepared: { events: number; foldMs: number; decided: number; decideMs: number };
  /** How late the window started after the anchor the schedule's decision times were set for (0 when on time). */
  lateStartMs: number;
}

/** The API server's store, its history key and the admin user, for writing as the API would. */
export class StoreWriteLoad {
  private readonly managedFields = new ManagedFields();
  private readonly pod: ResourceInfo;
  /** Each pod's version after the last write decided so far (ahead or live). */
  private readonly versions = new Map<string, PodVersion>();
  private plan: Planned[] = [];
  private plannedFor = { pods: [] as readonly string[], rate: 0, durationMs: 0 };
  /** Epoch ms the schedule's decision times start at. */
  private anchor = 0;
  private prepared = { events: 0, foldMs: 0, decided: 0, decideMs: 0 };

  private constructor(private readonly store: EventStoreService, private readonly signer: EventSigner, private readonly user: UserInfo) {
    const pod = resourceForKind('Pod');
    if (!pod) throw new Error('no Pod resource in libs/core');
    this.pod = pod;
  }

  /** Connects to the server's embedded store with its credentials and reads the history key and admin user from `dataDir`. */
  static open(server: ApiServer, dataDir: string): StoreWriteLoad {
    const users = parseTokenFile(readFileSync(join(dataDir, 'tokens.csv'), 'utf8'));
    const user = users.get(server.endpoint.token);
    if (!user) throw new Error('the admin token is not in tokens.csv');
    const historyKey = readFileSync(join(dataDir, 'history-key'));
    // Reads of the log go straight to the embedded store's file, as the server's own history reads do; appends go through the client.
    const store = new EventStoreService(server.eventstore, {
      historyKey,
      eventstoreFile: join(dataDir, 'eventstore', 'events.sqlite'),
      log: (line) => console.log(`  store load: ${line}`),
    });
    return new StoreWriteLoad(store, new EventSigner(historyKey), user);
  }

  /**
   * Folds the whole log and decides the schedule of run(pods, rate,
   * durationMs): patch i (pod i mod pods.length, label = i) due at
   * anchor + i/rate, where the anchor is when this is expected to finish.
   */
  async prepare(pods: readonly string[], ratePerSec: number, durationMs: number): Promise<void> {
    const t0 = performance.now();
    const head = await this.store.headPosition();
    const state = new ClusterState();
    let events = 0;
    for await (const event of this.store.readRange(0, head)) {
      state.apply(event);
      events++;
    }
    for (const name of pods) {
      const stored = state.get(this.pod, NAMESPACE, name);
      if (!stored) throw new Error(`pod ${name} is not in the log up to ${head}`);
      this.versions.set(name, { object: stored.object, revision: stored.revision });
    }
    const t1 = performance.now();
    const offered = Math.floor((ratePerSec * durationMs) / 1000);
    // The cost of a decision, from a few thrown away (decide is pure), sets the anchor.
    const sample = Math.min(200, offered);
    const c0 = performance.now();
    for (let i = 0; i < sample; i++) this.decideWrite(pods[i % pods.length], `${i}`, new Date(), this.versions.get(pods[i % pods.length])!);
    const perWrite = sample ? (performance.now() - c0) / sample : 0;
    this.anchor = Date.now() + perWrite * offered * 1.25 + 500;
    const plan: Planned[] = [];
    for (let i = 0; i < offered; i++) {
      const pod = pods[i % pods.length];
      const now = new Date(this.anchor + (i * 1000) / ratePerSec);
      const current = this.versions.get(pod)!;
      const { stream, events, next } = this.decideWrite(pod, String(i), now, current);
      plan.push({ pod, seq: String(i), stream, expected: current.revision, events });
      // The position is known only once appended; a stand-in keeps the fold going (resourceVersion is not in the patch).
      this.versions.set(pod, { object: next, revision: current.revision + BigInt(events.length) });
    }
    this.plan = plan;
    this.plannedFor = { pods, rate: ratePerSec, durationMs };
    this.prepared = { events, foldMs: t1 - t0, decided: offered, decideMs: performance.now() - t1 };
  }

  /**
   * One label patch as PATCH /api/v1/namespaces/default/pods/NAME with a
   * merge patch decides it at `now` against `current`: the events to
   * append (signed, metadata as bytes) and the object they make.
   */
  private decideWrite(name: string, seq: string, now: Date, current: PodVersion): { stream: string; events: EventData[]; next: KubeObject } {
    const stream = streamName('Pod', NAMESPACE, name);
    const requestId = randomUUID();
    const ctx: RequestContext = {
      user: this.user,
      verb: 'patch',
      userAgent: USER_AGENT,
      sourceIP: SOURCE_IP,
      requestURI: `/api/v1/namespaces/${NAMESPACE}/pods/${name}`,
      correlationId: requestId,
      causationId: requestId,
      dryRun: false,
      now,
    };
    // PatchObjectHandler's path for a merge patch of the object itself.
    let object = applyPatch('merge', 'Pod', current.object, { metadata: { labels: { [SEQ_LABEL]: seq } } });
    object = this.managedFields.onUpdate(this.pod, current.object, object, ctx, undefined);
    const decision = decide({ type: 'Update', resource: this.pod, object, now }, current.object, name);
    if (decision.events.length === 0) throw new Error(`the patch of ${name} to ${seq} decided no event`);
    const metadata = eventMetadata(ctx);
    let next: KubeObject | undefined = current.object;
    const events = decision.events.map((e) => {
      next = evolve(next, e as DomainEventData, current.object.metadata.resourceVersion ?? '0');
      const type = eventType(e);
      // As EventStoreService.append: each event signs its own stream, type and data; metadata goes as bytes.
      const meta = UTF8.encode(JSON.stringify(this.signer.sign(stream, type, e.data, metadata)));
      return jsonEvent({ id: randomUUID(), type, data: e.data as never, metadata: meta as never });
    });
    if (!next) throw new Error(`the patch of ${name} deleted it`);
    return { stream, events, next };
  }

  /** Re-reads one pod's stream (after a lost race). */
  private async reload(name: string): Promise<PodVersion> {
    const state = new ClusterState();
    for (const event of await this.store.readStream(streamName('Pod', NAMESPACE, name))) state.apply(event);
    const stored = state.get(this.pod, NAMESPACE, name);
    if (!stored) throw new Error(`pod ${name} is gone from the log`);
    return { object: stored.object, revision: stored.revision };
  }

  /**
   * Appends one planned write; after a lost race (or once its pod has had
   * one) it decides the write again, now, against the stream as stored.
   * Resolves the commit position of its event and the races it lost.
   */
  private async write(p: Planned, live: Set<string>): Promise<{ position: number; conflicts: number }> {
    let conflicts = 0;
    let { stream, events, expected } = p;
    if (live.has(p.pod)) ({ stream, events, expected } = await this.redecide(p));
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.store.client.appendToStream(stream, events, { expectedRevision: expected });
        return { position: Number(result.position?.commit ?? 0n), conflicts };
      } catch (err) {
        if (!(err instanceof WrongExpectedVersionError) || attempt >= MAX_ATTEMPTS) throw err;
        conflicts++;
        live.add(p.pod);
        ({ stream, events, expected } = await this.redecide(p));
      }
    }
  }

  private async redecide(p: Planned): Promise<Planned> {
    const current = await this.reload(p.pod);
    const { stream, events } = this.decideWrite(p.pod, p.seq, new Date(), current);
    return { ...p, stream, events, expected: current.revision };
  }

  /**
   * Runs the schedule prepare() decided: every TICK_MS the writes due by
   * then start (a batch per tick), up to `inFlight` outstanding; writes of
   * one pod never overlap. As in load.ts, a write that could not start
   * before the window closed is not sent.
   */
  async run(pods: readonly string[], ratePerSec: number, durationMs: number, inFlight: number): Promise<StoreLoadResult> {
    const f = this.plannedFor;
    if (f.pods !== pods || f.rate !== ratePerSec || f.durationMs !== durationMs) throw new Error('run() must follow prepare() with the same pods, rate and duration');
    const plan = this.plan;
    const offered = plan.length;
    const acks: WriteLoadResult['acks'] = [];
    const latest = new Map<string, { rv: bigint; seq: string }>();
    const errorSamples: string[] = [];
    const perPod = new Map<string, Promise<void>>();
    let outstanding = 0;
    // Woken when a write finishes (one waiter: the pacer); no Promise.race over hundreds of writes per completion.
    let slotFreed: (() => void) | undefined;
    const live = new Set<string>();
    let next = 0;
    let sent = 0;
    let errors = 0;
    let conflicts = 0;
    let lastDone = 0;
    const early = this.anchor - Date.now();
    if (early > 0) await new Promise((r) => setTimeout(r, early));
    const lateStartMs = Math.max(0, -early);
    const start = performance.now();
    const end = start + durationMs;
    const launch = (p: Planned) => {
      sent++;
      const run = (perPod.get(p.pod) ?? Promise.resolve()).then(async () => {
        try {
          const out = await this.write(p, live);
          conflicts += out.conflicts;
          const rv = BigInt(out.position);
          acks.push({ at: performance.timeOrigin + performance.now(), resourceVersion: rv });
          const prev = latest.get(p.pod);
          if (!prev || prev.rv < rv) latest.set(p.pod, { rv, seq: p.seq });
        } catch (err) {
          errors++;
          // Its pod's later planned writes expect the revision this one would have made.
          live.add(p.pod);
          if (errorSamples.length < 3) errorSamples.push(`append to ${p.stream}: ${(err as Error).message}`);
        }
        lastDone = performance.now();
      });
      perPod.set(p.pod, run);
      outstanding++;
      void run.finally(() => {
        outstanding--;
        if (perPod.get(p.pod) === run) perPod.delete(p.pod);
        slotFreed?.();
        slotFreed = undefined;
      });
    };
    while (next < offered) {
      const now = performance.now();
      if (now >= end) break;
      const due = Math.min(offered, Math.floor(((now - start) * ratePerSec) / 1000) + 1);
      while (next < due && outstanding < inFlight) launch(plan[next++]);
      if (next < due && outstanding >= inFlight) await new Promise<void>((r) => (slotFreed = r));
      else await new Promise((r) => setTimeout(r, TICK_MS));
    }
    while (outstanding > 0) await new Promise<void>((r) => (slotFreed = r));
    this.plan = [];
    return {
      ...writeLoadResult({ offered, sent, errors, errorSamples, acks, latest, durationMs, busyMs: lastDone - start }),
      conflicts,
      prepared: this.prepared,
      lateStartMs,
    };
  }

  async close(): Promise<void> {
    await this.store.close();
  }
}
