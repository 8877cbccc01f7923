import { podKey } from './pod-helpers';
import { SchedulingQueue } from './scheduling-queue';
import { makePod } from './testing.spec-helper';

function drain(q: SchedulingQueue): string[] {
  const out: string[] = [];
  for (let p = q.pop(); p; p = q.pop()) out.push(p.metadata.name!);
  return out;
}

/** Pop `name` (it must be next) and mark it unschedulable at `now`. */
function fail(q: SchedulingQueue, name: string, now: number): void {
  const p = q.pop();
  expect(p?.metadata.name).toBe(name);
  expect(q.markUnschedulable(p!, now)).toBe(true);
}

describe('SchedulingQueue ordering', () => {
  it('pops higher priority first, then first come first served', () => {
    const q = new SchedulingQueue();
    q.add(makePod('low-1', { priority: 0 }), 1);
    q.add(makePod('high', { priority: 100 }), 2);
    q.add(makePod('low-2', { priority: 0 }), 3);
    q.add(makePod('mid', { priority: 50 }), 4);
    q.add(makePod('low-0', { priority: 0 }), 0);
    expect(drain(q)).toEqual(['high', 'mid', 'low-0', 'low-1', 'low-2']);
  });

  it('keeps FIFO for pods added at the same instant', () => {
    const q = new SchedulingQueue();
    for (const n of ['c', 'a', 'b']) q.add(makePod(n), 5);
    expect(drain(q)).toEqual(['c', 'a', 'b']);
  });

  it('re-orders a queued pod whose priority is updated, without duplicating it', () => {
    const q = new SchedulingQueue();
    q.add(makePod('a'), 1);
    q.add(makePod('b'), 2);
    expect(q.update(makePod('b', { priority: 10 }))).toBe(true);
    q.add(makePod('a'), 3); // a re-add keeps its place and does not duplicate
    expect(drain(q)).toEqual(['b', 'a']);
    expect(q.update(makePod('unknown'))).toBe(false);
  });
});

describe('SchedulingQueue backoff', () => {
  it('doubles the retry delay per attempt from 1s up to 10s', () => {
    const q = new SchedulingQueue();
    expect([1, 2, 3, 4, 5, 6].map((n) => q.backoffDuration(n))).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
  });

  it('parks an unschedulable pod until a cluster event, then honours its backoff', () => {
    const q = new SchedulingQueue();
    q.add(makePod('p'), 0);
    fail(q, 'p', 100);
    expect(q.sizes()).toEqual({ active: 0, backoff: 0, unschedulable: 1, inFlight: 0 });
    expect(q.flushBackoff(10_000)).toBe(0); // no event: it stays parked
    expect(q.pop()).toBeUndefined();

    expect(q.moveAllToActive(600, 'NodeAdd')).toBe(1); // backoff (1s from t=100) not over
    expect(q.sizes()).toMatchObject({ backoff: 1, unschedulable: 0 });
    expect(q.nextBackoffExpiry()).toBe(1100);
    expect(q.flushBackoff(1099)).toBe(0);
    expect(q.flushBackoff(1100)).toBe(1);
    expect(q.pop()?.metadata.name).toBe('p');
  });

  it('grows the delay with each failed attempt', () => {
    const q = new SchedulingQueue();
    q.add(makePod('p'), 0);
    let now = 0;
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      fail(q, 'p', now);
      q.moveAllToActive(now, 'NodeUpdate');
      const expiry = q.nextBackoffExpiry()!;
      delays.push(expiry - now);
      now = expiry;
      q.flushBackoff(now);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 10000]);
    expect(q.attempts('default/p')).toBe(5);
  });

  it('sends a pod straight to active on an event after its backoff expired', () => {
    const q = new SchedulingQueue();
    q.add(makePod('p'), 0);
    fail(q, 'p', 0);
    q.moveAllToActive(5000, 'PodDelete');
    expect(q.sizes()).toMatchObject({ active: 1, backoff: 0, unschedulable: 0 });
  });

  it('does not lose an event that arrived while the pod was being scheduled', () => {
    const q = new SchedulingQueue();
    q.add(makePod('p'), 0);
    const p = q.pop()!;
    q.moveAllToActive(10, 'NodeAdd'); // the new node was not in this attempt's snapshot
    q.markUnschedulable(p, 20);
    expect(q.sizes()).toMatchObject({ backoff: 1, unschedulable: 0 });
    expect(q.flushBackoff(1020)).toBe(1);
  });

  it('retries pods parked for 5 minutes without any event', () => {
    const q = new SchedulingQueue();
    q.add(makePod('p'), 0);
    fail(q, 'p', 0);
    expect(q.flushUnschedulableLeftover(299_999)).toBe(0);
    expect(q.flushUnschedulableLeftover(300_000)).toBe(1);
    expect(q.sizes().active).toBe(1);
  });

  it('retries an unschedulable pod when it is updated', () => {
    const q = new SchedulingQueue();
    q.add(makePod('p'), 0);
    fail(q, 'p', 0);
    expect(q.update(makePod('p', { labels: { x: 'y' } }), 500)).toBe(true);
    expect(q.sizes()).toMatchObject({ backoff: 1, unschedulable: 0 });
    expect(q.update(makePod('p', { labels: { x: 'z' } }), 2000)).toBe(true);
    expect(q.flushBackoff(2000)).toBe(1);
    expect(q.pop()?.metadata.labels).toEqual({ x: 'z' });
  });
});

describe('SchedulingQueue bookkeeping', () => {
  it('deletes a pod wherever it is, and ignores marking a deleted in-flight pod', () => {
    const q = new SchedulingQueue();
    q.add(makePod('a'), 0);
    q.add(makePod('b'), 0);
    q.add(makePod('c'), 0);
    const a = q.pop()!;
    fail(q, 'b', 0);
    expect(q.delete(podKey(a))).toBe(true);
    expect(q.markUnschedulable(a, 1)).toBe(false);
    expect(q.delete('default/b')).toBe(true);
    expect(q.delete('default/c')).toBe(true);
    expect(q.delete('default/c')).toBe(false);
    expect(q.sizes()).toEqual({ active: 0, backoff: 0, unschedulable: 0, inFlight: 0 });
  });

  it('forgets a bound pod on done, and a new add of it starts afresh', () => {
    const q = new SchedulingQueue();
    q.add(makePod('a'), 0);
    q.pop();
    expect(q.has('default/a')).toBe(true);
    q.done('default/a');
    expect(q.has('default/a')).toBe(false);
    q.add(makePod('a'), 1);
    expect(q.attempts('default/a')).toBe(0);
  });

  it('pulls a pod out of backoff when it is added again', () => {
    const q = new SchedulingQueue();
    q.add(makePod('a'), 0);
    fail(q, 'a', 0);
    q.moveAllToActive(0, 'NodeAdd');
    expect(q.sizes().backoff).toBe(1);
    q.add(makePod('a'), 0);
    expect(q.sizes()).toMatchObject({ active: 1, backoff: 0 });
  });

  it('honours custom timings', () => {
    const q = new SchedulingQueue({ initialBackoffMs: 100, maxBackoffMs: 250 });
    expect([1, 2, 3].map((n) => q.backoffDuration(n))).toEqual([100, 200, 250]);
  });
});
