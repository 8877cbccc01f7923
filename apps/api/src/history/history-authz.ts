/**
 * Who may use the history API: reading is the verb `get` on the resource
 * `history` of history.chronokube.io (every role that may read the cluster,
 * view included); opening, stopping and annotating incidents is `create` or
 * `update` on `incidents` (edit and admin). Results are filtered by
 * mayReadNamespace, the one place a per-namespace rule would go.
 */
import { forbidden } from '@chronokube/core';
import { roleOf } from '../auth/authorizer';
import type { UserInfo } from '../auth/token-file';

export const HISTORY_GROUP = 'history.chronokube.io';
export const HISTORY_VERSION = 'v1';

export type HistoryVerb = 'get' | 'list' | 'create' | 'update';

/** True when `user` may see objects and events of namespace `ns` ('' = cluster-scoped). Today every role that may read reads everything. */
export function mayReadNamespace(user: UserInfo, ns: string | undefined): boolean {
  void ns;
  return roleOf(user) !== 'none';
}

/** Throws kube's 403 wording unless `user` may `verb` the history `resource`. */
export function authorizeHistory(user: UserInfo, verb: HistoryVerb, resource: 'history' | 'incidents'): void {
  const role = roleOf(user);
  const read = verb === 'get' || verb === 'list';
  const ok = read ? role !== 'none' : role === 'admin' || role === 'edit';
  if (ok) return;
  throw forbidden(
    `${resource}.${HISTORY_GROUP} is forbidden: User "${user.name}" cannot ${verb} resource "${resource}" in API group "${HISTORY_GROUP}" at the cluster scope`,
    { group: HISTORY_GROUP, kind: resource },
  );
}

/** The discovery entries of history.chronokube.io/v1 (kubectl api-resources lists them). */
export function historyResources(): Record<string, unknown>[] {
  return [
    { name: 'history', singularName: 'history', namespaced: false, kind: 'History', verbs: ['get'] },
    { name: 'incidents', singularName: 'incident', namespaced: false, kind: 'Incident', verbs: ['create', 'get', 'list', 'patch'] },
  ];
}
