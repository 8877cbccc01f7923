/**
 * core/v1 ConfigMap: non-confidential key/value configuration for pods.
 */
import { CORE, Definitions, bool, gvk, kind, listKind, mapOf, strMap } from '../schema-dsl';

/** ConfigMap and its list. */
export const CONFIGMAP_DEFS: Definitions = {
  [`${CORE}ConfigMap`]: kind(gvk.core('ConfigMap'), 'Configuration data for pods to consume.', {
    binaryData: mapOf({ type: 'string', format: 'byte' },
      'Binary values, base64-encoded in JSON; keys may not overlap those of data.'),
    data: strMap('UTF-8 values; keys are alphanumeric, -, _ or . and may not overlap those of binaryData.'),
    immutable: bool('When true, data and binaryData cannot be changed, only the object deleted and recreated.'),
  }),
  [`${CORE}ConfigMapList`]: listKind(gvk.core('ConfigMapList'), `${CORE}ConfigMap`, 'A list of ConfigMaps.'),
};
