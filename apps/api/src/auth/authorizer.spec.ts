import { ApiError, findResource, type KubeObject, type ResourceInfo, type Verb } from '@chronokube/core';
import { NODE_LEASE_NAMESPACE } from '@chronokube/core';
import { allowed, authorize, roleOf, type Attributes } from './authorizer';
import type { UserInfo } from './token-file';

function res(group: string, plural: string): ResourceInfo {
  const r = findResource(group, plural);
  if (!r) throw new Error(`no resource ${group}/${plural}`);
  return r;
}

const PODS = res('', 'pods');
const NODES = res('', 'nodes');
const NAMESPACES = res('', 'namespaces');
const CONFIGMAPS = res('', 'configmaps');
const EVENTS = res('', 'events');
const LEASES = res('coordination.k8s.io', 'leases');
const DEPLOYMENTS = res('apps', 'deployments');

const user = (name: string, ...groups: string[]): UserInfo => ({ name, uid: `uid-${name}`, groups });
const admin = user('root', 'system:masters');
const editor = user('eddie', 'chronokube:edit');
const viewer = user('vera', 'chronokube:view');
const nobody = user('bob');
const node1 = user('system:node:n1', 'system:nodes');

const podOn = (nodeName: string | undefined): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default' },
  spec: nodeName === undefined ? { containers: [] } : { nodeName, containers: [] },
});

const ALL_VERBS: Verb[] = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
const WRITE_VERBS: Verb[] = ['create', 'update', 'patch', 'delete', 'deletecollection'];

/** The ApiError authorize throws, or fails the test. */
function forbiddenError(u: UserInfo, a: Attributes): ApiError {
  try {
    authorize(u, a);
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('authorize did not throw');
}

describe('roleOf', () => {
  it('maps each group to its role', () => {
    expect(roleOf(user('a', 'system:masters'))).toBe('admin');
    expect(roleOf(user('a', 'chronokube:admin'))).toBe('admin');
    expect(roleOf(user('a', 'chronokube:edit'))).toBe('edit');
    expect(roleOf(user('a', 'chronokube:view'))).toBe('view');
    expect(roleOf(user('system:node:n1', 'system:nodes'))).toBe('node');
    expect(roleOf(user('a', 'system:authenticated'))).toBe('none');
    expect(roleOf(user('a'))).toBe('none');
  });

  it('lets the strongest group win', () => {
    expect(roleOf(user('a', 'chronokube:view', 'chronokube:edit'))).toBe('edit');
    expect(roleOf(user('a', 'chronokube:view', 'system:masters'))).toBe('admin');
    expect(roleOf(user('system:node:n1', 'system:nodes', 'system:masters'))).toBe('admin');
  });

  it('needs both the system:nodes group and a system:node:<name> user for the node role', () => {
    expect(roleOf(user('kubelet', 'system:nodes'))).toBe('none');
    expect(roleOf(user('system:node:n1'))).toBe('none');
    expect(roleOf(user('system:node:n1', 'chronokube:view'))).toBe('view');
    expect(roleOf(user('kubelet', 'system:nodes', 'chronokube:edit'))).toBe('edit');
  });
});

describe('allowed: admin, edit, view, none', () => {
  it('lets an admin do every verb on every resource and subresource', () => {
    for (const verb of ALL_VERBS) {
      expect(allowed(admin, { verb, resource: NODES, name: 'n9' })).toBe(true);
      expect(allowed(admin, { verb, resource: NAMESPACES })).toBe(true);
      expect(allowed(admin, { verb, resource: PODS, namespace: 'kube-system', name: 'p', subresource: 'status' })).toBe(true);
    }
  });

  it('lets an editor write namespaced resources but only read cluster-scoped ones', () => {
    for (const verb of WRITE_VERBS) {
      expect(allowed(editor, { verb, resource: CONFIGMAPS, namespace: 'default', name: 'c' })).toBe(true);
      expect(allowed(editor, { verb, resource: DEPLOYMENTS, namespace: 'default', name: 'd', subresource: 'scale' })).toBe(true);
      expect(allowed(editor, { verb, resource: NODES, name: 'n1' })).toBe(false);
      expect(allowed(editor, { verb, resource: NAMESPACES, name: 'dev' })).toBe(false);
    }
    for (const verb of ['get', 'list', 'watch'] as Verb[]) {
      expect(allowed(editor, { verb, resource: NODES })).toBe(true);
      expect(allowed(editor, { verb, resource: NAMESPACES })).toBe(true);
    }
    expect(allowed(editor, { verb: 'get', resource: PODS, namespace: 'default', name: 'p', subresource: 'log' })).toBe(true);
  });

  it('lets a viewer read everything and write nothing', () => {
    for (const r of [PODS, NODES, NAMESPACES, DEPLOYMENTS, LEASES]) {
      for (const verb of ['get', 'list', 'watch'] as Verb[]) expect(allowed(viewer, { verb, resource: r })).toBe(true);
      for (const verb of WRITE_VERBS) expect(allowed(viewer, { verb, resource: r, namespace: 'default', name: 'x' })).toBe(false);
    }
    expect(allowed(viewer, { verb: 'update', resource: PODS, namespace: 'default', name: 'p', subresource: 'status' })).toBe(false);
  });

  it('lets a user without a role do nothing, reads included', () => {
    for (const verb of ALL_VERBS) expect(allowed(nobody, { verb, resource: PODS, namespace: 'default' })).toBe(false);
  });
});

describe('allowed: node identities', () => {
  it('lets a node read anything', () => {
    for (const verb of ['get', 'list', 'watch'] as Verb[]) {
      for (const r of [PODS, NODES, CONFIGMAPS, LEASES, NAMESPACES]) expect(allowed(node1, { verb, resource: r })).toBe(true);
    }
  });

  it('lets a node register and write its own Node and nodes/status', () => {
    expect(allowed(node1, { verb: 'create', resource: NODES })).toBe(true);
    for (const verb of ['update', 'patch', 'delete'] as Verb[]) {
      expect(allowed(node1, { verb, resource: NODES, name: 'n1' })).toBe(true);
    }
    expect(allowed(node1, { verb: 'update', resource: NODES, name: 'n1', subresource: 'status' })).toBe(true);
    expect(allowed(node1, { verb: 'patch', resource: NODES, name: 'n1', subresource: 'status' })).toBe(true);
  });

  it('does not let a node write another node, its status, or the node collection', () => {
    for (const verb of ['update', 'patch', 'delete'] as Verb[]) {
      expect(allowed(node1, { verb, resource: NODES, name: 'n2' })).toBe(false);
      expect(allowed(node1, { verb, resource: NODES, name: 'n2', subresource: 'status' })).toBe(false);
    }
    expect(allowed(node1, { verb: 'deletecollection', resource: NODES })).toBe(false);
    // A node name that merely starts with ours is another node.
    expect(allowed(node1, { verb: 'update', resource: NODES, name: 'n10' })).toBe(false);
  });

  it('lets a node create and renew its own Lease in kube-node-lease only', () => {
    expect(NODE_LEASE_NAMESPACE).toBe('kube-node-lease');
    expect(allowed(node1, { verb: 'create', resource: LEASES, namespace: 'kube-node-lease' })).toBe(true);
    expect(allowed(node1, { verb: 'update', resource: LEASES, namespace: 'kube-node-lease', name: 'n1' })).toBe(true);
    expect(allowed(node1, { verb: 'patch', resource: LEASES, namespace: 'kube-node-lease', name: 'n1' })).toBe(true);
    expect(allowed(node1, { verb: 'update', resource: LEASES, namespace: 'kube-node-lease', name: 'n2' })).toBe(false);
    expect(allowed(node1, { verb: 'delete', resource: LEASES, namespace: 'kube-node-lease', name: 'n2' })).toBe(false);
    expect(allowed(node1, { verb: 'update', resource: LEASES, namespace: 'default', name: 'n1' })).toBe(false);
    expect(allowed(node1, { verb: 'create', resource: LEASES, namespace: 'kube-system' })).toBe(false);
  });

  it('lets a node update the status of, and delete, the pods bound to it', () => {
    const mine = podOn('n1');
    expect(allowed(node1, { verb: 'update', resource: PODS, namespace: 'default', name: 'p', subresource: 'status', current: mine })).toBe(true);
    expect(allowed(node1, { verb: 'patch', resource: PODS, namespace: 'default', name: 'p', subresource: 'status', current: mine })).toBe(true);
    expect(allowed(node1, { verb: 'delete', resource: PODS, namespace: 'default', name: 'p', current: mine })).toBe(true);
  });

  it('does not let a node touch pods bound elsewhere, unbound or unknown', () => {
    for (const current of [podOn('n2'), podOn(undefined), undefined]) {
      expect(allowed(node1, { verb: 'patch', resource: PODS, namespace: 'default', name: 'p', subresource: 'status', current })).toBe(false);
      expect(allowed(node1, { verb: 'delete', resource: PODS, namespace: 'default', name: 'p', current })).toBe(false);
    }
  });

  it('does not let a node create, update or bind pods, even its own', () => {
    const mine = podOn('n1');
    expect(allowed(node1, { verb: 'create', resource: PODS, namespace: 'default' })).toBe(false);
    expect(allowed(node1, { verb: 'update', resource: PODS, namespace: 'default', name: 'p', current: mine })).toBe(false);
    expect(allowed(node1, { verb: 'patch', resource: PODS, namespace: 'default', name: 'p', current: mine })).toBe(false);
    expect(allowed(node1, { verb: 'create', resource: PODS, namespace: 'default', name: 'p', subresource: 'binding', current: mine })).toBe(false);
    expect(allowed(node1, { verb: 'delete', resource: PODS, namespace: 'default', name: 'p', subresource: 'status', current: mine })).toBe(false);
    expect(allowed(node1, { verb: 'deletecollection', resource: PODS, namespace: 'default' })).toBe(false);
  });

  it('lets a node record Events but not delete them', () => {
    expect(allowed(node1, { verb: 'create', resource: EVENTS, namespace: 'default' })).toBe(true);
    expect(allowed(node1, { verb: 'patch', resource: EVENTS, namespace: 'default', name: 'e' })).toBe(true);
    expect(allowed(node1, { verb: 'update', resource: EVENTS, namespace: 'default', name: 'e' })).toBe(true);
    expect(allowed(node1, { verb: 'delete', resource: EVENTS, namespace: 'default', name: 'e' })).toBe(false);
  });

  it('does not let a node write configmaps, deployments or namespaces', () => {
    for (const verb of WRITE_VERBS) {
      expect(allowed(node1, { verb, resource: CONFIGMAPS, namespace: 'default', name: 'c' })).toBe(false);
      expect(allowed(node1, { verb, resource: DEPLOYMENTS, namespace: 'default', name: 'd' })).toBe(false);
      expect(allowed(node1, { verb, resource: NAMESPACES, name: 'n1' })).toBe(false);
    }
  });
});

describe('authorize', () => {
  it('returns quietly when the request is allowed', () => {
    expect(() => authorize(admin, { verb: 'delete', resource: NODES, name: 'n1' })).not.toThrow();
    expect(() => authorize(node1, { verb: 'update', resource: NODES, name: 'n1', subresource: 'status' })).not.toThrow();
  });

  it("throws kube's 403 for a named core object in a namespace", () => {
    const err = forbiddenError(nobody, { verb: 'create', resource: PODS, namespace: 'default', name: 'x' });
    expect(err.code).toBe(403);
    expect(err.reason).toBe('Forbidden');
    expect(err.message).toBe('pods "x" is forbidden: User "bob" cannot create resource "pods" in API group "" in the namespace "default"');
    expect(err.details).toEqual({ name: 'x', group: undefined, kind: 'pods' });
    expect(err.toStatus()).toMatchObject({ kind: 'Status', status: 'Failure', code: 403, reason: 'Forbidden', message: err.message });
  });

  it('qualifies a non-core resource with its group', () => {
    const err = forbiddenError(viewer, { verb: 'delete', resource: DEPLOYMENTS, namespace: 'default', name: 'x' });
    expect(err.message).toBe(
      'deployments.apps "x" is forbidden: User "vera" cannot delete resource "deployments" in API group "apps" in the namespace "default"',
    );
    expect(err.details).toEqual({ name: 'x', group: 'apps', kind: 'deployments' });
  });

  it('names the subresource in the resource but not in the subject', () => {
    const err = forbiddenError(viewer, { verb: 'update', resource: DEPLOYMENTS, namespace: 'prod', name: 'web', subresource: 'scale' });
    expect(err.message).toBe(
      'deployments.apps "web" is forbidden: User "vera" cannot update resource "deployments/scale" in API group "apps" in the namespace "prod"',
    );
  });

  it('says "at the cluster scope" for cluster-scoped requests', () => {
    const err = forbiddenError(editor, { verb: 'patch', resource: NODES, name: 'n2', subresource: 'status' });
    expect(err.message).toBe(
      'nodes "n2" is forbidden: User "eddie" cannot patch resource "nodes/status" in API group "" at the cluster scope',
    );
    // A node writing another node hears it from NodeRestriction, as on Kubernetes.
    expect(forbiddenError(node1, { verb: 'patch', resource: NODES, name: 'n2', subresource: 'status' }).message).toBe(
      'nodes "n2" is forbidden: node "n1" is not allowed to modify node "n2"',
    );
  });

  it('leaves the name out for collection requests', () => {
    expect(forbiddenError(nobody, { verb: 'list', resource: PODS }).message).toBe(
      'pods is forbidden: User "bob" cannot list resource "pods" in API group "" at the cluster scope',
    );
    expect(forbiddenError(editor, { verb: 'create', resource: NAMESPACES }).message).toBe(
      'namespaces is forbidden: User "eddie" cannot create resource "namespaces" in API group "" at the cluster scope',
    );
    const leases = forbiddenError(viewer, { verb: 'deletecollection', resource: LEASES, namespace: 'kube-node-lease' });
    expect(leases.message).toBe(
      'leases.coordination.k8s.io is forbidden: User "vera" cannot deletecollection resource "leases" in API group "coordination.k8s.io" in the namespace "kube-node-lease"',
    );
    expect(leases.details).toEqual({ name: undefined, group: 'coordination.k8s.io', kind: 'leases' });
  });
});
