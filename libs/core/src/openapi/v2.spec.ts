import { RESOURCES } from '../api/resources';
import { openApiV2 } from './v2';

type J = Record<string, any>;

/** Every `$ref` in a JSON value, with where it was found. */
function refs(value: unknown, at = '#', out: [string, string][] = []): [string, string][] {
  if (Array.isArray(value)) value.forEach((v, i) => refs(v, `${at}/${i}`, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref') out.push([at, v as string]);
      else refs(v, `${at}/${k}`, out);
    }
  }
  return out;
}

describe('openApiV2', () => {
  const doc = openApiV2() as J;

  it('is a Swagger 2.0 document that survives a JSON round trip', () => {
    expect(doc.swagger).toBe('2.0');
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('resolves every $ref to a definition', () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(100);
    const broken = all.filter(([, r]) => !r.startsWith('#/definitions/') || !doc.definitions[r.slice('#/definitions/'.length)]);
    expect(broken).toEqual([]);
  });

  it('carries the GVK extension on Pod, Deployment and Service definitions', () => {
    expect(doc.definitions['io.k8s.api.core.v1.Pod']['x-kubernetes-group-version-kind']).toEqual([{ group: '', kind: 'Pod', version: 'v1' }]);
    expect(doc.definitions['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    expect(doc.definitions['io.k8s.api.core.v1.Service']['x-kubernetes-group-version-kind']).toEqual([{ group: '', kind: 'Service', version: 'v1' }]);
  });

  it('keeps a description next to a $ref, as v2 allows', () => {
    expect(doc.definitions['io.k8s.api.core.v1.Pod'].properties.spec).toEqual({
      $ref: '#/definitions/io.k8s.api.core.v1.PodSpec', description: expect.stringMatching(/behaviour/),
    });
  });

  it('has list, create, read, replace, patch, delete and watch operations for every resource', () => {
    for (const r of RESOURCES) {
      const base = `${r.group ? `/apis/${r.group}` : '/api'}/${r.version}${r.namespaced ? '/namespaces/{namespace}' : ''}`;
      const gvk = { group: r.group, kind: r.kind, version: r.version };
      const collection = doc.paths[`${base}/${r.plural}`];
      const item = doc.paths[`${base}/${r.plural}/{name}`];
      expect(collection.get).toMatchObject({ 'x-kubernetes-action': 'list', 'x-kubernetes-group-version-kind': gvk });
      expect(collection.post).toMatchObject({ 'x-kubernetes-action': 'post', 'x-kubernetes-group-version-kind': gvk });
      expect(item.get['x-kubernetes-action']).toBe('get');
      expect(item.put['x-kubernetes-action']).toBe('put');
      expect(item.patch['x-kubernetes-action']).toBe('patch');
      expect(item.delete['x-kubernetes-action']).toBe('delete');
      const watch = `${r.group ? `/apis/${r.group}` : '/api'}/${r.version}/watch${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.plural}`;
      expect(doc.paths[watch].get['x-kubernetes-action']).toBe('watchlist');
      expect(Boolean(collection.delete)).toBe(r.verbs.includes('deletecollection'));
    }
  });

  it('lists fieldValidation, dryRun, fieldManager and force on patch, and the patch content types', () => {
    const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    const query = patch.parameters.filter((p: J) => p.in === 'query').map((p: J) => p.name);
    expect(query).toEqual(['dryRun', 'fieldManager', 'fieldValidation', 'force']);
    expect(patch.consumes).toContain('application/strategic-merge-patch+json');
    expect(patch.consumes).toContain('application/apply-patch+yaml');
    const create = doc.paths['/api/v1/namespaces/{namespace}/pods'].post;
    expect(create.parameters.map((p: J) => p.name)).toEqual(['body', 'dryRun', 'fieldManager', 'fieldValidation']);
  });

  it('describes the scale subresource with the autoscaling/v1 Scale kind', () => {
    const scale = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale'];
    expect(scale.patch['x-kubernetes-group-version-kind']).toEqual({ group: 'autoscaling', kind: 'Scale', version: 'v1' });
    expect(scale.get.responses['200'].schema.$ref).toBe('#/definitions/io.k8s.api.autoscaling.v1.Scale');
    expect(doc.paths['/api/v1/namespaces/{namespace}/pods/{name}/log'].get.responses['200'].schema).toEqual({ type: 'string' });
  });

  it('declares path parameters once, at path level', () => {
    const item = doc.paths['/api/v1/namespaces/{namespace}/pods/{name}'];
    expect(item.parameters.map((p: J) => [p.name, p.in])).toEqual([['name', 'path'], ['namespace', 'path'], ['pretty', 'query']]);
    expect(doc.paths['/api/v1/nodes/{name}'].parameters.map((p: J) => p.name)).toEqual(['name', 'pretty']);
  });

  it('is built once and frozen, so callers cannot change it for everyone', () => {
    expect(openApiV2()).toBe(doc);
    expect(() => { (doc.definitions as J).x = 1; }).toThrow(TypeError);
  });
});
