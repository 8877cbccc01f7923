import { reviewNonResourceAccess, reviewResourceAccess, reviewRules } from './access-review';
import { accessReviewSpec, decodeReview, rulesReviewNamespace } from './review-body';
import type { UserInfo } from './token-file';

const admin: UserInfo = { name: 'alice', uid: 'u1', groups: ['system:masters'] };
const editor: UserInfo = { name: 'eddie', uid: 'u2', groups: ['chronokube:edit'] };
const viewer: UserInfo = { name: 'victor', uid: 'u3', groups: ['chronokube:view'] };
const nobody: UserInfo = { name: 'nat', uid: 'u4', groups: [] };
const node1: UserInfo = { name: 'system:node:n1', uid: 'u5', groups: ['system:nodes'] };

describe('reviewResourceAccess', () => {
  it('follows the roles: admin anything, edit namespaced writes, view reads', () => {
    const createDeploy = { verb: 'create', group: 'apps', resource: 'deployments', namespace: 'default' };
    expect(reviewResourceAccess(admin, createDeploy)).toMatchObject({ allowed: true, reason: expect.stringContaining('admin') });
    expect(reviewResourceAccess(editor, createDeploy).allowed).toBe(true);
    expect(reviewResourceAccess(viewer, createDeploy)).toEqual({ allowed: false });
    expect(reviewResourceAccess(viewer, { ...createDeploy, verb: 'list' }).allowed).toBe(true);
    expect(reviewResourceAccess(nobody, { ...createDeploy, verb: 'get' }).allowed).toBe(false);
    // Nodes are cluster-scoped: edit may read them, not write them.
    expect(reviewResourceAccess(editor, { verb: 'delete', resource: 'nodes', name: 'n1' }).allowed).toBe(false);
    expect(reviewResourceAccess(editor, { verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'x' }).allowed).toBe(true);
  });

  it('treats wildcards and unknown verbs as more than a non-admin role grants', () => {
    expect(reviewResourceAccess(admin, { verb: '*', group: '*', resource: '*' }).allowed).toBe(true);
    expect(reviewResourceAccess(editor, { verb: '*', group: 'apps', resource: 'deployments', namespace: 'default' }).allowed).toBe(false);
    expect(reviewResourceAccess(editor, { verb: 'create', group: '*', resource: '*', namespace: 'default' }).allowed).toBe(false);
    expect(reviewResourceAccess(viewer, { verb: 'get', group: '*', resource: '*' }).allowed).toBe(true);
    expect(reviewResourceAccess(viewer, { verb: 'escalate', group: 'rbac.authorization.k8s.io', resource: 'roles' }).allowed).toBe(false);
  });

  it('uses the history rule for history.chronokube.io and lets everyone review itself', () => {
    expect(reviewResourceAccess(viewer, { verb: 'get', group: 'history.chronokube.io', resource: 'history' }).allowed).toBe(true);
    expect(reviewResourceAccess(viewer, { verb: 'create', group: 'history.chronokube.io', resource: 'incidents' }).allowed).toBe(false);
    expect(reviewResourceAccess(editor, { verb: 'create', group: 'history.chronokube.io', resource: 'incidents' }).allowed).toBe(true);
    expect(reviewResourceAccess(nobody, { verb: 'create', group: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews' }).allowed).toBe(true);
    expect(reviewResourceAccess(nobody, { verb: 'create', group: 'authentication.k8s.io', resource: 'selfsubjectreviews' }).allowed).toBe(true);
  });

  it('decides a node from the named object, as a real request', () => {
    const pod = (nodeName: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { nodeName } });
    const del = { verb: 'delete', resource: 'pods', namespace: 'default', name: 'p' };
    expect(reviewResourceAccess(node1, del, pod('n1') as never).allowed).toBe(true);
    expect(reviewResourceAccess(node1, del, pod('n2') as never).allowed).toBe(false);
    expect(reviewResourceAccess(node1, { verb: 'update', resource: 'nodes', name: 'n1' }).allowed).toBe(true);
    expect(reviewResourceAccess(node1, { verb: 'update', resource: 'nodes', name: 'n2' }).allowed).toBe(false);
  });
});

describe('reviewNonResourceAccess', () => {
  it('opens discovery and health to everyone, the rest to admins', () => {
    expect(reviewNonResourceAccess(nobody, { path: '/apis/apps/v1', verb: 'get' }).allowed).toBe(true);
    expect(reviewNonResourceAccess(nobody, { path: '/healthz', verb: 'get' }).allowed).toBe(true);
    expect(reviewNonResourceAccess(viewer, { path: '/metrics', verb: 'get' }).allowed).toBe(false);
    expect(reviewNonResourceAccess(viewer, { path: '/apis', verb: 'post' }).allowed).toBe(false);
    expect(reviewNonResourceAccess(viewer, { path: '/apisx', verb: 'get' }).allowed).toBe(false);
    expect(reviewNonResourceAccess(admin, { path: '/metrics', verb: 'get' }).allowed).toBe(true);
  });
});

describe('reviewRules', () => {
  it('lists what each role may do', () => {
    expect(reviewRules(admin, 'default').resourceRules).toEqual([{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]);
    const edit = reviewRules(editor, 'default').resourceRules;
    expect(edit.some((r) => r.apiGroups.includes('apps') && r.resources.includes('deployments') && r.verbs.includes('create'))).toBe(true);
    expect(edit.some((r) => r.resources.includes('nodes') && r.verbs.includes('create'))).toBe(false);
    const view = reviewRules(viewer, 'default').resourceRules;
    expect(view.filter((r) => r.verbs.includes('create')).flatMap((r) => r.resources)).toEqual(['selfsubjectreviews', 'selfsubjectaccessreviews', 'selfsubjectrulesreviews']);
    expect(reviewRules(node1, 'default').incomplete).toBe(true);
    expect(reviewRules(node1, 'kube-node-lease').resourceRules.some((r) => r.resources.includes('leases') && r.resourceNames?.includes('n1'))).toBe(true);
    expect(reviewRules(node1, 'default').resourceRules.some((r) => r.resources.includes('leases'))).toBe(false);
  });
});

describe('review bodies', () => {
  const json = (v: unknown) => Buffer.from(JSON.stringify(v));
  it('insists on an object of the right kind', () => {
    expect(() => decodeReview('application/json', Buffer.from('{nope'), 'SelfSubjectReview', 'authentication.k8s.io/v1')).toThrow(expect.objectContaining({ code: 400 }));
    expect(() => decodeReview('application/json', json([1]), 'SelfSubjectReview', 'authentication.k8s.io/v1')).toThrow(expect.objectContaining({ code: 400 }));
    expect(() => decodeReview('application/json', json({ kind: 'Pod' }), 'SelfSubjectReview', 'authentication.k8s.io/v1')).toThrow(/kind in the request body \(Pod\)/);
    expect(decodeReview('application/json', Buffer.alloc(0), 'SelfSubjectReview', 'authentication.k8s.io/v1')).toEqual({});
  });

  it('wants exactly one kind of attributes, each field a string', () => {
    expect(() => accessReviewSpec({ spec: {} })).toThrow(expect.objectContaining({ code: 422, message: expect.stringContaining('spec.resourceAttributes: Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified') }));
    expect(() => accessReviewSpec({ spec: { resourceAttributes: {}, nonResourceAttributes: {} } })).toThrow(expect.objectContaining({ code: 422 }));
    expect(() => accessReviewSpec({ spec: { resourceAttributes: { verb: 3 } } })).toThrow(expect.objectContaining({ code: 400, message: 'spec.resourceAttributes.verb must be a string, not 3' }));
    expect(accessReviewSpec({ spec: { resourceAttributes: { verb: 'get', resource: 'pods', extra: 1 } } })).toEqual({ resource: { verb: 'get', resource: 'pods' }, nonResource: undefined });
    expect(rulesReviewNamespace({ spec: { namespace: 'x' } })).toBe('x');
    expect(() => rulesReviewNamespace({ spec: { namespace: 1 } })).toThrow(expect.objectContaining({ code: 400 }));
  });
});
