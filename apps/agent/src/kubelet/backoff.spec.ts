import { Backoff } from './backoff';

describe('Backoff', () => {
  const o = { baseMs: 10, maxMs: 40, resetAfterMs: 1000 };

  it('doubles per failure up to the cap, counting each end once', () => {
    const b = new Backoff(o);
    expect(b.failed('p/c', 100, 5)).toBe(10);
    expect(b.failed('p/c', 100, 5)).toBe(10); // the same end seen again
    expect(b.remaining('p/c', 105)).toBe(5);
    expect(b.failed('p/c', 200, 5)).toBe(20);
    expect(b.failed('p/c', 300, 5)).toBe(40);
    expect(b.failed('p/c', 400, 5)).toBe(40);
    expect(b.remaining('p/c', 500)).toBe(0);
  });

  it('starts over after a long run, and forgets a pod', () => {
    const b = new Backoff(o);
    b.failed('p/c', 100, 5);
    b.failed('p/c', 200, 5);
    expect(b.failed('p/c', 5000, 2000)).toBe(10);
    b.clear('p/');
    expect(b.delay('p/c')).toBe(0);
  });
});
