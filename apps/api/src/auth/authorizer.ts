/**
 * Who may do what. Four roles, chosen by group: admin (system:masters or
 * chronokube:admin) may do anything; edit (chronokube:edit) may write
 * namespaced objects and read everything; view (chronokube:view) may only
 * read; and a node (user system:node:<name> in group system:nodes) may read,
 * write its own Node, node Lease and its pods' status, delete its pods
 * (finishing graceful deletion) and record Events.
 *
 * Which Node and which Lease are a node's own is kube's NodeRestriction
 * admission: it needs the object's name, which a create only carries in
 * its body, so `admitNodeRestriction` runs again once the body is read.
 */
import type { KubeObject, ResourceInfo, Verb } from '@chronokube/core';
import { NODE_LEASE_NAMESPACE, forbidden } from '@chronokube/core';
import type { UserInfo } from './token-file';

export type Role = 'admin' | 'edit' | 'view' | 'node' | 'none';

const READ: Verb[] = ['get', 'list', 'watch'];

/** The role a user's groups grant. */
export function roleOf(user: UserInfo): Role {
  if (user.groups.includes('system:masters') || user.groups.includes('chronokube:admin')) return 'admin';
  if (user.groups.includes('system:nodes') && user.name.startsWith('system:node:')) return 'node';
  if (user.groups.includes('chronokube:edit')) return 'edit';
  if (user.groups.includes('chronokube:view')) return 'view';
  return 'none';
}

export interface Attributes {
  verb: Verb;
  resource: ResourceInfo;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** The object as stored, when the request names one (node rules need it). */
  current?: KubeObject;
}

function nodeMayWrite(node: string, a: Attributes): boolean {
  const { kind } = a.resource;
  if (kind === 'Node') return a.name === node || (a.verb === 'create' && !a.subresource);
  if (kind === 'Lease') return a.namespace === NODE_LEASE_NAMESPACE && (a.name === node || a.verb === 'create');
  if (kind === 'Event') return a.verb === 'create' || a.verb === 'patch' || a.verb === 'update';
  if (kind === 'Pod') {
    const boundHere = (a.current?.spec as { nodeName?: string } | undefined)?.nodeName === node;
    if (a.subresource === 'status') return boundHere && (a.verb === 'update' || a.verb === 'patch');
    if (!a.subresource) return boundHere && a.verb === 'delete';
  }
  return false;
}

/** True when the role allows the request. */
export function allowed(user: UserInfo, a: Attributes): boolean {
  const role = roleOf(user);
  // Reading includes pods/log, as kube's built-in view role does.
  const read = READ.includes(a.verb);
  switch (role) {
    case 'admin':
      return true;
    case 'edit':
      return read || a.resource.namespaced;
    case 'view':
      return read;
    case 'node':
      return read || nodeMayWrite(user.name.slice('system:node:'.length), a);
    case 'none':
      return false;
  }
}

/** The node a user acts as, when the role is node. */
function nodeNameOf(user: UserInfo): string | undefined {
  return roleOf(user) === 'node' ? user.name.slice('system:node:'.length) : undefined;
}

/**
 * NodeRestriction: a node may write only its own Node and only its own
 * Lease in kube-node-lease. Throws kube's 403 (`nodes "n2" is forbidden:
 * node "n1" is not allowed to modify node "n2"`) for anything else; does
 * nothing for other users, other kinds and reads. Pure.
 */
export function admitNodeRestriction(user: UserInfo, verb: Verb, resource: ResourceInfo, namespace: string | undefined, name: string | undefined): void {
  const node = nodeNameOf(user);
  if (node === undefined || READ.includes(verb) || name === undefined) return;
  const details = { name, group: resource.group || undefined, kind: resource.plural };
  if (resource.kind === 'Node' && name !== node) {
    throw forbidden(`nodes "${name}" is forbidden: node "${node}" is not allowed to modify node "${name}"`, details);
  }
  if (resource.kind === 'Lease') {
    const subject = `leases.coordination.k8s.io "${name}" is forbidden`;
    if (namespace !== NODE_LEASE_NAMESPACE) throw forbidden(`${subject}: can only access leases in the "${NODE_LEASE_NAMESPACE}" system namespace`, details);
    if (name !== node) throw forbidden(`${subject}: can only access node lease with the same name as the requesting node`, details);
  }
}

/** Throws kube's 403 wording when the request is not allowed. */
export function authorize(user: UserInfo, a: Attributes): void {
  // Writes to a named Node or Lease of another node get NodeRestriction's words, as in kube.
  admitNodeRestriction(user, a.verb, a.resource, a.namespace, a.name);
  if (allowed(user, a)) return;
  const resource = a.subresource ? `${a.resource.plural}/${a.subresource}` : a.resource.plural;
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  const group = a.resource.group;
  const qualified = group ? `${a.resource.plural}.${group}` : a.resource.plural;
  const subject = a.name ? `${qualified} "${a.name}"` : qualified;
  throw forbidden(
    `${subject} is forbidden: User "${user.name}" cannot ${a.verb} resource "${resource}" in API group "${group}" ${scope}`,
    { name: a.name, group: group || undefined, kind: a.resource.plural },
  );
}
