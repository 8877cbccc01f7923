import { discoveryDocument, versionInfo } from './discovery';

const SERVER = '127.0.0.1:6443';

interface ApiResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  group?: string;
  version?: string;
}

interface ResourceList {
  kind: string;
  groupVersion: string;
  resources: ApiResource[];
}

interface ApiGroup {
  name: string;
  versions: { groupVersion: string; version: string }[];
  preferredVersion: { groupVersion: string; version: string };
}

function resourceList(path: string): ResourceList {
  const doc = discoveryDocument(path, SERVER) as ResourceList | undefined;
  if (!doc) throw new Error(`no discovery document at ${path}`);
  return doc;
}

function entry(list: ResourceList, name: string): ApiResource {
  const found = list.resources.find((r) => r.name === name);
  if (!found) throw new Error(`${list.groupVersion} has no ${name}`);
  return found;
}

describe('discoveryDocument', () => {
  it('serves /api as APIVersions with the server address', () => {
    expect(discoveryDocument('/api', SERVER)).toEqual({
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: SERVER }],
    });
  });

  it('lists the named groups at /apis, the core group excluded', () => {
    const doc = discoveryDocument('/apis', SERVER) as { kind: string; apiVersion: string; groups: ApiGroup[] };
    expect(doc.kind).toBe('APIGroupList');
    expect(doc.apiVersion).toBe('v1');
    const names = doc.groups.map((g) => g.name);
    expect(names).toEqual(expect.arrayContaining(['apps', 'coordination.k8s.io']));
    expect(names).not.toContain('');
    expect(new Set(names).size).toBe(names.length);
  });

  it('describes one group at /apis/<group>', () => {
    expect(discoveryDocument('/apis/apps', SERVER)).toEqual({
      kind: 'APIGroup',
      apiVersion: 'v1',
      name: 'apps',
      versions: [{ groupVersion: 'apps/v1', version: 'v1' }],
      preferredVersion: { groupVersion: 'apps/v1', version: 'v1' },
    });
  });

  it('lists core resources and subresources at /api/v1', () => {
    const list = resourceList('/api/v1');
    expect(list.kind).toBe('APIResourceList');
    expect(list.groupVersion).toBe('v1');
    expect(entry(list, 'pods')).toEqual({
      name: 'pods',
      singularName: 'pod',
      namespaced: true,
      kind: 'Pod',
      verbs: expect.arrayContaining(['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']),
      shortNames: ['po'],
      categories: ['all'],
    });
    expect(entry(list, 'pods').verbs).toHaveLength(8);
    expect(entry(list, 'pods/status')).toEqual({ name: 'pods/status', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get', 'patch', 'update'] });
    expect(entry(list, 'pods/binding')).toEqual({ name: 'pods/binding', singularName: '', namespaced: true, kind: 'Binding', verbs: ['create'] });
    expect(entry(list, 'pods/log')).toMatchObject({ kind: 'Pod', verbs: ['get'] });
  });

  it('marks cluster-scoped core resources as such and omits empty shortNames and categories', () => {
    const list = resourceList('/api/v1');
    expect(entry(list, 'nodes')).toMatchObject({ namespaced: false, kind: 'Node', shortNames: ['no'] });
    expect(entry(list, 'nodes/status')).toMatchObject({ namespaced: false, kind: 'Node' });
    expect(entry(list, 'namespaces')).toMatchObject({ namespaced: false, shortNames: ['ns'] });
    expect(entry(list, 'namespaces').verbs).not.toContain('deletecollection');
    expect(entry(list, 'namespaces/finalize')).toMatchObject({ kind: 'Namespace', verbs: ['update'] });
    expect(entry(list, 'endpoints')).toMatchObject({ singularName: 'endpoints', shortNames: ['ep'] });
    expect(entry(list, 'configmaps')).not.toHaveProperty('categories');
    expect(list.resources.some((r) => r.name === 'deployments')).toBe(false);
  });

  it('lists apps resources at /apis/apps/v1, with scale as autoscaling/v1 Scale', () => {
    const list = resourceList('/apis/apps/v1');
    expect(list.groupVersion).toBe('apps/v1');
    expect(entry(list, 'deployments')).toMatchObject({ singularName: 'deployment', namespaced: true, kind: 'Deployment', shortNames: ['deploy'], categories: ['all'] });
    expect(entry(list, 'deployments/scale')).toEqual({
      name: 'deployments/scale',
      singularName: '',
      namespaced: true,
      kind: 'Scale',
      group: 'autoscaling',
      version: 'v1',
      verbs: ['get', 'patch', 'update'],
    });
    expect(entry(list, 'deployments/status')).toMatchObject({ kind: 'Deployment' });
    expect(entry(list, 'deployments/status')).not.toHaveProperty('group');
    expect(entry(list, 'replicasets/scale')).toMatchObject({ kind: 'Scale', group: 'autoscaling', version: 'v1' });
    expect(list.resources.some((r) => r.name === 'pods')).toBe(false);
  });

  it('lists leases at /apis/coordination.k8s.io/v1', () => {
    const list = resourceList('/apis/coordination.k8s.io/v1');
    expect(list.groupVersion).toBe('coordination.k8s.io/v1');
    expect(list.resources.map((r) => r.name)).toEqual(['leases']);
  });

  it('has nothing for unknown groups and versions', () => {
    for (const path of ['/apis/example.com', '/apis/example.com/v1', '/apis/apps/v1beta1', '/api/v2']) {
      expect(discoveryDocument(path, SERVER)).toBeUndefined();
    }
  });
});

describe('versionInfo', () => {
  it('reports Kubernetes 1.32 in the /version shape', () => {
    const v = versionInfo();
    expect(v.major).toBe('1');
    expect(v.minor).toBe('32');
    expect(v.gitVersion).toMatch(/^v1\.32\./);
    expect(v.gitTreeState).toBe('clean');
    expect(v.platform).toMatch(/^[a-z0-9]+\/[a-z0-9]+$/);
    expect(v.platform).not.toContain('x64');
    expect(Object.keys(v)).toEqual(
      expect.arrayContaining(['major', 'minor', 'gitVersion', 'gitCommit', 'gitTreeState', 'buildDate', 'goVersion', 'compiler', 'platform']),
    );
  });
});
