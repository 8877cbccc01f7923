/**
 * The API's paths and operations, derived from the resource registry and
 * kept version-neutral: v2.ts and v3.ts render the same list, so the two
 * documents describe the same operations.
 */
import { RESOURCES, ResourceInfo, SubresourceInfo, Verb, groupVersions } from '../api/resources';
import { definitionNameOfKind } from './definitions';
import { NAMESPACE_PARAM, ParamSpec, QUERY_FOR, QUERY_PARAMS, nameParam } from './params';
import { Gvk, META } from './schema-dsl';

export type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';
export type Action = 'get' | 'list' | 'put' | 'patch' | 'post' | 'delete' | 'deletecollection' | 'watch' | 'watchlist';

/** One response of an operation: a definition, plain text, or nothing. */
export interface ResponseSpec {
  code: string;
  description: string;
  def?: string;
  text?: boolean;
}

/** One operation of a path, version-neutral. */
export interface OperationSpec {
  method: Method;
  operationId: string;
  description: string;
  tag: string;
  action?: Action;
  gvk?: Gvk;
  query: ParamSpec[];
  body?: { def: string; consumes: string[] };
  responses: ResponseSpec[];
  produces: string[];
}

/** One path, the v3 document it belongs to, its shared parameters and operations. */
export interface PathSpec {
  path: string;
  /** Key of the OpenAPI v3 document holding it: `api/v1`, `apis/apps/v1`, `api`, `apis`, `apis/apps`, `version`. */
  doc: string;
  params: ParamSpec[];
  operations: OperationSpec[];
}

/** The patch formats the server accepts, as request content types. */
export const PATCH_CONTENT_TYPES = [
  'application/apply-patch+yaml',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];
const JSON_TYPES = ['application/json', 'application/yaml'];
const WATCH_TYPES = ['application/json', 'application/json;stream=watch'];
const STATUS = `${META}Status`;
const WATCH_EVENT = `${META}WatchEvent`;
const UNAUTHORIZED: ResponseSpec = { code: '401', description: 'Unauthorized' };

/** `api/v1` or `apis/<group>/<version>`: the v3 document key and URL prefix of a group-version. */
export function gvDocKey(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

/** The word kube puts in operation ids for a group: Core, Apps, Coordination. */
function groupWord(group: string): string {
  if (!group) return 'Core';
  return group.replace(/\.k8s\.io$/, '').split('.').map(capitalize).join('');
}

function tagOf(group: string, version: string): string {
  return `${group ? group.replace(/\.k8s\.io$/, '').replace(/\./g, '_') : 'core'}_${version}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const query = (names: readonly string[]): ParamSpec[] => names.map((n) => QUERY_PARAMS[n]);
const ok = (def: string, ...codes: string[]): ResponseSpec[] => [
  ...codes.map((code) => ({ code, def, description: code === '201' ? 'Created' : code === '202' ? 'Accepted' : 'OK' })),
  UNAUTHORIZED,
];

/** Everything the operations of one resource (or subresource) share. */
interface Subject {
  gvk: Gvk;
  def: string;
  tag: string;
  /** Operation id infix, e.g. CoreV1NamespacedPod or AppsV1NamespacedDeploymentScale. */
  id: string;
  kind: string;
}

function writeOp(method: Method, verb: 'create' | 'replace' | 'patch', s: Subject): OperationSpec {
  const action: Action = method === 'post' ? 'post' : method === 'put' ? 'put' : 'patch';
  const description = { create: `create a ${s.kind}`, replace: `replace the specified ${s.kind}`,
    patch: `partially update the specified ${s.kind}` }[verb];
  const codes = verb === 'create' ? ['200', '201', '202'] : ['200', '201'];
  return {
    method, action, gvk: s.gvk, tag: s.tag, description, operationId: `${verb}${s.id}`,
    query: query(QUERY_FOR[verb]),
    body: verb === 'patch' ? { def: `${META}Patch`, consumes: PATCH_CONTENT_TYPES } : { def: s.def, consumes: ['*/*'] },
    responses: ok(s.def, ...codes), produces: JSON_TYPES,
  };
}

function readOp(s: Subject): OperationSpec {
  return {
    method: 'get', action: 'get', gvk: s.gvk, tag: s.tag, description: `read the specified ${s.kind}`,
    operationId: `read${s.id}`, query: [], responses: ok(s.def, '200'), produces: JSON_TYPES,
  };
}

/** The operations the verbs allow on one object path (item or subresource). */
function objectOps(verbs: readonly Verb[], s: Subject, deletable: boolean): OperationSpec[] {
  const ops: OperationSpec[] = [];
  if (verbs.includes('get')) ops.push(readOp(s));
  if (verbs.includes('create')) ops.push(writeOp('post', 'create', s));
  if (verbs.includes('update')) ops.push(writeOp('put', 'replace', s));
  if (verbs.includes('patch')) ops.push(writeOp('patch', 'patch', s));
  if (deletable && verbs.includes('delete')) {
    ops.push({
      method: 'delete', action: 'delete', gvk: s.gvk, tag: s.tag, description: `delete a ${s.kind}`,
      operationId: `delete${s.id}`, query: query(QUERY_FOR.delete),
      body: { def: `${META}DeleteOptions`, consumes: ['*/*'] }, responses: ok(STATUS, '200', '202'), produces: JSON_TYPES,
    });
  }
  return ops;
}

function resourcePaths(r: ResourceInfo): PathSpec[] {
  const doc = gvDocKey(r.group, r.version);
  const prefix = `/${doc}`;
  const ns = r.namespaced ? '/namespaces/{namespace}' : '';
  const scope = r.namespaced ? 'Namespaced' : '';
  const gv = `${groupWord(r.group)}${capitalize(r.version)}`;
  const subject: Subject = {
    gvk: { group: r.group, kind: r.kind, version: r.version }, def: requireDef(r.kind), tag: tagOf(r.group, r.version),
    id: `${gv}${scope}${r.kind}`, kind: r.kind,
  };
  const listDef = requireDef(`${r.kind}List`);
  const nsParams = r.namespaced ? [NAMESPACE_PARAM] : [];
  const itemParams = [nameParam(r.kind), ...nsParams, QUERY_PARAMS.pretty];
  const listOp = (operationId: string): OperationSpec => ({
    method: 'get', action: 'list', gvk: subject.gvk, tag: subject.tag, description: `list or watch objects of kind ${r.kind}`,
    operationId, query: query(QUERY_FOR.list), responses: ok(listDef, '200'), produces: [...JSON_TYPES, ...WATCH_TYPES.slice(1)],
  });
  const watchOp = (action: 'watch' | 'watchlist', operationId: string, description: string): OperationSpec => ({
    method: 'get', action, gvk: subject.gvk, tag: subject.tag, description, operationId,
    query: query(QUERY_FOR.watch), responses: ok(WATCH_EVENT, '200'), produces: WATCH_TYPES,
  });

  const collectionOps: OperationSpec[] = [];
  if (r.verbs.includes('list')) collectionOps.push(listOp(`list${subject.id}`));
  if (r.verbs.includes('create')) collectionOps.push(writeOp('post', 'create', subject));
  if (r.verbs.includes('deletecollection')) {
    collectionOps.push({
      method: 'delete', action: 'deletecollection', gvk: subject.gvk, tag: subject.tag,
      description: `delete collection of ${r.kind}`, operationId: `delete${gv}Collection${scope}${r.kind}`,
      query: query(QUERY_FOR.deletecollection), body: { def: `${META}DeleteOptions`, consumes: ['*/*'] },
      responses: ok(STATUS, '200'), produces: JSON_TYPES,
    });
  }
  const paths: PathSpec[] = [
    { path: `${prefix}${ns}/${r.plural}`, doc, params: [...nsParams, QUERY_PARAMS.pretty], operations: collectionOps },
    { path: `${prefix}${ns}/${r.plural}/{name}`, doc, params: itemParams, operations: objectOps(r.verbs, subject, true) },
  ];
  if (r.verbs.includes('watch')) {
    paths.push(
      { path: `${prefix}/watch${ns}/${r.plural}`, doc, params: [...nsParams, QUERY_PARAMS.pretty],
        operations: [watchOp('watchlist', `watch${subject.id}List`, `watch individual changes to a list of ${r.kind}; deprecated, use the watch parameter of the list operation`)] },
      { path: `${prefix}/watch${ns}/${r.plural}/{name}`, doc, params: itemParams,
        operations: [watchOp('watch', `watch${subject.id}`, `watch changes to an object of kind ${r.kind}; deprecated, use the watch parameter of the list operation with a fieldSelector on the name`)] },
    );
  }
  if (r.namespaced && r.verbs.includes('list')) {
    paths.push({ path: `${prefix}/${r.plural}`, doc, params: [QUERY_PARAMS.pretty],
      operations: [listOp(`list${gv}${r.kind}ForAllNamespaces`)] });
  }
  if (r.namespaced && r.verbs.includes('watch')) {
    paths.push({ path: `${prefix}/watch/${r.plural}`, doc, params: [QUERY_PARAMS.pretty],
      operations: [watchOp('watchlist', `watch${gv}${r.kind}ListForAllNamespaces`, `watch individual changes to a list of ${r.kind}; deprecated, use the watch parameter of the list operation`)] });
  }
  for (const sub of r.subresources) paths.push(subresourcePath(r, sub, `${prefix}${ns}/${r.plural}/{name}`, itemParams, subject));
  return paths;
}

function subresourcePath(r: ResourceInfo, sub: SubresourceInfo, itemPath: string, params: ParamSpec[], parent: Subject): PathSpec {
  const doc = gvDocKey(r.group, r.version);
  const path = `${itemPath}/${sub.name}`;
  if (sub.name === 'log') {
    return { path, doc, params, operations: [{
      method: 'get', action: 'get', gvk: parent.gvk, tag: parent.tag, description: `read log of the specified ${r.kind}`,
      operationId: `read${parent.id}Log`, query: query(QUERY_FOR.log),
      responses: [{ code: '200', description: 'OK', text: true }, UNAUTHORIZED], produces: ['text/plain', ...JSON_TYPES],
    }] };
  }
  const gvk: Gvk = { group: sub.group ?? r.group, kind: sub.kind, version: sub.version ?? r.version };
  const subject: Subject = { ...parent, gvk, def: requireDef(sub.kind), kind: sub.kind, id: `${parent.id}${capitalize(sub.name)}` };
  return { path, doc, params, operations: objectOps(sub.verbs, subject, false) };
}

function requireDef(kind: string): string {
  const name = definitionNameOfKind(kind);
  if (!name) throw new Error(`openapi: no schema for kind ${kind}`);
  return name;
}

function discoveryPaths(): PathSpec[] {
  const get = (operationId: string, description: string, def: string, tag: string): OperationSpec => ({
    method: 'get', operationId, description, tag, query: [], responses: ok(def, '200'), produces: JSON_TYPES,
  });
  const paths: PathSpec[] = [
    { path: '/api/', doc: 'api', params: [], operations: [get('getCoreAPIVersions', 'get available API versions', `${META}APIVersions`, 'core')] },
    { path: '/apis/', doc: 'apis', params: [], operations: [get('getAPIVersions', 'get available API versions', `${META}APIGroupList`, 'apis')] },
    { path: '/version/', doc: 'version', params: [], operations: [get('getCodeVersion', 'get the version information for this server', 'io.k8s.apimachinery.pkg.version.Info', 'version')] },
  ];
  const groups = new Set<string>();
  for (const { group, version } of groupVersions()) {
    const doc = gvDocKey(group, version);
    paths.push({ path: `/${doc}/`, doc, params: [], operations: [
      get(`get${groupWord(group)}${capitalize(version)}APIResources`, 'get available resources', `${META}APIResourceList`, tagOf(group, version)),
    ] });
    if (group && !groups.has(group)) {
      groups.add(group);
      paths.push({ path: `/apis/${group}/`, doc: `apis/${group}`, params: [], operations: [
        get(`get${groupWord(group)}APIGroup`, 'get information of a group', `${META}APIGroup`, group.replace(/\.k8s\.io$/, '').replace(/\./g, '_')),
      ] });
    }
  }
  return paths;
}

let cached: PathSpec[] | undefined;

/** Every path the API serves, discovery first; computed once (the registry is static). */
export function apiPaths(): readonly PathSpec[] {
  cached ??= [...discoveryPaths(), ...RESOURCES.flatMap(resourcePaths)];
  return cached;
}
