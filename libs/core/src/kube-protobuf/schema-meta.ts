/**
 * k8s.io/apimachinery messages: meta/v1 (ObjectMeta and friends, Time,
 * DeleteOptions), util/intstr and api/resource. Field numbers from their
 * generated.proto; names and keep flags from the Go json tags.
 */
import { type MessageTable, KEEP, REP, bool, bytes, i32, i64, map, msg, str } from './descriptor';

/** meta/v1, intstr and resource messages. */
export const META_MESSAGES: MessageTable = {
  'meta.ObjectMeta': {
    1: str('name'),
    2: str('generateName'),
    3: str('namespace'),
    4: str('selfLink'),
    5: str('uid'),
    6: str('resourceVersion'),
    7: i64('generation'),
    8: msg('creationTimestamp', 'meta.Time'),
    9: msg('deletionTimestamp', 'meta.Time'),
    10: i64('deletionGracePeriodSeconds', KEEP),
    11: map('labels', 'string'),
    12: map('annotations', 'string'),
    13: msg('ownerReferences', 'meta.OwnerReference', REP),
    14: str('finalizers', REP),
    17: msg('managedFields', 'meta.ManagedFieldsEntry', REP),
  },
  'meta.OwnerReference': {
    1: str('kind', KEEP),
    3: str('name', KEEP),
    4: str('uid', KEEP),
    5: str('apiVersion', KEEP),
    6: bool('controller', KEEP),
    7: bool('blockOwnerDeletion', KEEP),
  },
  'meta.ManagedFieldsEntry': {
    1: str('manager'),
    2: str('operation'),
    3: str('apiVersion'),
    4: msg('time', 'meta.Time'),
    6: str('fieldsType'),
    7: msg('fieldsV1', 'meta.FieldsV1'),
    8: str('subresource'),
  },
  'meta.FieldsV1': { 1: bytes('Raw', KEEP) },
  'meta.LabelSelector': {
    1: map('matchLabels', 'string'),
    2: msg('matchExpressions', 'meta.LabelSelectorRequirement', REP),
  },
  'meta.LabelSelectorRequirement': {
    1: str('key', KEEP),
    2: str('operator', KEEP),
    3: str('values', REP),
  },
  'meta.Condition': {
    1: str('type', KEEP),
    2: str('status', KEEP),
    3: i64('observedGeneration'),
    4: msg('lastTransitionTime', 'meta.Time'),
    5: str('reason', KEEP),
    6: str('message', KEEP),
  },
  // Time and MicroTime are both google.protobuf.Timestamp-shaped.
  'meta.Time': { 1: i64('seconds', KEEP), 2: i32('nanos', KEEP) },
  'meta.MicroTime': { 1: i64('seconds', KEEP), 2: i32('nanos', KEEP) },
  'meta.Duration': { 1: i64('duration', KEEP) },
  'meta.DeleteOptions': {
    1: i64('gracePeriodSeconds', KEEP),
    2: msg('preconditions', 'meta.Preconditions'),
    3: bool('orphanDependents', KEEP),
    4: str('propagationPolicy', KEEP),
    5: str('dryRun', REP),
  },
  'meta.Preconditions': { 1: str('uid', KEEP), 2: str('resourceVersion', KEEP) },
  'intstr.IntOrString': { 1: i64('type', KEEP), 2: i32('intVal', KEEP), 3: str('strVal', KEEP) },
  'resource.Quantity': { 1: str('string', KEEP) },
};
