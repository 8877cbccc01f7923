import { findResource } from '@chronokube/core';
import { parseRequestPath, type RequestTarget } from './request-info';

type ResourceTarget = Extract<RequestTarget, { type: 'resource' }>;

/** The resource target for a request, or fails the test. */
function resourceTarget(method: string, path: string, watch = false): ResourceTarget {
  const target = parseRequestPath(method, path, watch);
  if (target.type !== 'resource') throw new Error(`${method} ${path}: expected a resource, got ${JSON.stringify(target)}`);
  return target;
}

/** The parts of a resource target worth comparing (the ResourceInfo checked by identity separately). */
function summary(t: ResourceTarget): Record<string, unknown> {
  return { plural: t.resource.plural, group: t.group, version: t.version, namespace: t.namespace, name: t.name, subresource: t.subresource, verb: t.verb };
}

describe('parseRequestPath: discovery', () => {
  it('treats /api, /api/v1, /apis, /apis/<g> and /apis/<g>/<v> as discovery documents', () => {
    for (const path of ['/api', '/api/v1', '/apis', '/apis/apps', '/apis/apps/v1', '/apis/coordination.k8s.io/v1']) {
      expect(parseRequestPath('GET', path, false)).toEqual({ type: 'discovery', path });
    }
  });

  it('normalises a trailing slash on discovery paths', () => {
    expect(parseRequestPath('GET', '/api/', false)).toEqual({ type: 'discovery', path: '/api' });
    expect(parseRequestPath('GET', '/apis/apps/v1/', false)).toEqual({ type: 'discovery', path: '/apis/apps/v1' });
  });

  it('passes paths outside /api and /apis through unchanged', () => {
    expect(parseRequestPath('GET', '/version', false)).toEqual({ type: 'discovery', path: '/version' });
    expect(parseRequestPath('GET', '/healthz/ready', false)).toEqual({ type: 'discovery', path: '/healthz/ready' });
  });
});

describe('parseRequestPath: resources', () => {
  it('parses a namespaced core list and item', () => {
    const list = resourceTarget('GET', '/api/v1/namespaces/default/pods');
    expect(list.resource).toBe(findResource('', 'pods'));
    expect(summary(list)).toEqual({ plural: 'pods', group: '', version: 'v1', namespace: 'default', name: undefined, subresource: undefined, verb: 'list' });
    const item = resourceTarget('GET', '/api/v1/namespaces/default/pods/web-1');
    expect(summary(item)).toMatchObject({ namespace: 'default', name: 'web-1', verb: 'get' });
  });

  it('parses a list across all namespaces without a namespace', () => {
    const t = resourceTarget('GET', '/api/v1/pods');
    expect(summary(t)).toMatchObject({ plural: 'pods', namespace: undefined, name: undefined, verb: 'list' });
  });

  it('parses group resources with their group and version', () => {
    const t = resourceTarget('GET', '/apis/apps/v1/namespaces/prod/deployments/web');
    expect(t.resource).toBe(findResource('apps', 'deployments'));
    expect(summary(t)).toEqual({ plural: 'deployments', group: 'apps', version: 'v1', namespace: 'prod', name: 'web', subresource: undefined, verb: 'get' });
    const lease = resourceTarget('PUT', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n1');
    expect(summary(lease)).toMatchObject({ plural: 'leases', group: 'coordination.k8s.io', namespace: 'kube-node-lease', name: 'n1', verb: 'update' });
  });

  it('parses cluster-scoped resources and their subresources', () => {
    expect(summary(resourceTarget('GET', '/api/v1/nodes'))).toMatchObject({ plural: 'nodes', namespace: undefined, verb: 'list' });
    expect(summary(resourceTarget('PATCH', '/api/v1/nodes/n1/status'))).toMatchObject({
      plural: 'nodes', namespace: undefined, name: 'n1', subresource: 'status', verb: 'patch',
    });
  });

  it('reads /api/v1/namespaces/<ns> as the namespace itself, not as a scope', () => {
    const t = resourceTarget('GET', '/api/v1/namespaces/foo');
    expect(t.resource).toBe(findResource('', 'namespaces'));
    expect(summary(t)).toMatchObject({ plural: 'namespaces', namespace: undefined, name: 'foo', subresource: undefined, verb: 'get' });
    expect(summary(resourceTarget('DELETE', '/api/v1/namespaces/foo'))).toMatchObject({ plural: 'namespaces', name: 'foo', verb: 'delete' });
    expect(summary(resourceTarget('GET', '/api/v1/namespaces'))).toMatchObject({ plural: 'namespaces', name: undefined, verb: 'list' });
  });

  it('reads /status and /finalize after a namespace as subresources of that namespace', () => {
    expect(summary(resourceTarget('PUT', '/api/v1/namespaces/foo/status'))).toMatchObject({
      plural: 'namespaces', namespace: undefined, name: 'foo', subresource: 'status', verb: 'update',
    });
    expect(summary(resourceTarget('PUT', '/api/v1/namespaces/foo/finalize'))).toMatchObject({
      plural: 'namespaces', namespace: undefined, name: 'foo', subresource: 'finalize', verb: 'update',
    });
  });

  it('parses a subresource of a namespaced object', () => {
    expect(summary(resourceTarget('PUT', '/api/v1/namespaces/foo/pods/bar/status'))).toEqual({
      plural: 'pods', group: '', version: 'v1', namespace: 'foo', name: 'bar', subresource: 'status', verb: 'update',
    });
    expect(summary(resourceTarget('GET', '/apis/apps/v1/namespaces/foo/deployments/web/scale'))).toMatchObject({
      plural: 'deployments', namespace: 'foo', name: 'web', subresource: 'scale', verb: 'get',
    });
    expect(summary(resourceTarget('GET', '/api/v1/namespaces/foo/pods/bar/log'))).toMatchObject({ subresource: 'log', verb: 'get' });
    expect(summary(resourceTarget('POST', '/api/v1/namespaces/foo/pods/bar/binding'))).toMatchObject({ subresource: 'binding', verb: 'create' });
  });

  it('decodes URL-encoded segments', () => {
    const t = resourceTarget('GET', '/api/v1/namespaces/my%2Dns/configmaps/a%3Ab.c');
    expect(t.namespace).toBe('my-ns');
    expect(t.name).toBe('a:b.c');
  });

  it('ignores a trailing slash on a resource path', () => {
    expect(summary(resourceTarget('GET', '/api/v1/namespaces/default/pods/'))).toMatchObject({ plural: 'pods', name: undefined, verb: 'list' });
  });
});

describe('parseRequestPath: verbs', () => {
  const item = '/api/v1/namespaces/default/configmaps/c';
  const collection = '/api/v1/namespaces/default/configmaps';

  it('maps GET and HEAD to get for an item and list or watch for a collection', () => {
    expect(resourceTarget('GET', item).verb).toBe('get');
    expect(resourceTarget('HEAD', item).verb).toBe('get');
    expect(resourceTarget('GET', collection).verb).toBe('list');
    expect(resourceTarget('HEAD', collection).verb).toBe('list');
    expect(resourceTarget('GET', collection, true).verb).toBe('watch');
    expect(resourceTarget('GET', '/api/v1/pods', true).verb).toBe('watch');
  });

  it('keeps get for a named GET even with the watch flag (kube only watches collections)', () => {
    expect(resourceTarget('GET', item, true).verb).toBe('get');
  });

  it('maps POST to create, PUT to update, PATCH to patch', () => {
    expect(resourceTarget('POST', collection).verb).toBe('create');
    expect(resourceTarget('PUT', item).verb).toBe('update');
    expect(resourceTarget('PATCH', item).verb).toBe('patch');
  });

  it('maps DELETE to delete for an item and deletecollection for a collection', () => {
    expect(resourceTarget('DELETE', item).verb).toBe('delete');
    expect(resourceTarget('DELETE', collection).verb).toBe('deletecollection');
  });

  it('answers badMethod for a method with no verb', () => {
    expect(parseRequestPath('PUT', collection, false)).toEqual({ type: 'badMethod' });
    expect(parseRequestPath('PATCH', collection, false)).toEqual({ type: 'badMethod' });
    expect(parseRequestPath('OPTIONS', item, false)).toEqual({ type: 'badMethod' });
    expect(parseRequestPath('TRACE', collection, false)).toEqual({ type: 'badMethod' });
  });

  // kube-apiserver registers only the routes a (sub)resource serves
  // (pods/status: GET PUT PATCH; pods/binding: POST; namespaces: no
  // deletecollection; an item path has no POST), so any other method is 405.
  // Here the verb is derived from the method alone, and write.service then
  // runs it on the parent object: DELETE .../pods/p/status deletes the pod.
  it.each([
    ['DELETE', '/api/v1/namespaces/default/pods/p/status'],
    ['PUT', '/api/v1/namespaces/default/pods/p/binding'],
    ['DELETE', '/api/v1/namespaces'],
    ['POST', '/api/v1/namespaces/default/pods/p'],
  ])('answers badMethod for %s %s, a verb the resource does not serve', (method, path) => {
    expect(parseRequestPath(method, path, false)).toEqual({ type: 'badMethod' });
  });
});

describe('parseRequestPath: unknown resources', () => {
  it('reports an unknown plural with its group and version', () => {
    expect(parseRequestPath('GET', '/api/v1/namespaces/default/widgets', false)).toEqual({ type: 'unknown', group: '', version: 'v1', plural: 'widgets' });
    expect(parseRequestPath('GET', '/apis/example.com/v1/widgets', false)).toEqual({ type: 'unknown', group: 'example.com', version: 'v1', plural: 'widgets' });
  });

  it('reports a known plural under the wrong group or version as unknown', () => {
    expect(parseRequestPath('GET', '/apis/apps/v1beta1/deployments', false)).toEqual({ type: 'unknown', group: 'apps', version: 'v1beta1', plural: 'deployments' });
    expect(parseRequestPath('GET', '/api/v1/deployments', false)).toEqual({ type: 'unknown', group: '', version: 'v1', plural: 'deployments' });
    expect(parseRequestPath('GET', '/api/v2/pods', false)).toMatchObject({ type: 'unknown', version: 'v2', plural: 'pods' });
  });

  it('reports a subresource the resource does not have, naming it', () => {
    expect(parseRequestPath('POST', '/api/v1/namespaces/default/pods/p/exec', false)).toEqual({ type: 'unknown', group: '', version: 'v1', plural: 'pods/exec' });
    expect(parseRequestPath('GET', '/api/v1/namespaces/default/configmaps/c/status', false)).toMatchObject({ type: 'unknown', plural: 'configmaps/status' });
  });

  it('reports extra path segments as unknown', () => {
    expect(parseRequestPath('GET', '/api/v1/namespaces/foo/pods/bar/status/extra', false)).toMatchObject({ type: 'unknown', plural: 'pods' });
  });
});
