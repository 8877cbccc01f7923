/** Applies a JSON, merge or strategic merge patch to an object (apply patches go through server-side apply). */
import {
  admitPatchedTypes,
  apiVersionOf,
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  badRequest,
  type JsonPatchOp,
  type KubeObject,
} from '@chronokube/core';
import { resourceForKind } from '@chronokube/core';
import type { PatchType } from '../http/body';

function apiVersionOfKind(kind: string): string {
  const resource = resourceForKind(kind);
  return resource ? apiVersionOf(resource) : 'v1';
}

/**
 * The patched object; throws a Status error when the patch does not apply,
 * or leaves something that would not decode as the kind (422, as kube).
 */
export function applyPatch(type: PatchType, kind: string, current: KubeObject, patch: unknown): KubeObject {
  let result: unknown;
  switch (type) {
    case 'json':
      result = applyJsonPatch(current, patch as JsonPatchOp[]);
      break;
    case 'merge':
      result = applyMergePatch(current, patch);
      break;
    case 'strategic':
      result = applyStrategicMergePatch(kind, current, patch);
      break;
    case 'apply':
      throw badRequest('apply patches are handled by server-side apply');
  }
  const apiVersion = kind === 'Scale' ? 'autoscaling/v1' : apiVersionOfKind(kind);
  admitPatchedTypes({ kind, apiVersion }, result);
  // A patch that removed kind or apiVersion decodes as the endpoint's type, as in kube.
  const object = { ...(result as KubeObject), kind, apiVersion };
  if (typeof object.metadata !== 'object' || object.metadata === null) object.metadata = {};
  return object;
}
