/**
 * The discovery documents (/api, /apis, /apis/<group>, /api/v1 and
 * /apis/<group>/<version>) and /version, so their OpenAPI paths have
 * response schemas as in kube.
 */
import {
  Definitions, META, bool, object, ref, refList, str, strList, typeMetaFields, withGvk,
} from '../schema-dsl';

const SERVER_ADDRESSES_DOC =
  'Which server address a client in each CIDR should use; clients use the first matching entry.';

/** APIVersions, APIGroupList, APIGroup, APIResourceList and version.Info. */
export const DISCOVERY_DEFS: Definitions = {
  [`${META}APIVersions`]: withGvk(object('The versions available at /api.', {
    ...typeMetaFields(),
    serverAddressByClientCIDRs: refList(`${META}ServerAddressByClientCIDR`, SERVER_ADDRESSES_DOC),
    versions: strList('The API versions available.'),
  }, { required: ['versions', 'serverAddressByClientCIDRs'] }), { group: '', kind: 'APIVersions', version: 'v1' }),
  [`${META}APIGroupList`]: withGvk(object('The groups available at /apis.', {
    ...typeMetaFields(),
    groups: refList(`${META}APIGroup`, 'The groups available.'),
  }, { required: ['groups'] }), { group: '', kind: 'APIGroupList', version: 'v1' }),
  [`${META}APIGroup`]: withGvk(object('The name, versions and preferred version of an API group.', {
    ...typeMetaFields(),
    name: str('Name of the group.'),
    preferredVersion: ref(`${META}GroupVersionForDiscovery`, 'The version clients should prefer.'),
    serverAddressByClientCIDRs: refList(`${META}ServerAddressByClientCIDR`, SERVER_ADDRESSES_DOC),
    versions: refList(`${META}GroupVersionForDiscovery`, 'The versions the group supports.'),
  }, { required: ['name', 'versions'] }), { group: '', kind: 'APIGroup', version: 'v1' }),
  [`${META}GroupVersionForDiscovery`]: object('A group/version pair, so clients need not parse strings.', {
    groupVersion: str('group/version, or just version for the core group.'),
    version: str('The version, so clients need not split groupVersion.'),
  }, { required: ['groupVersion', 'version'] }),
  [`${META}ServerAddressByClientCIDR`]: object('Where clients in a CIDR should reach the server.', {
    clientCIDR: str('The CIDR this entry applies to.'),
    serverAddress: str('Address of the server for those clients: hostname, hostname:port, IP or IP:port.'),
  }, { required: ['clientCIDR', 'serverAddress'] }),
  [`${META}APIResourceList`]: withGvk(object('The resources of one group/version and what can be done with them.', {
    ...typeMetaFields(),
    groupVersion: str('The group/version of the resources.'),
    resources: refList(`${META}APIResource`, 'The resources of this group/version.'),
  }, { required: ['groupVersion', 'resources'] }), { group: '', kind: 'APIResourceList', version: 'v1' }),
  [`${META}APIResource`]: object('One resource (or subresource) of a group/version.', {
    categories: strList('Groupings the resource belongs to, such as all.'),
    group: str('Preferred group of the resource when it differs from the containing group.'),
    kind: str('Kind of the resource, such as Pod.'),
    name: str('Plural name of the resource, or resource/subresource.'),
    namespaced: bool('Whether the resource is namespaced.'),
    shortNames: strList('Suggested short names, such as po.'),
    singularName: str('Singular name of the resource, for CLI display.'),
    storageVersionHash: str('Hash of the storage version, to tell when stored objects need migrating.'),
    verbs: strList('Verbs the resource supports: get, list, watch, create, update, patch, delete, deletecollection, proxy.'),
    version: str('Preferred version of the resource when it differs from the containing version.'),
  }, { required: ['name', 'singularName', 'namespaced', 'kind', 'verbs'] }),
  'io.k8s.apimachinery.pkg.version.Info': object('Version information of the server.', {
    buildDate: str('When the binary was built.'),
    compiler: str('Compiler that built the binary.'),
    gitCommit: str('Source commit of the build.'),
    gitTreeState: str('Whether the source tree was clean.'),
    gitVersion: str('Version string, such as v1.32.0.'),
    goVersion: str('Runtime the binary was built with.'),
    major: str('Major version.'),
    minor: str('Minor version.'),
    platform: str('OS/architecture of the binary.'),
  }, {
    required: ['major', 'minor', 'gitVersion', 'gitCommit', 'gitTreeState', 'buildDate', 'goVersion', 'compiler', 'platform'],
  }),
};
