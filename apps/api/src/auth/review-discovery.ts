/**
 * Where discovery lists the self reviews: authentication.k8s.io (v1, and
 * v1beta1 for older kubectl) and authorization.k8s.io/v1, each resource
 * with the one verb it serves, `create`, as kube-apiserver lists them.
 */
import { AUTHENTICATION_GROUP, AUTHORIZATION_GROUP } from './access-review';

/** The group versions the self reviews add to /apis, preferred version first. */
export const REVIEW_GROUP_VERSIONS: { group: string; version: string }[] = [
  { group: AUTHENTICATION_GROUP, version: 'v1' },
  { group: AUTHENTICATION_GROUP, version: 'v1beta1' },
  { group: AUTHORIZATION_GROUP, version: 'v1' },
];

const entry = (name: string, kind: string): Record<string, unknown> => ({ name, singularName: '', namespaced: false, kind, verbs: ['create'] });

/** The APIResourceList entries of a review group (the same in each of its versions). */
export function reviewResources(group: string): Record<string, unknown>[] {
  if (group === AUTHENTICATION_GROUP) return [entry('selfsubjectreviews', 'SelfSubjectReview')];
  return [entry('selfsubjectaccessreviews', 'SelfSubjectAccessReview'), entry('selfsubjectrulesreviews', 'SelfSubjectRulesReview')];
}
