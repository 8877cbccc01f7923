import { mergeApplied, pruneFields, removePath, valueAt } from './apply-merge';
import { compareFields, fieldPathsOf, itemElement } from './field-ownership';
import { decodePath, fieldSetOf } from './field-set';

const containersOf = (pod: unknown) => (pod as { spec: { containers: { name: string }[] } }).spec.containers;
const podWith = (...names: string[]) => ({ spec: { containers: names.map((name) => ({ name })) } });

describe('mergeApplied', () => {
  it('puts applied items in applied order and keeps live-only items near their place', () => {
    expect(containersOf(mergeApplied('Pod', podWith('a', 'x', 'b', 'y'), podWith('b', 'a'))).map((c) => c.name)).toEqual(['b', 'a', 'x', 'y']);
    expect(containersOf(mergeApplied('Pod', podWith('x', 'a'), podWith('a', 'new'))).map((c) => c.name)).toEqual(['x', 'a', 'new']);
    expect(containersOf(mergeApplied('Pod', podWith('a', 'b'), podWith('n', 'b'))).map((c) => c.name)).toEqual(['a', 'n', 'b']);
  });

  it('merges set lists by value and replaces atomic lists', () => {
    const out = mergeApplied('Pod', { metadata: { finalizers: ['a', 'b'] }, spec: { tolerations: [{ key: 'k' }] } },
      { metadata: { finalizers: ['c', 'a'] }, spec: { tolerations: [{ key: 'j' }] } }) as Record<string, any>;
    expect(out.metadata.finalizers).toEqual(['c', 'a', 'b']);
    expect(out.spec.tolerations).toEqual([{ key: 'j' }]);
  });

  it('removes fields set to null and keeps the rest of the live object', () => {
    expect(mergeApplied('Pod', { a: 1, b: { c: 2, d: 3 } }, { b: { c: null } })).toEqual({ a: 1, b: { d: 3 } });
    expect(mergeApplied('Pod', 5, { a: 1 })).toEqual({ a: 1 });
  });

  it('does not modify the live object', () => {
    const live = podWith('a');
    mergeApplied('Pod', live, { spec: { containers: [{ name: 'a', image: 'i' }] } });
    expect(live).toEqual(podWith('a'));
  });
});

describe('paths into objects', () => {
  const pod = { metadata: { finalizers: ['f1'] }, spec: { containers: [{ name: 'a', ports: [{ containerPort: 80 }] }, { name: 'b' }] } };
  const port = ['f:spec', 'f:containers', 'k:{"name":"a"}', 'f:ports', 'k:{"containerPort":80,"protocol":"TCP"}'];

  it('follows keyed and valued list items', () => {
    expect(valueAt('Pod', pod, port)).toEqual({ containerPort: 80 });
    expect(valueAt('Pod', pod, ['f:metadata', 'f:finalizers', 'v:"f1"'])).toBe('f1');
    expect(valueAt('Pod', pod, ['f:spec', 'f:containers', 'k:{"name":"zz"}'])).toBeUndefined();
    expect(valueAt('Pod', pod, ['f:spec', 'f:containers', 'i:0'])).toBeUndefined();
  });

  it('removes fields and items without touching the input', () => {
    const out = removePath('Pod', pod, ['f:spec', 'f:containers', 'k:{"name":"a"}']) as typeof pod;
    expect(out.spec.containers).toEqual([{ name: 'b' }]);
    expect(pod.spec.containers).toHaveLength(2);
    expect(removePath('Pod', pod, ['f:nope', 'f:x'])).toEqual(pod);
    expect(removePath('Pod', pod, [])).toBeUndefined();
  });

  it('prunes, sparing kept paths, their ancestors and item key fields', () => {
    const drop = fieldSetOf([
      ['f:metadata', 'f:finalizers', 'v:"f1"'],
      ['f:spec', 'f:containers', 'k:{"name":"a"}'],
      ['f:spec', 'f:containers', 'k:{"name":"a"}', 'f:name'],
    ]);
    const keep = fieldSetOf([[...port, 'f:containerPort']]);
    const out = pruneFields('Pod', pod, drop, keep) as Record<string, any>;
    expect(out.metadata).toEqual({});
    expect(out.spec.containers[0]).toEqual({ name: 'a', ports: [{ containerPort: 80 }] });
  });

  it('removes parents emptied by pruning unless someone keeps them', () => {
    const obj = { metadata: { labels: { a: '1' } } };
    const drop = fieldSetOf([['f:metadata', 'f:labels', 'f:a']]);
    expect(pruneFields('Pod', obj, drop, new Set())).toEqual({ metadata: {} });
    expect(pruneFields('Pod', { spec: { x: { y: 1 } } }, fieldSetOf([['f:spec', 'f:x', 'f:y']]), new Set())).toEqual({});
    expect(pruneFields('Pod', obj, drop, fieldSetOf([['f:metadata', 'f:labels']]))).toEqual({ metadata: { labels: {} } });
  });
});

describe('field ownership walks', () => {
  it('lists leaves, empty maps, atomic lists and items', () => {
    const paths = [...fieldPathsOf('Pod', {
      spec: { volumes: [{ name: 'v', emptyDir: {} }], tolerations: [{ key: 'k' }], containers: [] },
      status: null,
    })].map(decodePath);
    expect(paths).toEqual([
      ['f:spec', 'f:volumes', 'k:{"name":"v"}'],
      ['f:spec', 'f:volumes', 'k:{"name":"v"}', 'f:name'],
      ['f:spec', 'f:volumes', 'k:{"name":"v"}', 'f:emptyDir'],
      ['f:spec', 'f:tolerations'],
      ['f:spec', 'f:containers'],
    ]);
  });

  it('owns a list whole when an item lacks its key (outside strict mode)', () => {
    expect([...fieldPathsOf('Pod', { spec: { containers: [{ image: 'x' }] } })].map(decodePath)).toEqual([['f:spec', 'f:containers']]);
  });

  it('names items by sorted keys with defaults filled in', () => {
    expect(itemElement({ protocol: 'UDP', containerPort: 53 }, { type: 'map', keys: ['containerPort', 'protocol'] })).toBe('k:{"containerPort":53,"protocol":"UDP"}');
    expect(itemElement({ containerPort: 53 }, { type: 'map', keys: ['containerPort', 'protocol'] })).toBe('k:{"containerPort":53,"protocol":"TCP"}');
    expect(itemElement('x', { type: 'set' })).toBe('v:"x"');
    expect(itemElement({}, { type: 'map', mergeKey: 'name' })).toBeUndefined();
  });

  it('compares versions into added, removed and modified paths', () => {
    const c = compareFields('Pod',
      { metadata: { labels: { a: '1' } }, spec: { containers: [{ name: 'a', image: '1' }, { name: 'b' }], x: 1, y: [1] } },
      { metadata: { labels: { a: '2' }, annotations: { n: 'v' } }, spec: { containers: [{ name: 'a', image: '2' }, { name: 'c' }], y: { z: 1 } } });
    const sorted = (s: Set<string>) => [...s].map(decodePath).map((p) => p.join(' ')).sort();
    expect(sorted(c.modified)).toEqual(['f:metadata f:labels f:a', 'f:spec f:containers k:{"name":"a"} f:image']);
    expect(sorted(c.added)).toEqual([
      'f:metadata f:annotations', 'f:metadata f:annotations f:n',
      'f:spec f:containers k:{"name":"c"}', 'f:spec f:containers k:{"name":"c"} f:name', 'f:spec f:y f:z',
    ]);
    expect(sorted(c.removed)).toEqual([
      'f:spec f:containers k:{"name":"b"}', 'f:spec f:containers k:{"name":"b"} f:name', 'f:spec f:x', 'f:spec f:y',
    ]);
  });
});
