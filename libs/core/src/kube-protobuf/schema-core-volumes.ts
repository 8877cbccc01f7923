/**
 * core/v1 Volume and the volume sources a chronokube node can serve
 * (emptyDir, hostPath, configMap, secret, downwardAPI, projected, PVC, nfs,
 * image). Other sources are skipped as unknown fields.
 */
import { type MessageTable, INLINE, KEEP, REP, bool, i32, i64, msg, str } from './descriptor';

/** Volume, VolumeSource and the common sources. */
export const CORE_VOLUME_MESSAGES: MessageTable = {
  'core.Volume': {
    1: str('name', KEEP),
    2: msg('volumeSource', 'core.VolumeSource', INLINE),
  },
  'core.VolumeSource': {
    1: msg('hostPath', 'core.HostPathVolumeSource'),
    2: msg('emptyDir', 'core.EmptyDirVolumeSource'),
    6: msg('secret', 'core.SecretVolumeSource'),
    7: msg('nfs', 'core.NFSVolumeSource'),
    10: msg('persistentVolumeClaim', 'core.PersistentVolumeClaimVolumeSource'),
    16: msg('downwardAPI', 'core.DownwardAPIVolumeSource'),
    19: msg('configMap', 'core.ConfigMapVolumeSource'),
    26: msg('projected', 'core.ProjectedVolumeSource'),
    30: msg('image', 'core.ImageVolumeSource'),
  },
  'core.HostPathVolumeSource': { 1: str('path', KEEP), 2: str('type', KEEP) },
  'core.EmptyDirVolumeSource': { 1: str('medium'), 2: msg('sizeLimit', 'resource.Quantity') },
  'core.SecretVolumeSource': {
    1: str('secretName'),
    2: msg('items', 'core.KeyToPath', REP),
    3: i32('defaultMode', KEEP),
    4: bool('optional', KEEP),
  },
  'core.NFSVolumeSource': { 1: str('server', KEEP), 2: str('path', KEEP), 3: bool('readOnly') },
  'core.PersistentVolumeClaimVolumeSource': { 1: str('claimName', KEEP), 2: bool('readOnly') },
  'core.DownwardAPIVolumeSource': {
    1: msg('items', 'core.DownwardAPIVolumeFile', REP),
    2: i32('defaultMode', KEEP),
  },
  'core.DownwardAPIVolumeFile': {
    1: str('path', KEEP),
    2: msg('fieldRef', 'core.ObjectFieldSelector'),
    3: msg('resourceFieldRef', 'core.ResourceFieldSelector'),
    4: i32('mode', KEEP),
  },
  'core.ConfigMapVolumeSource': {
    1: msg('localObjectReference', 'core.LocalObjectReference', INLINE),
    2: msg('items', 'core.KeyToPath', REP),
    3: i32('defaultMode', KEEP),
    4: bool('optional', KEEP),
  },
  'core.KeyToPath': { 1: str('key', KEEP), 2: str('path', KEEP), 3: i32('mode', KEEP) },
  'core.ProjectedVolumeSource': {
    1: msg('sources', 'core.VolumeProjection', REP),
    2: i32('defaultMode', KEEP),
  },
  'core.VolumeProjection': {
    1: msg('secret', 'core.SecretProjection'),
    2: msg('downwardAPI', 'core.DownwardAPIProjection'),
    3: msg('configMap', 'core.ConfigMapProjection'),
    4: msg('serviceAccountToken', 'core.ServiceAccountTokenProjection'),
  },
  'core.SecretProjection': {
    1: msg('localObjectReference', 'core.LocalObjectReference', INLINE),
    2: msg('items', 'core.KeyToPath', REP),
    4: bool('optional', KEEP),
  },
  'core.ConfigMapProjection': {
    1: msg('localObjectReference', 'core.LocalObjectReference', INLINE),
    2: msg('items', 'core.KeyToPath', REP),
    4: bool('optional', KEEP),
  },
  'core.DownwardAPIProjection': { 1: msg('items', 'core.DownwardAPIVolumeFile', REP) },
  'core.ServiceAccountTokenProjection': {
    1: str('audience'),
    2: i64('expirationSeconds', KEEP),
    3: str('path', KEEP),
  },
  'core.ImageVolumeSource': { 1: str('reference'), 2: str('pullPolicy') },
};
