/**
 * The resources chronokube serves: one row per kind, the single source for
 * routing, discovery, stream names and RBAC. A resource is addressed by its
 * plural name within its group (core group = '').
 */

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export interface SubresourceInfo {
  name: string;
  /** Kind of the subresource body (Scale is autoscaling/v1). */
  kind: string;
  group?: string;
  version?: string;
  verbs: Verb[];
}

export interface ResourceInfo {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  categories: string[];
  verbs: Verb[];
  subresources: SubresourceInfo[];
}

const ALL_VERBS: Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const STATUS = (): SubresourceInfo => ({ name: 'status', kind: '', verbs: ['get', 'patch', 'update'] });
const SCALE: SubresourceInfo = { name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] };

function resource(r: Partial<ResourceInfo> & Pick<ResourceInfo, 'kind' | 'plural' | 'namespaced'>): ResourceInfo {
  const subresources = (r.subresources ?? []).map((s) => (s.kind ? s : { ...s, kind: r.kind }));
  return {
    group: '',
    version: 'v1',
    singular: r.kind.toLowerCase(),
    shortNames: [],
    categories: [],
    verbs: ALL_VERBS,
    ...r,
    subresources,
  };
}

/** Every served resource, in discovery order. */
export const RESOURCES: readonly ResourceInfo[] = [
  resource({ kind: 'Namespace', plural: 'namespaces', namespaced: false, shortNames: ['ns'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: [{ name: 'finalize', kind: '', verbs: ['update'] }, STATUS()] }),
  resource({ kind: 'Node', plural: 'nodes', namespaced: false, shortNames: ['no'], subresources: [STATUS()] }),
  resource({ kind: 'Pod', plural: 'pods', namespaced: true, shortNames: ['po'], categories: ['all'],
    subresources: [
      { name: 'binding', kind: 'Binding', verbs: ['create'] },
      { name: 'log', kind: 'Pod', verbs: ['get'] },
      STATUS(),
    ] }),
  resource({ kind: 'Service', plural: 'services', namespaced: true, shortNames: ['svc'], categories: ['all'],
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], subresources: [STATUS()] }),
  resource({ kind: 'Endpoints', plural: 'endpoints', singular: 'endpoints', namespaced: true, shortNames: ['ep'] }),
  resource({ kind: 'ConfigMap', plural: 'configmaps', namespaced: true, shortNames: ['cm'] }),
  resource({ kind: 'Event', plural: 'events', namespaced: true, shortNames: ['ev'] }),
  resource({ group: 'apps', kind: 'Deployment', plural: 'deployments', namespaced: true, shortNames: ['deploy'],
    categories: ['all'], subresources: [SCALE, STATUS()] }),
  resource({ group: 'apps', kind: 'ReplicaSet', plural: 'replicasets', namespaced: true, shortNames: ['rs'],
    categories: ['all'], subresources: [SCALE, STATUS()] }),
  resource({ group: 'coordination.k8s.io', kind: 'Lease', plural: 'leases', namespaced: true }),
];

/** "v1" for the core group, "apps/v1" otherwise. */
export function apiVersionOf(r: Pick<ResourceInfo, 'group' | 'version'>): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** The resource for a group and plural, or undefined. */
export function findResource(group: string, plural: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.group === group && r.plural === plural);
}

/** The resource for a kind (kinds are unique across our groups), or undefined. */
export function resourceForKind(kind: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.kind === kind);
}

/** The served group/versions, core first. */
export function groupVersions(): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const r of RESOURCES) seen.set(apiVersionOf(r), { group: r.group, version: r.version });
  return [...seen.values()];
}
