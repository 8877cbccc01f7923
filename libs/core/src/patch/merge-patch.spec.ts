import { ApiError } from '../api/errors';
import { applyMergePatch, applyMergePatchToObject, createMergePatch } from './merge-patch';
import { deepEqual } from './json-value';
import { mutateJson, randomJson, rng } from './random-json.spec-helper';

describe('applyMergePatch', () => {
  // The test cases of RFC 7386, Appendix A.
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('%j + %j = %j', (target, patch, want) => {
    expect(applyMergePatch(target, patch)).toEqual(want);
  });

  it('keeps nulls inside replacing arrays', () => {
    expect(applyMergePatch({}, { a: [null, { b: null }] })).toEqual({ a: [null, { b: null }] });
  });

  it('does not modify or alias its inputs', () => {
    const target = { a: { b: 1 }, keep: { deep: [1] } };
    const patch = { a: { c: [1] } };
    const out = applyMergePatch(target, patch) as { a: { c: number[] }; keep: { deep: number[] } };
    expect(target).toEqual({ a: { b: 1 }, keep: { deep: [1] } });
    out.a.c.push(2);
    out.keep.deep.push(2);
    expect(patch.a.c).toEqual([1]);
    expect(target.keep.deep).toEqual([1]);
  });

  it('keeps "__proto__" as a plain member', () => {
    const out = applyMergePatch({}, JSON.parse('{"__proto__": {"x": 1}}')) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});

describe('applyMergePatchToObject', () => {
  it('merges into an API object', () => {
    const pod = { metadata: { name: 'p', labels: { a: '1' } }, spec: { containers: [{ name: 'c' }] } };
    expect(applyMergePatchToObject(pod, { metadata: { labels: { a: null, b: '2' } } })).toEqual({
      metadata: { name: 'p', labels: { b: '2' } }, spec: { containers: [{ name: 'c' }] },
    });
  });

  it('rejects a patch that is not an object with 400', () => {
    for (const p of [[1], 'x', null, 3]) {
      let err: unknown;
      try {
        applyMergePatchToObject({ metadata: {} }, p);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).code).toBe(400);
      expect((err as ApiError).message).toBe('Invalid JSON Patch');
    }
  });
});

describe('createMergePatch', () => {
  it('records changes, additions and deletions', () => {
    expect(createMergePatch({ a: 1, b: { c: 2, d: 3 }, e: [1] }, { a: 1, b: { c: 5 }, e: [2], f: 'x' })).toEqual({
      b: { c: 5, d: null }, e: [2], f: 'x',
    });
    expect(createMergePatch({ a: 1 }, { a: 1 })).toEqual({});
    expect(createMergePatch({ a: 1 }, [1])).toEqual([1]);
  });

  it('property: applying the created patch yields the target (null-free values)', () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= 2000; seed++) {
      const r = rng(seed);
      const before = randomJson(r, 4, false);
      const after = seed % 3 === 0 ? randomJson(r, 4, false) : mutateJson(r, before, 4, false);
      const got = applyMergePatch(before, createMergePatch(before, after));
      if (!deepEqual(got, after)) failures.push(`seed ${seed}: ${JSON.stringify({ before, after, got })}`);
    }
    expect(failures).toEqual([]);
  });
});
