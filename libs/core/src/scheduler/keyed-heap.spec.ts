import { KeyedHeap } from './keyed-heap';
import { seededRandom } from './random';

interface Item { key: string; v: number }

const heap = () => new KeyedHeap<Item>((i) => i.key, (a, b) => a.v < b.v);

describe('KeyedHeap', () => {
  it('pops in order', () => {
    const h = heap();
    [5, 3, 8, 1, 9, 2].forEach((v) => h.push({ key: `k${v}`, v }));
    const out: number[] = [];
    for (let i = h.pop(); i; i = h.pop()) out.push(i.v);
    expect(out).toEqual([1, 2, 3, 5, 8, 9]);
    expect(h.size).toBe(0);
  });

  it('replaces an item with the same key and re-orders it', () => {
    const h = heap();
    h.push({ key: 'a', v: 1 });
    h.push({ key: 'b', v: 2 });
    h.push({ key: 'a', v: 3 });
    expect(h.size).toBe(2);
    expect(h.pop()).toEqual({ key: 'b', v: 2 });
    expect(h.get('a')).toEqual({ key: 'a', v: 3 });
  });

  it('deletes from the middle and stays ordered (randomized against a sorted array)', () => {
    const rand = seededRandom(7);
    const h = heap();
    const model = new Map<string, number>();
    for (let step = 0; step < 2000; step++) {
      const key = `k${Math.floor(rand() * 50)}`;
      const r = rand();
      if (r < 0.5) {
        const v = Math.floor(rand() * 1000);
        h.push({ key, v });
        model.set(key, v);
      } else if (r < 0.75) {
        expect(h.delete(key)?.v).toBe(model.get(key));
        model.delete(key);
      } else {
        const min = Math.min(...model.values());
        const top = h.pop();
        if (model.size === 0) expect(top).toBeUndefined();
        else {
          expect(top!.v).toBe(min);
          model.delete(top!.key);
        }
      }
      expect(h.size).toBe(model.size);
    }
  });
});
