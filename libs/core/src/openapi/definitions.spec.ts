import { RESOURCES } from '../api/resources';
import { PATCH_META } from '../patch/patch-meta';
import { DEFINITIONS, definitionNameOfKind, gvkOfKind } from './definitions';
import { rawDefinitions } from './defs';
import { withListSemantics } from './list-semantics';
import { refsOf } from './render-schema';
import { CORE, Schema, gvksOf } from './schema-dsl';

const prop = (def: string, field: string): Schema => {
  const p = DEFINITIONS[def]?.properties?.[field];
  if (!p) throw new Error(`${def}.${field} missing`);
  return p;
};

describe('openapi definitions', () => {
  it('resolves every reference to a definition', () => {
    const missing = Object.entries(DEFINITIONS).flatMap(([name, s]) =>
      [...refsOf(s)].filter((r) => !DEFINITIONS[r]).map((r) => `${name} -> ${r}`));
    expect(missing).toEqual([]);
  });

  it('gives every definition and field a description and a type or reference, as explain prints them', () => {
    const bad: string[] = [];
    for (const [name, s] of Object.entries(DEFINITIONS)) {
      if (!s.description) bad.push(name);
      for (const [field, p] of Object.entries(s.properties ?? {})) {
        if (!p.description) bad.push(`${name}.${field}: no description`);
        if (!p.type && !p.ref) bad.push(`${name}.${field}: no type`);
        if (p.type === 'array' && !p.items) bad.push(`${name}.${field}: array without items`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('lists required fields only among declared ones', () => {
    const bad = Object.entries(DEFINITIONS).flatMap(([name, s]) =>
      (s.required ?? []).filter((r) => !s.properties?.[r]).map((r) => `${name}.${r}`));
    expect(bad).toEqual([]);
    expect(DEFINITIONS[`${CORE}Container`].required).toEqual(['name']);
    expect(DEFINITIONS[`${CORE}ContainerPort`].required).toEqual(['containerPort']);
    expect(DEFINITIONS[`${CORE}PodSpec`].required).toEqual(['containers']);
  });

  it('has a schema and a list schema, with the right GVK, for every served resource', () => {
    for (const r of RESOURCES) {
      expect({ kind: r.kind, gvk: gvkOfKind(r.kind) }).toEqual({ kind: r.kind, gvk: { group: r.group, kind: r.kind, version: r.version } });
      expect(gvkOfKind(`${r.kind}List`)).toEqual({ group: r.group, kind: `${r.kind}List`, version: r.version });
    }
  });

  it('names definitions as kube does and tags top-level kinds with their GVK', () => {
    expect(definitionNameOfKind('Pod')).toBe('io.k8s.api.core.v1.Pod');
    expect(definitionNameOfKind('Deployment')).toBe('io.k8s.api.apps.v1.Deployment');
    expect(definitionNameOfKind('Lease')).toBe('io.k8s.api.coordination.v1.Lease');
    expect(definitionNameOfKind('Scale')).toBe('io.k8s.api.autoscaling.v1.Scale');
    expect(gvksOf(DEFINITIONS['io.k8s.api.core.v1.Service'])).toEqual([{ group: '', kind: 'Service', version: 'v1' }]);
    expect(gvksOf(DEFINITIONS['io.k8s.api.core.v1.PodSpec'])).toEqual([]);
    expect(DEFINITIONS['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({ type: 'string', format: 'int-or-string' });
  });

  it('marks PodSpec.containers as a map list merged by name, from the patch metadata', () => {
    expect(prop(`${CORE}PodSpec`, 'containers').extensions).toEqual({
      'x-kubernetes-list-map-keys': ['name'],
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
    });
    expect(prop(`${CORE}Container`, 'ports').extensions).toMatchObject({
      'x-kubernetes-list-map-keys': ['containerPort', 'protocol'], 'x-kubernetes-patch-merge-key': 'containerPort',
    });
    expect(prop(`${CORE}PodSpec`, 'volumes').extensions?.['x-kubernetes-patch-strategy']).toBe('merge,retainKeys');
    expect(prop('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'finalizers').extensions)
      .toEqual({ 'x-kubernetes-list-type': 'set', 'x-kubernetes-patch-strategy': 'merge' });
    expect(prop('io.k8s.api.apps.v1.DeploymentStatus', 'conditions').extensions?.['x-kubernetes-list-map-keys']).toEqual(['type']);
  });

  it('marks every list the patch metadata does not describe as atomic', () => {
    expect(prop(`${CORE}PodSpec`, 'tolerations').extensions).toEqual({ 'x-kubernetes-list-type': 'atomic' });
    expect(prop(`${CORE}Container`, 'args').extensions).toEqual({ 'x-kubernetes-list-type': 'atomic' });
    const untyped = Object.entries(DEFINITIONS).flatMap(([name, s]) => Object.entries(s.properties ?? {})
      .filter(([, p]) => p.type === 'array' && !p.extensions?.['x-kubernetes-list-type']).map(([f]) => `${name}.${f}`));
    expect(untyped).toEqual([]);
  });

  it('refuses patch metadata naming a field the schema lacks', () => {
    const raw = rawDefinitions();
    const meta = { Pod: { fields: { spec: { fields: { containerz: { list: { type: 'map' as const, keys: ['name'] } } } } } } };
    expect(() => withListSemantics(raw, meta, () => `${CORE}Pod`)).toThrow(/containerz/);
  });

  it('refuses two kinds giving one shared list different semantics', () => {
    const raw = rawDefinitions();
    const meta = {
      Pod: { fields: { spec: { fields: { tolerations: { list: { type: 'map' as const, keys: ['key'] } } } } } },
      Deployment: { fields: { spec: { fields: { template: { fields: { spec: { fields: { tolerations: { list: { type: 'set' as const } } } } } } } } } },
    };
    expect(() => withListSemantics(raw, meta, (k) => definitionNameOfKind(k))).toThrow(/conflicting/);
  });

  it('covers every kind of the patch metadata', () => {
    expect(Object.keys(PATCH_META).filter((k) => !definitionNameOfKind(k))).toEqual([]);
  });
});
