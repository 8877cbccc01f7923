/**
 * The answers of SelfSubjectAccessReview and SelfSubjectRulesReview, given
 * by the same role model that decides real requests (authorizer.ts and the
 * history group's rule), so the UI and `kubectl auth can-i` see exactly
 * what a request would meet. Pure: the caller passes the stored object
 * when the attributes name one (a node's rules depend on it).
 */
import { NODE_LEASE_NAMESPACE, RESOURCES, findResource, type KubeObject, type ResourceInfo, type Verb } from '@chronokube/core';
import { HISTORY_GROUP, authorizeHistory, type HistoryVerb } from '../history/history-authz';
import { allowed, roleOf, type Role } from './authorizer';
import type { UserInfo } from './token-file';

/** spec.resourceAttributes of a SubjectAccessReview. */
export interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

/** spec.nonResourceAttributes of a SubjectAccessReview. */
export interface NonResourceAttributes {
  path?: string;
  verb?: string;
}

/** SubjectAccessReviewStatus: `reason` only on an allow, as kube's RBAC authorizer gives it. */
export interface AccessDecision {
  allowed: boolean;
  denied?: boolean;
  reason?: string;
}

export const AUTHENTICATION_GROUP = 'authentication.k8s.io';
export const AUTHORIZATION_GROUP = 'authorization.k8s.io';

/** The review resources every authenticated user may create (kube's system:basic-user role). */
const SELF_REVIEWS: Record<string, string[]> = {
  [AUTHENTICATION_GROUP]: ['selfsubjectreviews'],
  [AUTHORIZATION_GROUP]: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
};

/** Paths any authenticated user may GET (kube's system:discovery and system:public-info-viewer). */
const DISCOVERY_PATHS = ['/api', '/api/*', '/apis', '/apis/*', '/openapi', '/openapi/*', '/version', '/version/', '/healthz', '/livez', '/readyz'];

const KNOWN_VERBS: Verb[] = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
const WRITE_VERBS: Verb[] = ['create', 'update', 'patch', 'delete', 'deletecollection'];

function allowedBy(user: UserInfo, role: Role): AccessDecision {
  const group = user.groups.find((g) => g.startsWith('system:masters') || g.startsWith('chronokube:') || g === 'system:nodes');
  return { allowed: true, reason: `chronokube: allowed by role "${role}"${group ? ` of group "${group}"` : ''}` };
}

/**
 * A resource the registry does not know (or `*`) still gets an answer, as
 * RBAC answers on names: it counts as namespaced when asked within a
 * namespace, so edit's "write namespaced objects" applies to it.
 */
function resourceFor(a: ResourceAttributes): ResourceInfo {
  const group = a.group ?? '';
  const plural = a.resource ?? '';
  const known = plural === '*' ? undefined : findResource(group, plural);
  if (known) return known;
  return {
    group, version: a.version || 'v1', kind: '', plural, singular: '', shortNames: [], categories: [],
    namespaced: plural !== '*' && !!a.namespace, verbs: KNOWN_VERBS, subresources: [],
  };
}

/** May `user` do what `a` describes? `current`: the stored object `a` names, if any. */
export function reviewResourceAccess(user: UserInfo, a: ResourceAttributes, current?: KubeObject): AccessDecision {
  const role = roleOf(user);
  const verb = a.verb ?? '';
  const group = a.group ?? '';
  if (role === 'admin') return allowedBy(user, role);
  if (verb === 'create' && SELF_REVIEWS[group]?.includes(a.resource ?? '') && !a.subresource) {
    return { allowed: true, reason: 'chronokube: every authenticated user may review itself' };
  }
  if (group === HISTORY_GROUP) {
    const resource = a.resource === 'history' || a.resource === 'incidents' ? a.resource : undefined;
    if (!resource || !['get', 'list', 'create', 'update'].includes(verb)) return { allowed: false };
    try {
      authorizeHistory(user, verb as HistoryVerb, resource);
      return allowedBy(user, role);
    } catch {
      return { allowed: false };
    }
  }
  // A wildcard or unknown verb is more than any non-admin role grants.
  if (!KNOWN_VERBS.includes(verb as Verb)) return { allowed: false };
  const ok = allowed(user, {
    verb: verb as Verb, resource: resourceFor(a), subresource: a.subresource || undefined,
    namespace: a.namespace || undefined, name: a.name || undefined, current,
  });
  return ok ? allowedBy(user, role) : { allowed: false };
}

function pathMatches(pattern: string, path: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('/*')) return path === pattern.slice(0, -2) || path.startsWith(pattern.slice(0, -1));
  return path === pattern;
}

/** May `user` use a non-resource URL: admins any, everyone the discovery and health paths with get. */
export function reviewNonResourceAccess(user: UserInfo, a: NonResourceAttributes): AccessDecision {
  const role = roleOf(user);
  if (role === 'admin') return allowedBy(user, role);
  if (a.verb === 'get' && DISCOVERY_PATHS.some((p) => pathMatches(p, a.path ?? ''))) {
    return { allowed: true, reason: 'chronokube: discovery and health paths are open to every authenticated user' };
  }
  return { allowed: false };
}

/** One rule of a SelfSubjectRulesReview. */
export interface ResourceRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames?: string[];
}

export interface RulesReviewStatus {
  resourceRules: ResourceRule[];
  nonResourceRules: { verbs: string[]; nonResourceURLs: string[] }[];
  incomplete: boolean;
}

function namespacedWriteRules(): ResourceRule[] {
  const byGroup = new Map<string, string[]>();
  for (const r of RESOURCES.filter((x) => x.namespaced)) {
    const names = byGroup.get(r.group) ?? [];
    names.push(r.plural, ...r.subresources.map((s) => `${r.plural}/${s.name}`));
    byGroup.set(r.group, names);
  }
  return [...byGroup].map(([group, resources]) => ({ verbs: WRITE_VERBS, apiGroups: [group], resources }));
}

/**
 * What `user` may do in `namespace`, as rules (kubectl auth can-i --list).
 * A node's writes depend on which pods are bound to it, which rules cannot
 * say, so its list is marked incomplete, as kube's node authorizer does.
 */
export function reviewRules(user: UserInfo, namespace: string): RulesReviewStatus {
  const role = roleOf(user);
  const selfReviews: ResourceRule[] = Object.entries(SELF_REVIEWS).map(([g, resources]) => ({ verbs: ['create'], apiGroups: [g], resources }));
  const nonResourceRules = role === 'admin' ? [{ verbs: ['*'], nonResourceURLs: ['*'] }] : [{ verbs: ['get'], nonResourceURLs: DISCOVERY_PATHS }];
  const read: ResourceRule = { verbs: ['get', 'list', 'watch'], apiGroups: ['*'], resources: ['*'] };
  const history: ResourceRule = { verbs: ['get'], apiGroups: [HISTORY_GROUP], resources: ['history'] };
  const incidents: ResourceRule = { verbs: ['create', 'update', 'get', 'list'], apiGroups: [HISTORY_GROUP], resources: ['incidents'] };
  switch (role) {
    case 'admin':
      return { resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], nonResourceRules, incomplete: false };
    case 'edit':
      return { resourceRules: [...selfReviews, read, history, incidents, ...namespacedWriteRules()], nonResourceRules, incomplete: false };
    case 'view':
      return { resourceRules: [...selfReviews, read, history], nonResourceRules, incomplete: false };
    case 'node': {
      const node = user.name.slice('system:node:'.length);
      const own: ResourceRule[] = [
        { verbs: ['create'], apiGroups: [''], resources: ['nodes'] },
        { verbs: WRITE_VERBS, apiGroups: [''], resources: ['nodes', 'nodes/status'], resourceNames: [node] },
        { verbs: ['create', 'patch', 'update'], apiGroups: [''], resources: ['events'] },
      ];
      if (namespace === NODE_LEASE_NAMESPACE) {
        own.push({ verbs: ['create'], apiGroups: ['coordination.k8s.io'], resources: ['leases'] });
        own.push({ verbs: WRITE_VERBS, apiGroups: ['coordination.k8s.io'], resources: ['leases'], resourceNames: [node] });
      }
      return { resourceRules: [...selfReviews, read, history, ...own], nonResourceRules, incomplete: true };
    }
    case 'none':
      return { resourceRules: selfReviews, nonResourceRules, incomplete: false };
  }
}
