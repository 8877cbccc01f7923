/**
 * ConfigMap validation: keys are config keys, data and binaryData do not
 * share a key, the whole payload fits in 1 MiB, and an immutable ConfigMap
 * keeps its data.
 */
import { fieldError, type FieldError } from '../api/errors';
import type { KubeObject } from '../api/meta';
import { base64Bytes } from '../bytes/bytes';
import { key } from './field-path';
import { isConfigMapKey } from './formats';
import { metaRulesFor, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import { asRecord, byteLength, semanticEqual, str } from './util';

/** core.MaxSecretSize, which also bounds ConfigMaps: 1 MiB. */
export const MAX_CONFIGMAP_SIZE = 1024 * 1024;

function binaryLength(b64: unknown): number {
  return base64Bytes(str(b64)).length;
}

/** ValidateConfigMap. */
export function validateConfigMap(cm: KubeObject): FieldError[] {
  const errs = validateObjectMeta(cm.metadata, metaRulesFor('ConfigMap'));
  const data = asRecord(cm.data) ?? {};
  const binary = asRecord(cm.binaryData) ?? {};
  let size = 0;
  for (const [k, v] of Object.entries(data)) {
    errs.push(...isConfigMapKey(k).map((m) => fieldError.invalid(key('data', k), k, m)));
    if (k in binary) errs.push(fieldError.invalid(key('data', k), k, 'duplicate of key present in binaryData'));
    size += byteLength(str(v));
  }
  for (const [k, v] of Object.entries(binary)) {
    errs.push(...isConfigMapKey(k).map((m) => fieldError.invalid(key('binaryData', k), k, m)));
    size += binaryLength(v);
  }
  // kube reports the whole object with an empty path, which prints as `[]`.
  if (size > MAX_CONFIGMAP_SIZE) errs.push(fieldError.tooLong('[]', MAX_CONFIGMAP_SIZE));
  return errs;
}

/** ValidateConfigMapUpdate: once `immutable: true`, neither the flag nor the data may change. */
export function validateConfigMapUpdate(next: KubeObject, prev: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(next.metadata, prev.metadata);
  if (prev.immutable === true) {
    const detail = 'field is immutable when `immutable` is set';
    if (next.immutable !== true) errs.push(fieldError.forbidden('immutable', detail));
    if (!semanticEqual(next.data, prev.data)) errs.push(fieldError.forbidden('data', detail));
    if (!semanticEqual(next.binaryData, prev.binaryData)) errs.push(fieldError.forbidden('binaryData', detail));
  }
  return [...errs, ...validateConfigMap(next)];
}
