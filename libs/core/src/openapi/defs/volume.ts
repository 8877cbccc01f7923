/**
 * core/v1 Volume with the sources chronokube's node agent can back or that
 * manifests commonly carry: emptyDir, configMap, secret, hostPath,
 * persistentVolumeClaim, projected, downwardAPI, nfs, csi and image.
 */
import { CORE, Definitions, N, bool, int32, int64, object, ref, refList, str, strEnum, strMap } from '../schema-dsl';

const MODE_DOC = 'Permission bits for created files, as an octal (0000-0777) or decimal (0-511) number in JSON; defaults to 0644.';
const ITEMS_DOC = 'Keys to project into files and their paths; when omitted every key becomes a file named after it.';

/** Volume and its sources. */
export const VOLUME_DEFS: Definitions = {
  [`${CORE}Volume`]: object('A named volume in a pod that any container in the pod may mount; exactly one source may be set.', {
    configMap: ref(`${CORE}ConfigMapVolumeSource`, 'A ConfigMap whose keys populate the volume.'),
    csi: ref(`${CORE}CSIVolumeSource`, 'Ephemeral storage provided by a CSI driver.'),
    downwardAPI: ref(`${CORE}DownwardAPIVolumeSource`, 'Information about the pod, exposed as files.'),
    emptyDir: ref(`${CORE}EmptyDirVolumeSource`, 'A temporary directory that shares the lifetime of the pod.'),
    hostPath: ref(`${CORE}HostPathVolumeSource`, 'A file or directory on the host, exposed to the container; generally for privileged system agents.'),
    image: ref(`${CORE}ImageVolumeSource`, 'An OCI image or artifact mounted read-only.'),
    name: str("Name of the volume; a DNS label unique within the pod."),
    nfs: ref(`${CORE}NFSVolumeSource`, 'An NFS mount on the host that shares the lifetime of the pod.'),
    persistentVolumeClaim: ref(`${CORE}PersistentVolumeClaimVolumeSource`, "A PersistentVolumeClaim in the pod's namespace."),
    projected: ref(`${CORE}ProjectedVolumeSource`, 'Several sources (secrets, config maps, downward API, service account token) projected into one directory.'),
    secret: ref(`${CORE}SecretVolumeSource`, 'A Secret whose keys populate the volume.'),
  }, { required: ['name'] }),
  [`${CORE}KeyToPath`]: object('Maps a key to a relative file path within a volume.', {
    key: str('The key to project.'),
    mode: int32(`Permission bits for this file; ${MODE_DOC}`),
    path: str("Relative path of the file; may not be absolute or contain '..'."),
  }, { required: ['key', 'path'] }),
  [`${CORE}ConfigMapVolumeSource`]: object('Populates a volume with the keys of a ConfigMap as files.', {
    defaultMode: int32(MODE_DOC),
    items: refList(`${CORE}KeyToPath`, ITEMS_DOC),
    name: str('Name of the referent.', { default: '' }),
    optional: bool('Whether the ConfigMap or its keys may be missing.'),
  }),
  [`${CORE}SecretVolumeSource`]: object('Populates a volume with the keys of a Secret as files.', {
    defaultMode: int32(MODE_DOC),
    items: refList(`${CORE}KeyToPath`, ITEMS_DOC),
    optional: bool('Whether the Secret or its keys may be missing.'),
    secretName: str("Name of the secret in the pod's namespace."),
  }),
  [`${CORE}EmptyDirVolumeSource`]: object('An empty directory for a pod; it lives as long as the pod does.', {
    medium: str('Storage medium backing the directory: "" for the node default, or Memory for tmpfs.'),
    sizeLimit: ref(N.quantity, 'Total amount of local storage the directory may use.'),
  }),
  [`${CORE}HostPathVolumeSource`]: object('A host path mapped into a pod; cannot be mounted read-only on its own terms.', {
    path: str('Path of the directory on the host; a symlink is followed to its target.'),
    type: strEnum(['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'],
      'What must exist at the path; "" skips the check.'),
  }, { required: ['path'] }),
  [`${CORE}PersistentVolumeClaimVolumeSource`]: object("References a PersistentVolumeClaim in the pod's namespace.", {
    claimName: str('Name of the PersistentVolumeClaim.'),
    readOnly: bool('Force the mount to be read-only; defaults to false.'),
  }, { required: ['claimName'] }),
  [`${CORE}NFSVolumeSource`]: object('An NFS mount that lasts the lifetime of a pod.', {
    path: str('Path exported by the NFS server.'),
    readOnly: bool('Mount the export read-only; defaults to false.'),
    server: str('Hostname or IP address of the NFS server.'),
  }, { required: ['server', 'path'] }),
  [`${CORE}CSIVolumeSource`]: object('Storage managed by an external CSI driver.', {
    driver: str('Name of the CSI driver that handles this volume.'),
    fsType: str('Filesystem type to mount, such as ext4; the driver chooses when empty.'),
    nodePublishSecretRef: ref(`${CORE}LocalObjectReference`, 'Secret with sensitive data passed to the driver on publish calls.'),
    readOnly: bool('Read-only mount; defaults to false.'),
    volumeAttributes: strMap('Driver-specific properties passed to the driver.'),
  }, { required: ['driver'] }),
  [`${CORE}ImageVolumeSource`]: object('An OCI object (container image or artifact) mounted as a volume.', {
    pullPolicy: strEnum(['Always', 'IfNotPresent', 'Never'], 'When to pull the object, as for container images.'),
    reference: str('Image or artifact reference, as for a container image.'),
  }),
  [`${CORE}DownwardAPIVolumeSource`]: object('Downward API information exposed as files.', {
    defaultMode: int32(MODE_DOC),
    items: refList(`${CORE}DownwardAPIVolumeFile`, 'Files to create.'),
  }),
  [`${CORE}DownwardAPIVolumeFile`]: object('A file holding pod field or resource information.', {
    fieldRef: ref(`${CORE}ObjectFieldSelector`, 'A pod field: only annotations, labels, name, namespace and uid are supported.'),
    mode: int32(`Permission bits for this file; ${MODE_DOC}`),
    path: str("Relative path of the file; may not be absolute or contain '..'."),
    resourceFieldRef: ref(`${CORE}ResourceFieldSelector`, 'A container resource: limits and requests of cpu and memory.'),
  }, { required: ['path'] }),
  [`${CORE}ProjectedVolumeSource`]: object('Several volume sources projected into one directory.', {
    defaultMode: int32(MODE_DOC),
    sources: refList(`${CORE}VolumeProjection`, 'The projections.'),
  }),
  [`${CORE}VolumeProjection`]: object('One projection into a projected volume; exactly one field may be set.', {
    configMap: ref(`${CORE}ConfigMapProjection`, 'Keys of a ConfigMap.'),
    downwardAPI: ref(`${CORE}DownwardAPIProjection`, 'Downward API information.'),
    secret: ref(`${CORE}SecretProjection`, 'Keys of a Secret.'),
    serviceAccountToken: ref(`${CORE}ServiceAccountTokenProjection`, 'A service account token.'),
  }),
  [`${CORE}ConfigMapProjection`]: object('ConfigMap keys projected into a volume.', {
    items: refList(`${CORE}KeyToPath`, ITEMS_DOC),
    name: str('Name of the referent.', { default: '' }),
    optional: bool('Whether the ConfigMap or its keys may be missing.'),
  }),
  [`${CORE}SecretProjection`]: object('Secret keys projected into a volume.', {
    items: refList(`${CORE}KeyToPath`, ITEMS_DOC),
    name: str('Name of the referent.', { default: '' }),
    optional: bool('Whether the Secret or its keys may be missing.'),
  }),
  [`${CORE}DownwardAPIProjection`]: object('Downward API information projected into a volume.', {
    items: refList(`${CORE}DownwardAPIVolumeFile`, 'Files to create.'),
  }),
  [`${CORE}ServiceAccountTokenProjection`]: object("A token of the pod's service account projected into a volume.", {
    audience: str('Intended audience of the token; defaults to the API server identifier.'),
    expirationSeconds: int64('Requested token lifetime in seconds; the kubelet rotates it before it expires. Defaults to one hour, minimum 10 minutes.'),
    path: str('Path of the token file relative to the mount point.'),
  }, { required: ['path'] }),
};
