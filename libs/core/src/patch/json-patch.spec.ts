import { ApiError } from '../api/errors';
import { applyJsonPatch, diffToJsonPatch, parseJsonPatch, type JsonPatchOp } from './json-patch';
import { arrayIndex, formatPointer, parsePointer } from './json-pointer';
import { deepEqual } from './json-value';
import { mutateJson, randomJson, rng } from './random-json.spec-helper';

function failure(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error('expected the patch to fail');
}

/** The reason a 422 gives in its cause. */
function cause(fn: () => unknown): string {
  const e = failure(fn);
  expect(e.code).toBe(422);
  expect(e.reason).toBe('Invalid');
  expect(e.message).toBe('the server rejected our request due to an error in our request');
  return e.details?.causes?.[0]?.message ?? '';
}

describe('JSON pointers', () => {
  it('parses and escapes ~0 and ~1', () => {
    expect(parsePointer('')).toEqual([]);
    expect(parsePointer('/')).toEqual(['']);
    expect(parsePointer('/a~1b/c~0d/~01')).toEqual(['a/b', 'c~d', '~1']);
    expect(formatPointer(['a/b', 'c~d', 0])).toBe('/a~1b/c~0d/0');
  });

  it('rejects malformed pointers', () => {
    expect(() => parsePointer('a')).toThrow('must be empty or start with a "/"');
    expect(() => parsePointer('/a~2')).toThrow('invalid escape');
    expect(() => parsePointer('/a~')).toThrow('invalid escape');
  });

  it('accepts only canonical array indices', () => {
    expect(arrayIndex('0')).toBe(0);
    expect(arrayIndex('12')).toBe(12);
    expect(arrayIndex('01')).toBeUndefined();
    expect(arrayIndex('-1')).toBeUndefined();
    expect(arrayIndex('1e2')).toBeUndefined();
  });
});

describe('applyJsonPatch', () => {
  const doc = { metadata: { name: 'a', labels: { app: 'web' } }, spec: { list: [1, 2, 3] } };

  it('adds members, inserts and appends elements', () => {
    const out = applyJsonPatch(doc, [
      { op: 'add', path: '/metadata/labels/tier', value: 'x' },
      { op: 'add', path: '/spec/list/0', value: 0 },
      { op: 'add', path: '/spec/list/-', value: 4 },
      { op: 'add', path: '/spec/list/5', value: 5 },
    ]);
    expect(out.metadata.labels).toEqual({ app: 'web', tier: 'x' });
    expect(out.spec.list).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('add replaces an existing member and the root', () => {
    expect(applyJsonPatch(doc, [{ op: 'add', path: '/metadata/name', value: 'b' }]).metadata.name).toBe('b');
    expect(applyJsonPatch(doc, [{ op: 'add', path: '', value: [1] }])).toEqual([1]);
  });

  it('removes members and elements', () => {
    const out = applyJsonPatch(doc, [
      { op: 'remove', path: '/metadata/labels/app' },
      { op: 'remove', path: '/spec/list/1' },
    ]);
    expect(out).toEqual({ metadata: { name: 'a', labels: {} }, spec: { list: [1, 3] } });
  });

  it('replaces existing values only', () => {
    expect(applyJsonPatch(doc, [{ op: 'replace', path: '/spec/list/2', value: 'z' }]).spec.list).toEqual([1, 2, 'z']);
    expect(applyJsonPatch(doc, [{ op: 'replace', path: '', value: 7 }])).toBe(7);
    expect(cause(() => applyJsonPatch(doc, [{ op: 'replace', path: '/spec/missing', value: 1 }]))).toBe(
      'replace operation does not apply: doc is missing key: /spec/missing: missing value',
    );
  });

  it('moves and copies', () => {
    const moved = applyJsonPatch(doc, [{ op: 'move', from: '/metadata/labels', path: '/spec/labels' }]);
    expect(moved).toEqual({ metadata: { name: 'a' }, spec: { list: [1, 2, 3], labels: { app: 'web' } } });
    const within = applyJsonPatch(doc, [{ op: 'move', from: '/spec/list/0', path: '/spec/list/-' }]);
    expect(within.spec.list).toEqual([2, 3, 1]);
    const copied = applyJsonPatch(doc, [{ op: 'copy', from: '/metadata/labels', path: '/spec/labels' }]);
    expect(copied.spec).toEqual({ list: [1, 2, 3], labels: { app: 'web' } });
    expect(copied.metadata.labels).not.toBe((copied.spec as Record<string, unknown>).labels);
    expect(applyJsonPatch(doc, [{ op: 'move', from: '/spec', path: '/spec' }])).toEqual(doc);
  });

  it('tests values structurally', () => {
    expect(applyJsonPatch(doc, [{ op: 'test', path: '/metadata', value: { labels: { app: 'web' }, name: 'a' } }])).toEqual(doc);
    expect(cause(() => applyJsonPatch(doc, [{ op: 'test', path: '/metadata/name', value: 'b' }]))).toBe('testing value /metadata/name failed: test failed');
    expect(cause(() => applyJsonPatch(doc, [{ op: 'test', path: '/nope', value: null }]))).toContain('test failed');
  });

  it('handles escaped member names and numeric object keys', () => {
    const out = applyJsonPatch({ m: {} }, [
      { op: 'add', path: '/m/a~1b', value: 1 },
      { op: 'add', path: '/m/~0c', value: 2 },
      { op: 'add', path: '/m/0', value: 3 },
    ]);
    expect(out).toEqual({ m: { 'a/b': 1, '~c': 2, '0': 3 } });
  });

  it('keeps "__proto__" as a plain member', () => {
    const out = applyJsonPatch({}, [{ op: 'add', path: '/__proto__', value: { polluted: true } }]) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  it('never modifies its input, and fails atomically', () => {
    const input = JSON.parse(JSON.stringify(doc));
    applyJsonPatch(input, [{ op: 'add', path: '/metadata/labels/x', value: 'y' }, { op: 'remove', path: '/spec/list/0' }]);
    expect(input).toEqual(doc);
    const value = { nested: [1] };
    const out = applyJsonPatch(input, [{ op: 'add', path: '/v', value }]) as Record<string, unknown>;
    value.nested.push(2);
    expect(out.v).toEqual({ nested: [1] });
    failure(() => applyJsonPatch(input, [{ op: 'remove', path: '/metadata/name' }, { op: 'remove', path: '/missing' }]));
    expect(input).toEqual(doc);
  });

  it.each([
    [[{ op: 'add', path: '/a/b', value: 1 }], 'add operation does not apply: doc is missing path: "/a/b": missing value'],
    [[{ op: 'add', path: '/spec/list/9', value: 1 }], 'Unable to access invalid index: 9: invalid index referenced'],
    [[{ op: 'add', path: '/spec/list/01', value: 1 }], 'Unable to access invalid index: 01: invalid index referenced'],
    [[{ op: 'remove', path: '/spec/list/3' }], 'Unable to remove invalid index: 3: invalid index referenced'],
    [[{ op: 'remove', path: '/spec/list/-' }], 'Unable to remove invalid index: -: invalid index referenced'],
    [[{ op: 'remove', path: '/metadata/nope' }], 'remove operation does not apply: doc is missing path: "/metadata/nope": missing value'],
    [[{ op: 'remove', path: '' }], 'remove operation does not apply: cannot remove the whole document'],
    [[{ op: 'move', from: '/metadata', path: '/metadata/x' }], 'move operation does not apply: cannot move /metadata into its own child /metadata/x'],
    [[{ op: 'move', from: '/nope', path: '/x' }], 'move operation does not apply: doc is missing from path: /nope: missing value'],
    [[{ op: 'copy', from: '/nope', path: '/x' }], 'copy operation does not apply: doc is missing from path: /nope: missing value'],
    [[{ op: 'frobnicate', path: '/x' }], 'Unexpected kind: frobnicate'],
    [[{ op: 'add', value: 1 }], 'operation missing path string'],
    [[{ op: 'add', path: '/x' }], 'add operation missing value'],
    [[{ op: 'move', path: '/x' }], 'operation missing from string'],
    [[{ op: 'add', path: 'x', value: 1 }], 'JSON pointer must be empty or start with a "/": "x"'],
  ])('%j fails with 422: %s', (patch, message) => {
    expect(cause(() => applyJsonPatch(doc, patch))).toBe(message);
  });

  it('rejects a body that is not a list of operations with 400', () => {
    for (const body of [{ op: 'add' }, 'x', null, [1], [[]]]) {
      const e = failure(() => applyJsonPatch(doc, body));
      expect(e.code).toBe(400);
      expect(e.reason).toBe('BadRequest');
    }
    expect(failure(() => parseJsonPatch({})).message).toBe('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
    expect(applyJsonPatch(doc, [])).toEqual(doc);
  });
});

describe('diffToJsonPatch', () => {
  it('is empty for equal values', () => {
    expect(diffToJsonPatch({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });

  it('diffs objects member by member', () => {
    const ops = diffToJsonPatch({ a: 1, b: { c: 2, d: 3 } }, { b: { c: 2, d: 4 }, e: 'x' });
    expect(ops).toEqual<JsonPatchOp[]>([
      { op: 'remove', path: '/a' },
      { op: 'replace', path: '/b/d', value: 4 },
      { op: 'add', path: '/e', value: 'x' },
    ]);
  });

  it('turns one inserted or removed list item into one operation', () => {
    const a = { c: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] };
    expect(diffToJsonPatch(a, { c: [{ name: 'a' }, { name: 'x' }, { name: 'b' }, { name: 'c' }] })).toEqual([
      { op: 'add', path: '/c/1', value: { name: 'x' } },
    ]);
    expect(diffToJsonPatch(a, { c: [{ name: 'a' }, { name: 'c' }] })).toEqual([{ op: 'remove', path: '/c/1' }]);
    expect(diffToJsonPatch(a, { c: [{ name: 'a' }, { name: 'b', image: 'i' }, { name: 'c' }] })).toEqual([
      { op: 'add', path: '/c/1/image', value: 'i' },
    ]);
  });

  it('escapes member names in paths', () => {
    expect(diffToJsonPatch({}, { 'a/b~c': 1 })).toEqual([{ op: 'add', path: '/a~1b~0c', value: 1 }]);
  });

  it('replaces on type changes and at the root', () => {
    expect(diffToJsonPatch({ a: [1] }, { a: { 0: 1 } })).toEqual([{ op: 'replace', path: '/a', value: { 0: 1 } }]);
    expect(diffToJsonPatch([1], 'x')).toEqual([{ op: 'replace', path: '', value: 'x' }]);
  });

  it('ignores undefined members, as JSON does', () => {
    expect(diffToJsonPatch({ a: 1, b: undefined }, { a: 1 })).toEqual([]);
    expect(diffToJsonPatch({ a: 1 }, { a: 1, b: undefined })).toEqual([]);
  });

  it('shares what it does not touch, and copies what it edits even after a move', () => {
    const input = { spec: { big: { k: [1, 2, 3] } }, metadata: { labels: { a: '1' } }, list: [{ x: 1 }, { y: 2 }] };
    const out = applyJsonPatch(input, [
      { op: 'replace', path: '/metadata/labels/a', value: '2' },
      { op: 'move', from: '/list/0', path: '/moved' },
      { op: 'add', path: '/moved/z', value: 3 },
    ]) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(out.spec).toBe(input.spec);
    expect(out.metadata).not.toBe(input.metadata);
    expect(out.moved).toEqual({ x: 1, z: 3 });
    expect(input.list[0]).toEqual({ x: 1 });
    expect(input.metadata.labels.a).toBe('1');
  });

  it('produces ops that do not alias the input', () => {
    const after = { a: { deep: [1] } };
    const ops = diffToJsonPatch({}, after);
    after.a.deep.push(2);
    expect(ops).toEqual([{ op: 'add', path: '/a', value: { deep: [1] } }]);
  });

  it('property: applying the diff of two random values yields the second', () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= 3000; seed++) {
      const r = rng(seed);
      const before = randomJson(r, 4);
      const after = seed % 3 === 0 ? randomJson(r, 4) : mutateJson(r, before, 4);
      const snapshot = JSON.stringify(before);
      const ops = diffToJsonPatch(before, after);
      const got = applyJsonPatch(before, ops);
      if (!deepEqual(got, after)) failures.push(`seed ${seed}: ${JSON.stringify({ before, after, ops, got })}`);
      if (JSON.stringify(before) !== snapshot) failures.push(`seed ${seed}: input modified`);
      if (deepEqual(before, after) && ops.length) failures.push(`seed ${seed}: ops for equal values`);
    }
    expect(failures).toEqual([]);
  });
});
