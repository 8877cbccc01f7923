import { ApiError, findResource, type Change } from '@chronokube/core';
import { ChangeLog } from './change-log';

const CONFIGMAPS = findResource('', 'configmaps')!;

function change(position: number): Change {
  const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${position}`, namespace: 'default', resourceVersion: String(position) } };
  return {
    resource: CONFIGMAPS,
    key: `default/c${position}`,
    stream: `configmap-default.c${position}`,
    position,
    eventType: 'ConfigMapCreated',
    before: undefined,
    after: object,
  };
}

function logWith(capacity: number, positions: number[]): ChangeLog {
  const log = new ChangeLog(capacity);
  for (const p of positions) log.push(change(p));
  return log;
}

const positions = (changes: Change[]) => changes.map((c) => c.position);

function expired(log: ChangeLog, position: number): ApiError {
  try {
    log.since(position);
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error(`since(${position}) did not throw`);
}

describe('ChangeLog.since', () => {
  it('returns nothing from an empty log', () => {
    expect(new ChangeLog(10).since(0)).toEqual([]);
    expect(new ChangeLog(10).since(500)).toEqual([]);
  });

  it('returns the changes strictly after a position, oldest first', () => {
    const log = logWith(10, [10, 20, 30, 40]);
    expect(positions(log.since(0))).toEqual([10, 20, 30, 40]);
    expect(positions(log.since(9))).toEqual([10, 20, 30, 40]);
    expect(positions(log.since(10))).toEqual([20, 30, 40]);
    expect(positions(log.since(25))).toEqual([30, 40]);
    expect(positions(log.since(39))).toEqual([40]);
    expect(log.since(40)).toEqual([]);
    expect(log.since(1000)).toEqual([]);
  });

  it('returns the pushed Change objects themselves', () => {
    const log = new ChangeLog(5);
    const c = change(7);
    log.push(c);
    expect(log.since(0)[0]).toBe(c);
  });

  it('keeps all changes up to capacity', () => {
    const log = logWith(3, [1, 2, 3]);
    expect(positions(log.since(0))).toEqual([1, 2, 3]);
  });

  it('evicts the oldest change past capacity and still serves from its position', () => {
    const log = logWith(3, [10, 20, 30, 40]);
    // 10 is gone, but nothing after it is: a watch from 10 misses nothing.
    expect(positions(log.since(10))).toEqual([20, 30, 40]);
    expect(positions(log.since(15))).toEqual([20, 30, 40]);
  });

  it('answers 410 Expired for a position before the evicted change', () => {
    const log = logWith(3, [10, 20, 30, 40]);
    const err = expired(log, 9);
    expect(err.code).toBe(410);
    expect(err.reason).toBe('Expired');
    expect(err.message).toMatch(/^too old resource version: 9 \(\d+\)$/);
    expect(expired(log, 0).message).toMatch(/^too old resource version: 0 \(/);
  });

  it('keeps serving correctly after many evictions and internal compactions', () => {
    const all = Array.from({ length: 50 }, (_, i) => (i + 1) * 3);
    const log = logWith(4, all);
    // Held: the last four changes; the floor is the one before them.
    expect(positions(log.since(138))).toEqual([141, 144, 147, 150]);
    expect(positions(log.since(145))).toEqual([147, 150]);
    expect(log.since(150)).toEqual([]);
    expect(expired(log, 137).message).toMatch(/^too old resource version: 137 /);
    expect(expired(log, 3).code).toBe(410);
  });

  it('works with a capacity of one', () => {
    const log = logWith(1, [5, 6, 7]);
    expect(positions(log.since(6))).toEqual([7]);
    expect(expired(log, 5).code).toBe(410);
  });
});

describe('ChangeLog.startAfter', () => {
  it('makes positions at or before a snapshot expire while the log is empty', () => {
    const log = new ChangeLog(10);
    log.startAfter(100);
    expect(log.since(100)).toEqual([]);
    expect(log.since(250)).toEqual([]);
    const err = expired(log, 99);
    expect(err.code).toBe(410);
    expect(err.message).toMatch(/^too old resource version: 99 \(\d+\)$/);
  });

  it('serves changes pushed after the snapshot position', () => {
    const log = new ChangeLog(10);
    log.startAfter(100);
    log.push(change(110));
    log.push(change(120));
    expect(positions(log.since(100))).toEqual([110, 120]);
    expect(expired(log, 50).code).toBe(410);
  });

  it('never lowers the floor', () => {
    const log = new ChangeLog(10);
    log.startAfter(100);
    log.startAfter(50);
    expect(expired(log, 60).code).toBe(410);
  });

  it('is ignored once the log holds changes', () => {
    const log = logWith(10, [10, 20]);
    log.startAfter(15);
    expect(positions(log.since(0))).toEqual([10, 20]);
  });
});

describe('at', () => {
  it('finds the change made at exactly a position while it is held, nothing between or before', () => {
    const log = logWith(3, [10, 20, 30, 40]);
    expect(log.at(30)?.key).toBe('default/c30');
    expect(log.at(40)?.key).toBe('default/c40');
    expect(log.at(25)).toBeUndefined();
    expect(log.at(50)).toBeUndefined();
    // 10 fell out of the capacity of 3.
    expect(log.at(10)).toBeUndefined();
  });
});
