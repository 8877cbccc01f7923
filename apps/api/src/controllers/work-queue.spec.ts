import { WorkQueue } from './work-queue';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('WorkQueue', () => {
  it('runs a key once however often it is added while pending, and again if added while running', async () => {
    const runs: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const q = new WorkQueue(async (k) => {
      runs.push(k);
      if (runs.length === 1) await gate;
    });
    q.add('a');
    q.add('a');
    q.add('a');
    await tick();
    expect(runs).toEqual(['a']);
    q.add('a');
    release();
    await tick();
    await tick();
    expect(runs).toEqual(['a', 'a']);
    q.stop();
  });

  it('never runs one key twice at once, but runs different keys in parallel up to the worker count', async () => {
    let running = 0;
    let peak = 0;
    const q = new WorkQueue(async () => {
      running++;
      peak = Math.max(peak, running);
      await tick();
      running--;
    }, undefined, 3);
    for (const k of ['a', 'b', 'c', 'd', 'e']) q.add(k);
    for (let i = 0; i < 10; i++) await tick();
    expect(peak).toBe(3);
    q.stop();
  });

  it('retries a failing key with backoff', async () => {
    let attempts = 0;
    const errors: string[] = [];
    const q = new WorkQueue(async () => {
      attempts++;
      if (attempts < 3) throw new Error('not yet');
    }, (k) => errors.push(k), 1, 5);
    q.add('x');
    for (let i = 0; i < 20 && attempts < 3; i++) await tick();
    expect(attempts).toBe(3);
    expect(errors).toEqual(['x', 'x']);
    q.stop();
  });
});
