/** Applies a JSON, merge or strategic merge patch to an object (apply patches go through server-side apply). */
import {
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  badRequest,
  type JsonPatchOp,
  type KubeObject,
} from '@chronokube/core';
import type { PatchType } from '../http/body';

/** The patched object; throws a Status error when the patch does not apply or yields a non-object. */
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
  if (typeof result !== 'object' || result === null || Array.isArray(result)) throw badRequest('the patch must leave an object');
  const object = result as KubeObject;
  if (typeof object.metadata !== 'object' || object.metadata === null) object.metadata = {};
  return object;
}
