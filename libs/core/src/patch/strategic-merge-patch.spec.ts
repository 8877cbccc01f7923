import { ApiError } from '../api/errors';
import { applyStrategicMergePatch } from './strategic-merge-patch';
import { orderMergedList, itemIdentity, goFormat } from './strategic-order';

const smp = applyStrategicMergePatch;
const names = (list: unknown): string[] => (list as { name: string }[]).map((x) => x.name);

function badRequest(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe(400);
    return (e as ApiError).message;
  }
  throw new Error('expected a 400');
}

const deployment = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' }, finalizers: ['a', 'b'] },
  spec: {
    replicas: 1,
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'nginx', image: 'nginx:1',
            ports: [{ containerPort: 80, protocol: 'TCP' }],
            env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }],
            args: ['--x', '--y'],
          },
        ],
        tolerations: [{ key: 'k', operator: 'Exists' }],
      },
    },
  },
});
type Dep = ReturnType<typeof deployment>;
const containers = (o: unknown) => (o as Dep).spec.template.spec.containers;

describe('applyStrategicMergePatch: maps and scalars', () => {
  it('merges maps recursively and replaces scalars', () => {
    const out = smp('Deployment', deployment(), { metadata: { labels: { tier: 'x' } }, spec: { replicas: 3 } }) as Dep;
    expect(out.metadata.labels).toEqual({ app: 'web', tier: 'x' });
    expect(out.spec.replicas).toBe(3);
    expect(containers(out)[0].image).toBe('nginx:1');
  });

  it('deletes a field set to null, and ignores null for a missing one', () => {
    const out = smp('Deployment', deployment(), { metadata: { labels: { app: null, nope: null } } }) as Dep;
    expect(out.metadata.labels).toEqual({});
    expect('nope' in out.metadata.labels).toBe(false);
  });

  it('drops nulls from values that are new', () => {
    const out = smp('Deployment', deployment(), { spec: { strategy: { type: 'Recreate', rollingUpdate: null } } }) as Record<string, any>;
    expect(out.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('never modifies its inputs', () => {
    const original = deployment();
    const patch = { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:2' }] } } } };
    const before = JSON.stringify([original, patch]);
    smp('Deployment', original, patch);
    expect(JSON.stringify([original, patch])).toBe(before);
  });

  it('rejects a patch that is not an object', () => {
    expect(badRequest(() => smp('Pod', {}, [1]))).toBe('json: cannot unmarshal array into Go value of type map[string]interface {}');
    expect(badRequest(() => smp('Pod', {}, 'x'))).toContain('cannot unmarshal string');
  });
});

describe('applyStrategicMergePatch: lists', () => {
  it('merges containers by name, and puts a new one first as kube does', () => {
    // The kubectl patch docs: adding patch-demo-ctr-2 yields it before the existing container.
    const out = smp('Deployment', deployment(), { spec: { template: { spec: { containers: [{ name: 'redis', image: 'redis' }] } } } });
    expect(names(containers(out))).toEqual(['redis', 'nginx']);
    expect(containers(out)[1].image).toBe('nginx:1');
  });

  it('merges a matched container field by field, nested lists by their keys', () => {
    const out = smp('Deployment', deployment(), {
      spec: { template: { spec: { containers: [{
        name: 'nginx', image: 'nginx:2',
        ports: [{ containerPort: 443 }, { containerPort: 80, name: 'http' }],
        env: [{ name: 'B', value: 'changed' }, { name: 'C', value: '3' }],
      }] } } },
    });
    const c = containers(out)[0] as Record<string, any>;
    expect(c.image).toBe('nginx:2');
    expect(c.ports).toEqual([{ containerPort: 443 }, { containerPort: 80, protocol: 'TCP', name: 'http' }]);
    expect(c.env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: 'changed' }, { name: 'C', value: '3' }]);
    expect(c.args).toEqual(['--x', '--y']);
  });

  it('replaces atomic lists whole', () => {
    const out = smp('Deployment', deployment(), {
      spec: { template: { spec: { tolerations: [{ key: 'other', operator: 'Exists' }], containers: [{ name: 'nginx', args: ['--z'] }] } } },
    }) as Record<string, any>;
    expect(out.spec.template.spec.tolerations).toEqual([{ key: 'other', operator: 'Exists' }]);
    expect(out.spec.template.spec.containers[0].args).toEqual(['--z']);
  });

  it('merges primitive sets with dedup, new values first', () => {
    const out = smp('Deployment', deployment(), { metadata: { finalizers: ['c', 'a'] } }) as Dep;
    expect(out.metadata.finalizers).toEqual(['c', 'a', 'b']);
  });

  it('treats every list of an unknown kind as atomic, but still merges metadata finalizers', () => {
    const original = { metadata: { finalizers: ['x'] }, spec: { items: [{ name: 'a' }] } };
    const out = smp('Widget', original, { metadata: { finalizers: ['y'] }, spec: { items: [{ name: 'b' }] } }) as Record<string, any>;
    expect(out.spec.items).toEqual([{ name: 'b' }]);
    expect(out.metadata.finalizers).toEqual(['y', 'x']);
  });

  it('starts a missing list from the patch, honouring directives inside it', () => {
    const out = smp('Pod', { spec: {} }, { spec: { containers: [{ name: 'a', image: 'i', bogus: null }, { name: 'gone', $patch: 'delete' }] } });
    expect((out as Record<string, any>).spec.containers).toEqual([{ name: 'a', image: 'i' }]);
  });

  it('replaces a list of objects by a list of other shape when types differ', () => {
    const out = smp('Pod', { spec: { containers: 'oops' } }, { spec: { containers: [{ name: 'a' }] } }) as Record<string, any>;
    expect(out.spec.containers).toEqual([{ name: 'a' }]);
  });

  it('deletes a whole merged list set to null', () => {
    const out = smp('Deployment', deployment(), { spec: { template: { spec: { containers: null } } } }) as Record<string, any>;
    expect(out.spec.template.spec.containers).toBeUndefined();
    expect(out.spec.template.spec.tolerations).toHaveLength(1);
  });

  it('removes a field inside a merged item with null', () => {
    const out = smp('Deployment', deployment(), { spec: { template: { spec: { containers: [{ name: 'nginx', args: null }] } } } });
    expect('args' in containers(out)[0]).toBe(false);
  });

  it('requires the merge key in every merged item', () => {
    expect(badRequest(() => smp('Pod', { spec: { containers: [] } }, { spec: { containers: [{ image: 'x' }] } }))).toBe(
      'map: map[image:x] does not contain declared merge key: name',
    );
    expect(badRequest(() => smp('Pod', {}, { spec: { containers: ['x'] } }))).toBe('map: x does not contain declared merge key: name');
  });
});

describe('applyStrategicMergePatch: $patch directives', () => {
  it('$patch: replace in a map takes the map literally', () => {
    const out = smp('Deployment', deployment(), { metadata: { labels: { $patch: 'replace', only: 'this' } } }) as Dep;
    expect(out.metadata.labels).toEqual({ only: 'this' });
  });

  it('$patch: delete in a map removes the field', () => {
    const orig = { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } };
    const out = smp('Deployment', orig, { spec: { strategy: { rollingUpdate: { $patch: 'delete' } } } }) as Record<string, any>;
    expect(out.spec.strategy).toEqual({ type: 'RollingUpdate' });
    expect(smp('Pod', { a: 1 }, { $patch: 'delete' })).toEqual({});
  });

  it('$patch: merge is the default', () => {
    const out = smp('Deployment', deployment(), { metadata: { labels: { $patch: 'merge', x: 'y' } } }) as Dep;
    expect(out.metadata.labels).toEqual({ app: 'web', x: 'y' });
  });

  it('rejects an unknown $patch value', () => {
    expect(badRequest(() => smp('Pod', {}, { metadata: { $patch: 'explode' } }))).toBe('unknown patch type: explode in map: map[$patch:explode]');
    expect(badRequest(() => smp('Pod', {}, { spec: { containers: [{ name: 'a', $patch: 'explode' }] } }))).toContain('unknown patch type: explode');
  });

  it('$patch: delete in a list item deletes every item with that key', () => {
    const orig = { spec: { containers: [{ name: 'a' }, { name: 'b' }, { name: 'a', image: 'dup' }] } };
    const out = smp('Pod', orig, { spec: { containers: [{ name: 'a', $patch: 'delete' }] } });
    expect(names((out as Record<string, any>).spec.containers)).toEqual(['b']);
    expect(badRequest(() => smp('Pod', orig, { spec: { containers: [{ $patch: 'delete' }] } }))).toContain('does not contain declared merge key: name');
  });

  it('$patch: replace as a list item makes the list exactly the other items', () => {
    const out = smp('Deployment', deployment(), {
      spec: { template: { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } } },
    });
    expect(containers(out)).toEqual([{ name: 'only', image: 'x' }]);
    const empty = smp('Deployment', deployment(), { spec: { template: { spec: { containers: [{ $patch: 'replace' }] } } } });
    expect(containers(empty)).toEqual([]);
  });
});

describe('applyStrategicMergePatch: $retainKeys, $deleteFromPrimitiveList', () => {
  it('$retainKeys clears the fields it does not list', () => {
    const orig = { spec: { volumes: [{ name: 'v', hostPath: { path: '/x' } }] } };
    const out = smp('Pod', orig, { spec: { volumes: [{ name: 'v', emptyDir: {}, $retainKeys: ['name', 'emptyDir'] }] } });
    expect((out as Record<string, any>).spec.volumes).toEqual([{ name: 'v', emptyDir: {} }]);
  });

  it('$retainKeys must be a list covering every field the patch sets', () => {
    expect(badRequest(() => smp('Pod', { a: {} }, { a: { $retainKeys: 'x' } }))).toBe('invalid patch format of retainKeys');
    expect(badRequest(() => smp('Pod', { a: {} }, { a: { $retainKeys: ['b'], c: 1 } }))).toBe('invalid patch format of retainKeys');
    expect(smp('Pod', { a: { b: 1, c: 2 } }, { a: { $retainKeys: ['b'], c: null } })).toEqual({ a: { b: 1 } });
  });

  it('$deleteFromPrimitiveList removes every copy of the values', () => {
    const out = smp('Pod', { metadata: { finalizers: ['a', 'b', 'c', 'b'] } }, { metadata: { '$deleteFromPrimitiveList/finalizers': ['b', 'zz'] } });
    expect((out as Record<string, any>).metadata.finalizers).toEqual(['a', 'c']);
    expect(smp('Pod', { metadata: {} }, { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'] } })).toEqual({ metadata: {} });
    expect(badRequest(() => smp('Pod', {}, { metadata: { '$deleteFromPrimitiveList/finalizers': 'b' } }))).toBe('invalid patch format of primitive list');
  });

  it('deletes and adds in one patch', () => {
    const out = smp('Pod', { metadata: { finalizers: ['a', 'b'] } }, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'], finalizers: ['c'] } });
    expect((out as Record<string, any>).metadata.finalizers).toEqual(['c', 'b']);
  });
});

describe('applyStrategicMergePatch: $setElementOrder', () => {
  it('reorders a map list with no patch list', () => {
    const orig = { spec: { containers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] } };
    const out = smp('Pod', orig, { spec: { '$setElementOrder/containers': [{ name: 'c' }, { name: 'a' }, { name: 'b' }] } });
    expect(names((out as Record<string, any>).spec.containers)).toEqual(['c', 'a', 'b']);
  });

  it('orders an added item where the directive says (kubectl apply adding a container)', () => {
    const out = smp('Deployment', deployment(), {
      spec: { template: { spec: {
        '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'sidecar' }],
        containers: [{ name: 'sidecar', image: 's' }],
      } } },
    });
    expect(names(containers(out))).toEqual(['nginx', 'sidecar']);
  });

  it('keeps env order from the directive across a delete and an add', () => {
    const orig = { spec: { containers: [{ name: 'c', env: [{ name: 'E1' }, { name: 'E2' }, { name: 'E3' }] }] } };
    const out = smp('Pod', orig, { spec: { containers: [{
      name: 'c',
      '$setElementOrder/env': [{ name: 'E2' }, { name: 'E1' }, { name: 'E4' }],
      env: [{ name: 'E3', $patch: 'delete' }, { name: 'E4', value: 'v' }],
    }] } });
    expect((out as Record<string, any>).spec.containers[0].env).toEqual([{ name: 'E2' }, { name: 'E1' }, { name: 'E4', value: 'v' }]);
  });

  it('interleaves server-only items by live order, as kube-apiserver computes it', () => {
    // Live C B D A E, directive [A, B]: server-only items go before patch items the live list puts later.
    const orig = { metadata: { finalizers: ['C', 'B', 'D', 'A', 'E'] } };
    const out = smp('Pod', orig, { metadata: { '$setElementOrder/finalizers': ['A', 'B'], finalizers: ['A', 'B'] } });
    expect((out as Record<string, any>).metadata.finalizers).toEqual(['C', 'D', 'A', 'B', 'E']);
  });

  it('ignores directive entries missing from the list', () => {
    const out = smp('Pod', { metadata: { finalizers: ['A', 'B'] } }, { metadata: { '$setElementOrder/finalizers': ['C', 'B', 'A'] } });
    expect((out as Record<string, any>).metadata.finalizers).toEqual(['B', 'A']);
  });

  it('rejects a patch list whose order contradicts the directive', () => {
    const msg = badRequest(() => smp('Pod', {}, { metadata: { '$setElementOrder/finalizers': ['a', 'b'], finalizers: ['b', 'a'] } }));
    expect(msg).toBe("The order in patch list:\n[b a]\n doesn't match $setElementOrder list:\n[a b]\n");
    expect(badRequest(() => smp('Pod', {}, { metadata: { '$setElementOrder/finalizers': 'a' } }))).toBe('invalid patch format of setElementOrder list');
    expect(badRequest(() => smp('Pod', {}, { metadata: { '$setElementOrder/finalizers': ['a'], finalizers: 'a' } }))).toBe(
      'invalid patch format of setElementOrder list',
    );
  });

  it('deletes the list when the patch sets it to null', () => {
    const out = smp('Pod', { metadata: { finalizers: ['a'] } }, { metadata: { '$setElementOrder/finalizers': [], finalizers: null } });
    expect(out).toEqual({ metadata: {} });
  });

  it('applies to a list the original lacks', () => {
    const out = smp('Pod', { metadata: {} }, { metadata: { '$setElementOrder/finalizers': ['b', 'a'], finalizers: ['b', 'a'] } });
    expect((out as Record<string, any>).metadata.finalizers).toEqual(['b', 'a']);
  });
});

describe('strategic order helpers', () => {
  it('orderMergedList puts unknown patch items before server-only ones', () => {
    const id = itemIdentity(undefined);
    expect(orderMergedList(['a', 'b', 'c'], ['c'], ['a', 'b'], id)).toEqual(['c', 'a', 'b']);
    expect(orderMergedList(['b', 'c', 'a'], ['a', 'b'], ['b', 'c', 'a'], id)).toEqual(['c', 'a', 'b']);
  });

  it('goFormat prints like Go %v', () => {
    expect(goFormat({ b: [1, 'x'], a: null })).toBe('map[a:<nil> b:[1 x]]');
  });
});
