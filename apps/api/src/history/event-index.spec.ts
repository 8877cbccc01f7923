/** The columnar event index: filters, both orders, paging limits, time lookups, backfill order. */
import type { RecordedEvent } from '@chronokube/core';
import { Category } from './event-columns';
import { EventIndex, type IndexFilter } from './event-index';
import type { EventLog } from '../store/event-log';

function event(position: number, stream: string, type: string, meta: Record<string, unknown> = {}, data: unknown = {}): RecordedEvent {
  return { position, streamId: stream, type, revision: 0n, data, id: `id-${position}`, time: 1_000 * position, metadata: { actor: 'alice', verb: 'create', correlationId: `c-${position}`, ...meta } };
}

const all = (f: Partial<IndexFilter> = {}): IndexFilter => ({ category: Category.Object, after: 0, upTo: Number.MAX_SAFE_INTEGER, ...f });

async function indexOf(events: RecordedEvent[], noise?: (e: RecordedEvent) => boolean): Promise<EventIndex> {
  const index = new EventIndex(noise);
  await index.backfill({ readRange: async function* () {} } as unknown as EventLog, 0);
  for (const e of events) index.add(e);
  return index;
}

const positions = (index: EventIndex, rows: number[]): number[] => rows.map((r) => index.columns.position[r]);

describe('EventIndex', () => {
  const story = [
    event(10, 'pod-default.web-1', 'PodCreated', { correlationId: 'req-1' }),
    event(20, 'pod-default.web-1', 'PodBound', { actor: 'system:controller:scheduler', verb: 'create', correlationId: 'req-1' }),
    event(30, 'lease-kube-node-lease.n1', 'LeaseUpdated', { actor: 'system:node:n1', verb: 'update' }),
    event(40, 'audit-2026-12-05', 'RequestRefused', {}, { user: 'victor', verb: 'delete', resource: 'pods', namespace: 'prod', code: 403 }),
    event(50, 'pod-prod.db-0', 'PodCreated', { actor: 'bob' }),
    event(60, 'incident-abc', 'IncidentOpened'),
    event(70, 'node-n1', 'NodeStatusChanged', { actor: 'system:node:n1', verb: 'update' }),
  ];

  it('filters object events by kind, namespace, name, actor (exact and prefix), verb, types and correlation', async () => {
    const index = await indexOf(story);
    expect(positions(index, index.scan(all(), 'asc', 100).rows)).toEqual([10, 20, 30, 50, 70]);
    expect(positions(index, index.scan(all({ kind: 'Pod' }), 'asc', 100).rows)).toEqual([10, 20, 50]);
    expect(positions(index, index.scan(all({ namespace: 'prod' }), 'asc', 100).rows)).toEqual([50]);
    expect(positions(index, index.scan(all({ name: 'web-1', types: ['PodBound', 'PodDeleted'] }), 'asc', 100).rows)).toEqual([20]);
    expect(positions(index, index.scan(all({ actor: 'system:node:*' }), 'asc', 100).rows)).toEqual([30, 70]);
    expect(positions(index, index.scan(all({ actor: 'system:node:n1', verb: 'update' }), 'asc', 100).rows)).toEqual([30, 70]);
    expect(positions(index, index.scan(all({ correlationId: 'req-1' }), 'asc', 100).rows)).toEqual([10, 20]);
    expect(index.scan(all({ actor: 'nobody' }), 'asc', 100).rows).toEqual([]);
    expect(index.scan(all({ kind: 'Deployment' }), 'asc', 100).rows).toEqual([]);
    expect(positions(index, index.scan(all({ readable: (ns) => ns !== 'prod' }), 'asc', 100).rows)).toEqual([10, 20, 30, 70]);
  });

  it('keeps audit and incident streams out of object queries, each in its own category', async () => {
    const index = await indexOf(story);
    expect(positions(index, index.scan(all({ category: Category.Audit }), 'asc', 100).rows)).toEqual([40]);
    expect(positions(index, index.scan(all({ category: Category.Audit, actor: 'victor', kind: 'pods', types: ['403'] }), 'asc', 100).rows)).toEqual([40]);
    expect(index.scan(all({ category: Category.Audit, excludeTypes: ['401', '403'] }), 'asc', 100).rows).toEqual([]);
    expect(positions(index, index.scan(all({ category: Category.Incident }), 'asc', 100).rows)).toEqual([60]);
  });

  it('pages newest first or oldest first within (after, upTo], saying whether more follow', async () => {
    const index = await indexOf(story);
    const first = index.scan(all(), 'desc', 2);
    expect(positions(index, first.rows)).toEqual([70, 50]);
    expect(first.more).toBe(true);
    const next = index.scan(all({ upTo: 49 }), 'desc', 2);
    expect(positions(index, next.rows)).toEqual([30, 20]);
    expect(positions(index, index.scan(all({ after: 20, upTo: 50 }), 'asc', 10).rows)).toEqual([30, 50]);
    expect(index.scan(all({ after: 20, upTo: 50 }), 'asc', 10).more).toBe(false);
  });

  it('drops noise only when asked', async () => {
    const index = await indexOf(story, (e) => e.type.startsWith('Lease'));
    expect(positions(index, index.scan(all({ excludeNoise: true }), 'asc', 100).rows)).toEqual([10, 20, 50, 70]);
  });

  it('maps positions to times and times to the last position at or before them', async () => {
    const index = await indexOf(story);
    expect(index.timeAt(30)).toBe(30_000);
    expect(index.timeAt(31)).toBeUndefined();
    expect(index.positionAtTime(30_000)).toBe(30);
    expect(index.positionAtTime(35_000)).toBe(30);
    expect(index.positionAtTime(9_999)).toBe(0);
    expect(index.caughtUpTo).toBe(70);
    expect(positions(index, index.rowsWithIds(['id-20', 'id-60', 'missing']))).toEqual([20, 60]);
  });

  it('indexes the backfilled log first and what arrived meanwhile after it, each position once', async () => {
    const index = new EventIndex();
    index.add(story[4]);
    index.add(story[6]);
    const log = { readRange: async function* () { yield* story.slice(0, 4); yield story[4]; } } as unknown as EventLog;
    await index.backfill(log, 50);
    index.add(story[6]);
    expect(index.columns.length).toBe(6);
    expect(Array.from(index.columns.position.subarray(0, 6))).toEqual([10, 20, 30, 40, 50, 70]);
  });

  it('anchors the time of a start position it holds no event for', () => {
    const index = new EventIndex();
    index.anchor(5, 5_000);
    expect(index.positionAtTime(6_000)).toBe(5);
    expect(index.scan(all(), 'asc', 10).rows).toEqual([]);
  });

  it('grows past its initial capacity', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => event(i + 1, `configmap-default.c${i % 7}`, 'ConfigMapUpdated'));
    const index = await indexOf(many);
    expect(index.scan(all({ name: 'c3' }), 'asc', 10_000).rows).toHaveLength(many.filter((_, i) => i % 7 === 3).length);
  });
});
