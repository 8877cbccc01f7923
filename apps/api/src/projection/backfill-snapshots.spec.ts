/**
 * A projection restored from a snapshot file has no time-travel snapshots
 * before it; the backfill folder rebuilds them from the log read at start,
 * so a past state folds from the nearest one instead of from position 0.
 */
import { ClusterState, resourceForKind, sliceObjects, type RecordedEvent } from '@chronokube/core';
import type { EventLog } from '../store/event-log';
import { ProjectionService } from './projection.service';

const CM = resourceForKind('ConfigMap')!;

/** 100 events: ConfigMaps cm-0..cm-9 created, then each updated in turn. */
function log(): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  for (let i = 1; i <= 100; i++) {
    const name = `cm-${i % 10}`;
    const created = i <= 10;
    events.push({
      streamId: `configmap-default.${name}`,
      revision: BigInt(Math.floor((i - 1) / 10)),
      type: created ? 'ConfigMapCreated' : 'ConfigMapUpdated',
      data: created
        ? { object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', uid: `u${i}` }, data: { v: '0' } } }
        : { patch: [{ op: 'replace', path: '/data/v', value: String(i) }] },
      position: i,
    });
  }
  return events;
}

/** A log whose head is the restored point and whose subscription delivers nothing more. */
const quietLog = {
  verify: () => true,
  headPosition: async () => 80,
  subscribeAll: () => ({ on: () => undefined, unsubscribe: async () => undefined }),
} as unknown as EventLog;

describe('ProjectionService.backfillSnapshots', () => {
  it('takes the time-travel snapshots a full replay would have, each equal to the log folded up to it', async () => {
    const events = log();
    const full = new ClusterState();
    for (const e of events.slice(0, 80)) full.apply(e);
    const projection = new ProjectionService(quietLog, { snapshotEvery: 10, seed: { snapshot: full.toSnapshot() } });
    await projection.start();
    expect(projection.restoredFrom).toBe(80);
    // Before the backfill only position 0 lies before the restored point.
    expect(projection.snapshotAtOrBefore(55).position).toBe(0);

    const fold = projection.backfillSnapshots()!;
    for (const e of events) fold(e);

    for (const at of [9, 10, 55, 79]) {
      const snapshot = projection.snapshotAtOrBefore(at);
      expect(snapshot.position).toBe(Math.floor(at / 10) * 10);
      const expected = new ClusterState();
      for (const e of events.slice(0, snapshot.position)) expected.apply(e);
      expect(sliceObjects(ClusterState.unpack(snapshot.packed))).toEqual(sliceObjects(expected));
    }
    // The restored point keeps its own snapshot; nothing past it is added by the backfill.
    expect(projection.snapshotAtOrBefore(95).position).toBe(80);
    expect(ClusterState.unpack(projection.snapshotAtOrBefore(95).packed).get(CM, 'default', 'cm-0')?.object.data).toEqual({ v: '80' });
    await projection.stop();
  });

  it('is not needed after a full replay (nothing was restored)', () => {
    expect(new ProjectionService(quietLog).backfillSnapshots()).toBeUndefined();
  });
});
