import fc from 'fast-check';
import type { KubeObject } from '../api/meta';
import { applyJsonPatch } from '../patch/json-patch';
import { deepEqual } from '../patch/json-value';
import { mutateJson, randomJson, rng } from '../patch/random-json.spec-helper';
import { comparable, fieldChanges, objectPatch } from './field-changes';

const container = fc.record({ name: fc.constantFrom('web', 'log', 'proxy', 'init'), image: fc.constantFrom('a:1', 'a:2', 'b:1'), args: fc.array(fc.constantFrom('-v', '-q'), { maxLength: 2 }) });
const object = fc.record({
  rv: fc.nat(),
  labels: fc.dictionary(fc.constantFrom('app', 'app.kubernetes.io/name', 'tier', 'pod-template-hash'), fc.constantFrom('x', 'y')),
  containers: fc.uniqueArray(container, { selector: (c) => c.name, maxLength: 4 }),
  data: fc.jsonValue({ maxDepth: 3 }),
}).map(({ rv, labels, containers, data }): KubeObject => ({
  kind: 'Pod', metadata: { name: 'p', resourceVersion: String(rv), labels, managedFields: [{ manager: String(rv) }] },
  spec: { containers }, data,
}));

describe('fieldChanges / objectPatch properties', () => {
  it('given any two versions, then the patch turns one into the other and fields are empty exactly when nothing changed', () => {
    fc.assert(fc.property(object, object, (a, b) => {
      const patch = objectPatch(a, b);
      expect(applyJsonPatch(comparable(a), patch)).toEqual(comparable(b));
      const fields = fieldChanges(a, b);
      const same = deepEqual(comparable(a), comparable(b));
      expect(fields.length === 0).toBe(same);
      expect(patch.length === 0).toBe(same);
      expect(new Set(fields.map((f) => f.path)).size).toBe(fields.length);
      for (const f of fields) expect(deepEqual(f.old, f.new)).toBe(false);
    }), { numRuns: 300 });
  });

  it('given seeded random edits with awkward keys, then the same holds (reproducible by seed)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = rng(seed);
      const before: KubeObject = { kind: 'X', metadata: { name: 'x' }, body: randomJson(r) };
      const after: KubeObject = { kind: 'X', metadata: { name: 'x' }, body: mutateJson(r, before.body) };
      expect(applyJsonPatch(comparable(before), objectPatch(before, after))).toEqual(comparable(after));
      expect(fieldChanges(before, after).length === 0).toBe(deepEqual(before, after));
    }
  });
});
