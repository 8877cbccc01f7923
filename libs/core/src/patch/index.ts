/** Patch formats (JSON patch, merge patch, strategic merge patch) and server-side apply. */
export { applyJsonPatch, diffToJsonPatch, parseJsonPatch, patchNotApplicable, type JsonPatchOp } from './json-patch';
export { parsePointer, formatPointer } from './json-pointer';
export { applyMergePatch, applyMergePatchToObject, createMergePatch } from './merge-patch';
export { applyStrategicMergePatch } from './strategic-merge-patch';
export {
  serverSideApply,
  recordUpdateManager,
  applyConflict,
  type FieldConflict,
  type ServerSideApplyOptions,
  type ServerSideApplyResult,
  type RecordUpdateOptions,
} from './server-side-apply';
export { lastAppliedFields, syncLastApplied, LAST_APPLIED_ANNOTATION, KUBECTL_APPLY_MANAGER } from './last-applied';
export { patchNodeAt, PATCH_META, type PatchNode, type ListMeta as PatchListMeta } from './patch-meta';
