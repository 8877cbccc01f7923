/**
 * Who the user is and what they may do, asked of the standard API
 * (SelfSubjectReview, SelfSubjectAccessReview) as kubectl auth whoami/can-i do.
 * An answer the server cannot give (404 until the endpoint exists, an error)
 * counts as "unknown", and unknown hides write controls: a view-only user
 * must never see them.
 */
import { apiJson, ApiRequestError } from './api-client';

/** What a write needs: verb on group/resource[/subresource] in namespace. */
export interface AccessQuestion {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

/** allowed / denied / unknown (the review failed or does not exist). */
export type AccessAnswer = 'allowed' | 'denied' | 'unknown';

/** The SelfSubjectAccessReview body for a question. */
export function accessReviewBody(q: AccessQuestion): unknown {
  return {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: { resourceAttributes: { namespace: q.namespace, verb: q.verb, group: q.group, resource: q.resource, subresource: q.subresource, name: q.name } },
  };
}

/** Ask the API; never throws. */
export async function canI(q: AccessQuestion): Promise<AccessAnswer> {
  try {
    const r = await apiJson<{ status?: { allowed?: boolean } }>('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { method: 'POST', body: accessReviewBody(q), expect: [404] });
    return r.status?.allowed ? 'allowed' : 'denied';
  } catch {
    return 'unknown';
  }
}

/** The signed-in username (SelfSubjectReview), or undefined when the server cannot say. */
export async function whoAmI(): Promise<{ username?: string; error?: string }> {
  try {
    const r = await apiJson<{ status?: { userInfo?: { username?: string } } }>('/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      method: 'POST',
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
      expect: [404],
    });
    return { username: r.status?.userInfo?.username };
  } catch (err) {
    if (err instanceof ApiRequestError && err.code === 404) return {};
    return { error: (err as Error).message };
  }
}
