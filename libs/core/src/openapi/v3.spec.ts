import { createHash } from 'node:crypto';
import { groupVersions } from '../api/resources';
import { PATCH_CONTENT_TYPES } from './paths';
import { documentHash as hashWith, openApiV3Documents, openApiV3For, openApiV3Hash as hashOf, openApiV3Root as rootWith, v3RootFor as rootForWith } from './v3';

/** What the server passes: node:crypto's SHA-512 (a spec may use Node; core may not). */
const sha512hex = (text: string): string => createHash('sha512').update(text, 'utf8').digest('hex');
const documentHash = (doc: unknown) => hashWith(doc, sha512hex);
const openApiV3Root = () => rootWith(sha512hex);
const openApiV3Hash = (gv: string) => hashOf(gv, sha512hex);
const v3RootFor = (docs: Readonly<Record<string, unknown>>) => rootForWith(docs, sha512hex);

type J = Record<string, any>;

/** Every object holding a `$ref`, with where it was found. */
function refHolders(value: unknown, at = '#', out: [string, J][] = []): [string, J][] {
  if (Array.isArray(value)) value.forEach((v, i) => refHolders(v, `${at}/${i}`, out));
  else if (value && typeof value === 'object') {
    if ('$ref' in value) out.push([at, value as J]);
    for (const [k, v] of Object.entries(value)) refHolders(v, `${at}/${k}`, out);
  }
  return out;
}

describe('openApiV3Root', () => {
  it('lists every served group-version, the discovery documents and version', () => {
    const keys = Object.keys(openApiV3Root().paths);
    for (const { group, version } of groupVersions()) expect(keys).toContain(group ? `apis/${group}/${version}` : `api/${version}`);
    expect(keys).toEqual(expect.arrayContaining(['api', 'apis', 'version', 'apis/apps', 'apis/coordination.k8s.io']));
    expect(keys).not.toContain('apis/autoscaling/v1');
  });

  it('points each key at its document with a hash of the content', () => {
    const url = openApiV3Root().paths['api/v1'].serverRelativeURL;
    expect(url).toMatch(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/);
    expect(url.endsWith(documentHash(openApiV3For('api/v1')))).toBe(true);
    expect(openApiV3Hash('/api/v1')).toBe(url.split('hash=')[1]);
    expect(openApiV3Hash('apis/nope/v1')).toBeUndefined();
  });

  it('keeps the hash while the document is unchanged and changes it when the document does', () => {
    const docs = openApiV3Documents();
    const same = v3RootFor(JSON.parse(JSON.stringify(docs)));
    expect(same).toEqual(openApiV3Root());
    const changed = JSON.parse(JSON.stringify(docs));
    changed['apis/apps/v1'].components.schemas['io.k8s.api.apps.v1.Deployment'].description = 'changed';
    const after = v3RootFor(changed);
    expect(after.paths['apis/apps/v1'].serverRelativeURL).not.toBe(openApiV3Root().paths['apis/apps/v1'].serverRelativeURL);
    expect(after.paths['api/v1']).toEqual(openApiV3Root().paths['api/v1']);
  });
});

describe('openApiV3For', () => {
  const core = openApiV3For('api/v1') as J;
  const apps = openApiV3For('apis/apps/v1') as J;

  it('answers undefined for a group-version that is not served, and tolerates slashes', () => {
    expect(openApiV3For('apis/batch/v1')).toBeUndefined();
    expect(openApiV3For('/openapi/v3/apis/apps/v1')).toBe(apps);
  });

  it('resolves every $ref inside the same document, and never leaves siblings next to one', () => {
    for (const [key, doc] of Object.entries(openApiV3Documents()) as [string, J][]) {
      const holders = refHolders(doc);
      expect(holders.length).toBeGreaterThan(0);
      const broken = holders.filter(([, h]) => !doc.components.schemas[String(h.$ref).replace('#/components/schemas/', '')]);
      const withSiblings = holders.filter(([, h]) => Object.keys(h).length !== 1);
      expect({ key, broken, withSiblings }).toEqual({ key, broken: [], withSiblings: [] });
    }
  });

  it('wraps a described reference in allOf so explain shows the field description', () => {
    expect(core.components.schemas['io.k8s.api.core.v1.Pod'].properties.metadata).toEqual({
      allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }],
      description: "Standard object's metadata.",
    });
  });

  it('holds only the paths of its group-version, and the schemas they reach', () => {
    expect(Object.keys(apps.paths).every((p) => p.startsWith('/apis/apps/v1/'))).toBe(true);
    expect(apps.components.schemas['io.k8s.api.core.v1.PodSpec']).toBeDefined();
    expect(apps.components.schemas['io.k8s.api.autoscaling.v1.Scale']).toBeDefined();
    expect(apps.components.schemas['io.k8s.api.core.v1.Node']).toBeUndefined();
    expect(core.components.schemas['io.k8s.api.apps.v1.Deployment']).toBeUndefined();
  });

  it('carries the GVK extension on the Pod, Deployment and Service schemas', () => {
    expect(core.components.schemas['io.k8s.api.core.v1.Pod']['x-kubernetes-group-version-kind']).toEqual([{ group: '', kind: 'Pod', version: 'v1' }]);
    expect(core.components.schemas['io.k8s.api.core.v1.Service']['x-kubernetes-group-version-kind']).toEqual([{ group: '', kind: 'Service', version: 'v1' }]);
    expect(apps.components.schemas['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
  });

  it('gives every PATCH operation of a kind fieldValidation and strategic merge patch, as kubectl checks', () => {
    // kubectl inspects whichever PATCH operation of the kind it meets first, so all must qualify.
    let patches = 0;
    for (const doc of Object.values(openApiV3Documents()) as J[]) {
      for (const [path, item] of Object.entries(doc.paths) as [string, J][]) {
        if (!item.patch) continue;
        patches++;
        const query = item.patch.parameters.filter((p: J) => p.in === 'query').map((p: J) => p.name);
        expect({ path, query }).toEqual({ path, query: ['dryRun', 'fieldManager', 'fieldValidation', 'force'] });
        expect(Object.keys(item.patch.requestBody.content)).toEqual(PATCH_CONTENT_TYPES);
        expect(item.patch['x-kubernetes-group-version-kind']).toEqual(expect.objectContaining({ kind: expect.any(String) }));
      }
    }
    expect(patches).toBeGreaterThanOrEqual(10);
  });

  it('lets explain find a kind from its resource path operations', () => {
    expect(core.paths['/api/v1/namespaces/{namespace}/pods'].get['x-kubernetes-group-version-kind']).toEqual({ group: '', kind: 'Pod', version: 'v1' });
    expect(core.paths['/api/v1/nodes'].get['x-kubernetes-action']).toBe('list');
    expect(core.paths['/api/v1/pods'].get.operationId).toBe('listCoreV1PodForAllNamespaces');
  });

  it('publishes IntOrString and Quantity in their v3 shapes, so explain names them', () => {
    expect(apps.components.schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toEqual(expect.objectContaining({
      format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }],
    }));
    expect(apps.components.schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString'].type).toBeUndefined();
    expect(core.components.schemas['io.k8s.apimachinery.pkg.api.resource.Quantity'].oneOf).toEqual([{ type: 'string' }, { type: 'number' }]);
  });

  it('keeps list semantics on the array property itself, where kubectl looks for the merge key', () => {
    const containers = core.components.schemas['io.k8s.api.core.v1.PodSpec'].properties.containers;
    expect(containers).toMatchObject({
      type: 'array', items: { $ref: '#/components/schemas/io.k8s.api.core.v1.Container' },
      'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'map',
    });
  });

  it('gives the ports of a service a default protocol, as apply keys them by port and protocol', () => {
    const port = core.components.schemas['io.k8s.api.core.v1.ServicePort'];
    expect(port.properties.protocol.default).toBe('TCP');
    expect(port.required).toEqual(['port']);
  });
});
