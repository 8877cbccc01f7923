import {
  decodePath, difference, encodePath, fieldSetOf, formatFieldPath, fromFieldsV1, hasDescendant,
  intersection, sameFieldSet, toFieldsV1, union,
} from './field-set';
import { decodeManagedFields, describeManager, encodeManagedFields, managerKey } from './managed-fields';

describe('field sets', () => {
  const tree = {
    'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
    'f:spec': { 'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:image': {} } }, 'f:finalizers': { 'v:"x"': {} } },
  };

  it('reads fieldsV1: "." marks a member, {} is a leaf', () => {
    const s = fromFieldsV1(tree);
    expect([...s].map(decodePath).sort()).toEqual([
      ['f:metadata', 'f:labels'],
      ['f:metadata', 'f:labels', 'f:app'],
      ['f:spec', 'f:containers', 'k:{"name":"c"}'],
      ['f:spec', 'f:containers', 'k:{"name":"c"}', 'f:image'],
      ['f:spec', 'f:finalizers', 'v:"x"'],
    ].sort());
  });

  it('writes fieldsV1 back unchanged', () => {
    expect(toFieldsV1(fromFieldsV1(tree))).toEqual(tree);
    expect(toFieldsV1(new Set())).toEqual({});
  });

  it('tolerates junk in fieldsV1', () => {
    expect(fromFieldsV1(null).size).toBe(0);
    expect(fromFieldsV1({ 'f:a': 'x', 'f:b': [] }).size).toBe(0);
  });

  it('does set algebra', () => {
    const a = fieldSetOf([['f:a'], ['f:b']]);
    const b = fieldSetOf([['f:b'], ['f:c']]);
    expect(union(a, b).size).toBe(3);
    expect([...difference(a, b)]).toEqual([encodePath(['f:a'])]);
    expect([...intersection(a, b)]).toEqual([encodePath(['f:b'])]);
    expect(sameFieldSet(a, fieldSetOf([['f:b'], ['f:a']]))).toBe(true);
    expect(sameFieldSet(a, b)).toBe(false);
  });

  it('finds strict descendants only', () => {
    const s = fieldSetOf([['f:spec', 'f:replicas'], ['f:specx']]);
    expect(hasDescendant(s, ['f:spec'])).toBe(true);
    expect(hasDescendant(s, ['f:spec', 'f:replicas'])).toBe(false);
    expect(hasDescendant(s, ['f:spe'])).toBe(false);
    expect(hasDescendant(s, [])).toBe(true);
  });

  it('prints paths as kube does in conflicts', () => {
    expect(formatFieldPath(['f:spec', 'f:containers', 'k:{"name":"nginx"}', 'f:image'])).toBe('.spec.containers[name="nginx"].image');
    expect(formatFieldPath(['f:ports', 'k:{"protocol":"TCP","containerPort":80}'])).toBe('.ports[containerPort=80,protocol="TCP"]');
    expect(formatFieldPath(['f:metadata', 'f:finalizers', 'v:"x"'])).toBe('.metadata.finalizers[="x"]');
    expect(formatFieldPath(['f:args', 'i:2'])).toBe('.args[2]');
  });
});

describe('managed fields entries', () => {
  it('keys managers by name, operation, subresource, and apiVersion for updaters only', () => {
    expect(managerKey({ manager: 'k', operation: 'Apply', apiVersion: 'v1' })).toBe(managerKey({ manager: 'k', operation: 'Apply', apiVersion: 'v2' }));
    expect(managerKey({ manager: 'k', operation: 'Update', apiVersion: 'v1' })).not.toBe(managerKey({ manager: 'k', operation: 'Update', apiVersion: 'v2' }));
    expect(managerKey({ manager: 'k', operation: 'Update' })).not.toBe(managerKey({ manager: 'k', operation: 'Apply' }));
    expect(managerKey({ manager: 'k', operation: 'Update', subresource: 'status' })).not.toBe(managerKey({ manager: 'k', operation: 'Update' }));
  });

  it('merges duplicate entries and ignores unknown field formats', () => {
    const m = decodeManagedFields([
      { manager: 'a', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:x': {} } },
      { manager: 'a', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:y': {} } },
      { manager: 'b', operation: 'Apply', fieldsType: 'FieldsV2', fieldsV1: { 'f:z': {} } },
    ]);
    expect(m.size).toBe(2);
    expect([...m.values()].map((s) => s.fields.size)).toEqual([2, 0]);
  });

  it('encodes in kube order and drops empty managers', () => {
    const f = fieldSetOf([['f:x']]);
    const out = encodeManagedFields([
      { manager: 'z', operation: 'Update', apiVersion: 'v1', time: '2024-01-01T00:00:00Z', fields: f },
      { manager: 'y', operation: 'Update', apiVersion: 'v1', time: '2023-01-01T00:00:00Z', fields: f },
      { manager: 'b', operation: 'Apply', apiVersion: 'v1', time: '2025-01-01T00:00:00Z', fields: f },
      { manager: 'a', operation: 'Apply', apiVersion: 'v1', time: '2025-01-01T00:00:00Z', fields: f },
      { manager: 'empty', operation: 'Apply', fields: new Set() },
    ]);
    expect(out.map((e) => e.manager)).toEqual(['a', 'b', 'y', 'z']);
    expect(out[0]).toEqual({ manager: 'a', operation: 'Apply', apiVersion: 'v1', time: '2025-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:x': {} } });
  });

  it('describes managers the way conflict messages do', () => {
    expect(describeManager({ manager: 'kubectl', operation: 'Apply', apiVersion: 'v1' })).toBe('"kubectl"');
    expect(describeManager({ manager: 'kcm', operation: 'Update', apiVersion: 'apps/v1' })).toBe('"kcm" using apps/v1');
  });
});
