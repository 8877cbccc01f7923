/**
 * The self reviews kubectl posts as protobuf (`auth whoami`, `auth can-i`):
 * authentication.k8s.io SelfSubjectReview and authorization.k8s.io/v1
 * SelfSubjectAccessReview and SelfSubjectRulesReview. Only what a client
 * sends is described; the status the server fills in is answered as JSON.
 * ResourceAttributes' field and label selectors (8, 9) are left out: the
 * server does not authorize by them, and unknown fields are skipped.
 */
import { type MessageTable, msg, str } from './descriptor';

/** SelfSubjectReview, SelfSubjectAccessReview, SelfSubjectRulesReview and their specs. */
export const REVIEW_MESSAGES: MessageTable = {
  'authentication.SelfSubjectReview': { 1: msg('metadata', 'meta.ObjectMeta') },
  'authorization.SelfSubjectAccessReview': {
    1: msg('metadata', 'meta.ObjectMeta'),
    2: msg('spec', 'authorization.SelfSubjectAccessReviewSpec'),
  },
  'authorization.SelfSubjectAccessReviewSpec': {
    1: msg('resourceAttributes', 'authorization.ResourceAttributes'),
    2: msg('nonResourceAttributes', 'authorization.NonResourceAttributes'),
  },
  'authorization.ResourceAttributes': {
    1: str('namespace'), 2: str('verb'), 3: str('group'), 4: str('version'), 5: str('resource'), 6: str('subresource'), 7: str('name'),
  },
  'authorization.NonResourceAttributes': { 1: str('path'), 2: str('verb') },
  'authorization.SelfSubjectRulesReview': {
    1: msg('metadata', 'meta.ObjectMeta'),
    2: msg('spec', 'authorization.SelfSubjectRulesReviewSpec'),
  },
  'authorization.SelfSubjectRulesReviewSpec': { 1: str('namespace') },
};
