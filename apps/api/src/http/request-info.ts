/**
 * Parses a request path into what it addresses, like kube-apiserver's
 * RequestInfoFactory: a discovery document, or a resource (group, version,
 * plural, namespace, name, subresource) and the verb it asks for.
 */
import { badRequest, findResource, type ResourceInfo, type Verb } from '@chronokube/core';

export type RequestTarget =
  | { type: 'discovery'; path: string }
  | {
      type: 'resource';
      resource: ResourceInfo;
      group: string;
      version: string;
      namespace?: string;
      name?: string;
      subresource?: string;
      verb: Verb;
    }
  | { type: 'unknown'; group: string; version: string; plural: string };

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

function verbFor(method: string, hasName: boolean, watch: boolean): Verb | undefined {
  switch (method) {
    case 'GET':
    case 'HEAD':
      return hasName ? 'get' : watch ? 'watch' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return hasName ? 'update' : undefined;
    case 'PATCH':
      return hasName ? 'patch' : undefined;
    case 'DELETE':
      return hasName ? 'delete' : 'deletecollection';
    default:
      return undefined;
  }
}

/** What a /api or /apis path addresses; `watch` is the ?watch= query flag. */
export function parseRequestPath(method: string, path: string, watch: boolean): RequestTarget | { type: 'badMethod' } {
  let parts: string[];
  try {
    parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    throw badRequest(`malformed URL path: ${path}`);
  }
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api') {
    if (parts.length <= 2) return { type: 'discovery', path: '/' + parts.join('/') };
    group = '';
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis') {
    if (parts.length <= 3) return { type: 'discovery', path: '/' + parts.join('/') };
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else {
    return { type: 'discovery', path };
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && !NAMESPACE_SUBRESOURCES.has(rest[2])) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, subresource, ...extra] = rest;
  const resource = findResource(group, plural);
  if (!resource || resource.version !== version || extra.length > 0) return { type: 'unknown', group, version, plural };
  if (subresource && !resource.subresources.some((s) => s.name === subresource)) return { type: 'unknown', group, version, plural: `${plural}/${subresource}` };
  let verb = verbFor(method, name !== undefined, watch);
  // POST makes a new item in a collection, or acts on a subresource (binding); never on an item itself.
  if (method === 'POST') verb = name !== undefined && !subresource ? undefined : 'create';
  if (!verb) return { type: 'badMethod' };
  // Only the verbs a resource or subresource serves are routed, as kube-apiserver registers them.
  const served = subresource ? resource.subresources.find((s) => s.name === subresource)!.verbs : resource.verbs;
  if (!served.includes(verb)) return { type: 'badMethod' };
  return { type: 'resource', resource, group, version, namespace, name, subresource, verb };
}
