import type { KubeObject } from '../api/meta';
import { applyJsonPatch } from '../patch/json-patch';
import { comparable, fieldChanges, objectPatch } from './field-changes';

function deployment(over: { replicas?: number; labels?: Record<string, string>; containers?: Record<string, unknown>[]; rv?: string } = {}): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: {
      name: 'web', namespace: 'default', uid: 'u1', resourceVersion: over.rv ?? '10',
      labels: over.labels ?? { app: 'web' },
      managedFields: [{ manager: 'kubectl', operation: 'Update' }],
    },
    spec: { replicas: over.replicas ?? 1, template: { spec: { containers: over.containers ?? [{ name: 'web', image: 'nginx:1' }] } } },
  };
}

describe('fieldChanges', () => {
  it('given a scaled deployment, then one readable path with old and new', () => {
    expect(fieldChanges(deployment(), deployment({ replicas: 3, rv: '11' }))).toEqual([{ path: 'spec.replicas', old: 1, new: 3 }]);
  });

  it('given a label key that is not an identifier, then it is quoted in brackets', () => {
    const after = deployment({ labels: { app: 'web', 'app.kubernetes.io/name': 'shop', 'pod-template-hash': 'abc' } });
    expect(fieldChanges(deployment(), after)).toEqual([
      { path: 'metadata.labels["app.kubernetes.io/name"]', new: 'shop' },
      { path: 'metadata.labels["pod-template-hash"]', new: 'abc' },
    ]);
  });

  it('given a changed image, then the container index is in the path', () => {
    const after = deployment({ containers: [{ name: 'web', image: 'nginx:2' }] });
    expect(fieldChanges(deployment(), after)).toEqual([{ path: 'spec.template.spec.containers[0].image', old: 'nginx:1', new: 'nginx:2' }]);
  });

  it('given a container inserted before another, then containers pair by name, not by index', () => {
    const before = deployment({ containers: [{ name: 'web', image: 'nginx:1' }] });
    const after = deployment({ containers: [{ name: 'sidecar', image: 'envoy' }, { name: 'web', image: 'nginx:2' }] });
    expect(fieldChanges(before, after)).toEqual([
      { path: 'spec.template.spec.containers[0].name', new: 'sidecar' },
      { path: 'spec.template.spec.containers[0].image', new: 'envoy' },
      { path: 'spec.template.spec.containers[1].image', old: 'nginx:1', new: 'nginx:2' },
    ]);
  });

  it('given a removed named element, then its fields are old at its index before', () => {
    const before = deployment({ containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] });
    const after = deployment({ containers: [{ name: 'b', image: 'y' }] });
    expect(fieldChanges(before, after)).toEqual([
      { path: 'spec.template.spec.containers[0].name', old: 'a' },
      { path: 'spec.template.spec.containers[0].image', old: 'x' },
    ]);
  });

  it('given a named element replaced by another at the same index, then index pairing keeps every path unique', () => {
    const before = deployment({ containers: [{ name: 'web', image: 'a:1' }] });
    const after = deployment({ containers: [{ name: 'log', image: 'a:1' }] });
    expect(fieldChanges(before, after)).toEqual([{ path: 'spec.template.spec.containers[0].name', old: 'web', new: 'log' }]);
  });

  it('given conditions reordered and one changed, then they pair by type', () => {
    const node = (conds: Record<string, unknown>[]): KubeObject => ({ kind: 'Node', metadata: { name: 'n1' }, status: { conditions: conds } });
    const before = node([{ type: 'Ready', status: 'True' }, { type: 'MemoryPressure', status: 'False' }]);
    const after = node([{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'Unknown' }]);
    expect(fieldChanges(before, after)).toEqual([{ path: 'status.conditions[1].status', old: 'True', new: 'Unknown' }]);
  });

  it('given unnamed list elements, then they pair by index', () => {
    const o = (args: string[]): KubeObject => ({ kind: 'Pod', metadata: { name: 'p' }, spec: { args } });
    expect(fieldChanges(o(['a', 'b']), o(['a', 'c', 'd']))).toEqual([
      { path: 'spec.args[1]', old: 'b', new: 'c' },
      { path: 'spec.args[2]', new: 'd' },
    ]);
  });

  it('given only resourceVersion and managedFields changed, then nothing changed', () => {
    const after = deployment({ rv: '99' });
    after.metadata.managedFields = [{ manager: 'other' }];
    expect(fieldChanges(deployment(), after)).toEqual([]);
    expect(objectPatch(deployment(), after)).toEqual([]);
  });

  it('given a creation, then every leaf field is new, managedFields and resourceVersion left out', () => {
    const fields = fieldChanges(undefined, deployment());
    expect(fields.map((f) => f.path)).toEqual([
      'apiVersion', 'kind', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'metadata.labels.app',
      'spec.replicas', 'spec.template.spec.containers[0].name', 'spec.template.spec.containers[0].image',
    ]);
    expect(fields.every((f) => !('old' in f))).toBe(true);
  });

  it('given a scalar that became an object, then one change with both values', () => {
    const o = (v: unknown): KubeObject => ({ kind: 'ConfigMap', metadata: { name: 'c' }, data: { k: v } });
    expect(fieldChanges(o('x'), o({ y: 1 }))).toEqual([{ path: 'data.k', old: 'x', new: { y: 1 } }]);
  });
});

describe('objectPatch', () => {
  it('given two versions, then applying the patch to the first gives the second (ignoring bookkeeping)', () => {
    const before = deployment();
    const after = deployment({ replicas: 5, containers: [{ name: 'web', image: 'nginx:2' }, { name: 'log', image: 'busybox' }], rv: '12' });
    const patch = objectPatch(before, after);
    expect(patch.some((op) => op.path.includes('resourceVersion') || op.path.includes('managedFields'))).toBe(false);
    expect(applyJsonPatch(comparable(before), patch)).toEqual(comparable(after));
  });

  it('given a creation or a deletion, then one root operation', () => {
    expect(objectPatch(undefined, deployment())).toEqual([{ op: 'add', path: '', value: comparable(deployment()) }]);
    expect(objectPatch(deployment(), undefined)).toEqual([{ op: 'remove', path: '' }]);
  });
});
