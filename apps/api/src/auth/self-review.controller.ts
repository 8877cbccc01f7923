/**
 * The self reviews kube-apiserver serves to every authenticated user:
 * SelfSubjectReview (who am I: `kubectl auth whoami`), and
 * SelfSubjectAccessReview / SelfSubjectRulesReview (what may I do:
 * `kubectl auth can-i [--list]`). They are create-only and read-only at
 * once: the answer is computed and returned, nothing is stored, so no
 * event is appended. Registered before the generic /apis controller.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { All, Controller, Inject, Req, Res } from '@nestjs/common';
import { ApiError, findResource, methodNotAllowed, type KubeObject } from '@chronokube/core';
import { ApiContext } from '../api-context';
import { readBody } from '../http/body';
import { sendError, sendJson } from '../http/respond';
import { AUTHENTICATION_GROUP, AUTHORIZATION_GROUP, reviewNonResourceAccess, reviewResourceAccess, reviewRules } from './access-review';
import { accessReviewSpec, decodeReview, rulesReviewNamespace } from './review-body';
import type { UserInfo } from './token-file';

type Request = IncomingMessage & { originalUrl?: string };

/** Every authenticated user is in this group, as kube's authenticators add it. */
const AUTHENTICATED = 'system:authenticated';

/** The versions of authentication.k8s.io whose SelfSubjectReview is served (kubectl before 1.28 asked v1beta1/v1alpha1). */
export const SELF_SUBJECT_REVIEW_VERSIONS = ['v1', 'v1beta1'];

const now = (): string => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

@Controller()
export class SelfReviewController {
  constructor(@Inject(ApiContext) private readonly api: ApiContext) {}

  @All([
    `apis/${AUTHENTICATION_GROUP}/:version/selfsubjectreviews`,
    `apis/${AUTHORIZATION_GROUP}/v1/selfsubjectaccessreviews`,
    `apis/${AUTHORIZATION_GROUP}/v1/selfsubjectrulesreviews`,
  ])
  async handle(@Req() req: Request, @Res() res: ServerResponse): Promise<void> {
    try {
      const user = this.api.authenticator.authenticate(req);
      const url = new URL(req.originalUrl ?? req.url ?? '/', 'http://localhost');
      const [, , group, version, resource] = url.pathname.replace(/\/+$/, '').split('/');
      if (group === AUTHENTICATION_GROUP && !SELF_SUBJECT_REVIEW_VERSIONS.includes(version)) {
        throw new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
      }
      // Create-only resources: kube-apiserver registers no other verb for them.
      if ((req.method ?? 'GET').toUpperCase() !== 'POST') throw methodNotAllowed();
      const body = await readBody(req);
      const apiVersion = `${group}/${version}`;
      if (resource === 'selfsubjectreviews') return sendJson(res, 201, this.whoAmI(user, decodeReview(req.headers['content-type'], body, 'SelfSubjectReview', apiVersion), apiVersion));
      if (resource === 'selfsubjectaccessreviews') return sendJson(res, 201, this.accessReview(user, decodeReview(req.headers['content-type'], body, 'SelfSubjectAccessReview', apiVersion)));
      return sendJson(res, 201, this.rulesReview(user, decodeReview(req.headers['content-type'], body, 'SelfSubjectRulesReview', apiVersion)));
    } catch (err) {
      sendError(res, err);
      // An unknown token is a security fact worth keeping; any other failure of a review changes and records nothing.
      if (err instanceof ApiError && err.code === 401) this.api.audit.refused(req, {}, err);
    }
  }

  private whoAmI(user: UserInfo, review: Record<string, unknown>, apiVersion: string): unknown {
    const groups = user.groups.includes(AUTHENTICATED) ? user.groups : [...user.groups, AUTHENTICATED];
    return {
      kind: 'SelfSubjectReview', apiVersion,
      metadata: { ...(review.metadata as object | undefined), creationTimestamp: now() },
      status: { userInfo: { username: user.name, uid: user.uid, groups } },
    };
  }

  private accessReview(user: UserInfo, review: Record<string, unknown>): unknown {
    const { resource, nonResource } = accessReviewSpec(review);
    let status;
    if (resource) {
      const info = resource.name && resource.resource ? findResource(resource.group ?? '', resource.resource) : undefined;
      // Node rules look at the stored object (which node a pod is bound to), as a real request would.
      const current: KubeObject | undefined = info ? this.api.projection.state.get(info, resource.namespace || undefined, resource.name!)?.object : undefined;
      status = reviewResourceAccess(user, resource, current);
    } else {
      status = reviewNonResourceAccess(user, nonResource!);
    }
    return {
      kind: 'SelfSubjectAccessReview', apiVersion: `${AUTHORIZATION_GROUP}/v1`,
      metadata: { ...(review.metadata as object | undefined), creationTimestamp: null },
      spec: review.spec, status,
    };
  }

  private rulesReview(user: UserInfo, review: Record<string, unknown>): unknown {
    const namespace = rulesReviewNamespace(review);
    return {
      kind: 'SelfSubjectRulesReview', apiVersion: `${AUTHORIZATION_GROUP}/v1`,
      metadata: { ...(review.metadata as object | undefined), creationTimestamp: null },
      spec: review.spec ?? {}, status: reviewRules(user, namespace),
    };
  }
}
