/**
 * core/v1 Container and what it is made of: ports, environment, resources,
 * mounts and the container security context. Probes and lifecycle hooks are
 * in probe.ts.
 */
import {
  CORE, Definitions, N, Schema, bool, int32, int64, object, quantityMap, ref, refList, str, strEnum, strList,
} from '../schema-dsl';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** The fields of Container, shared with EphemeralContainer (which adds targetContainerName). */
export const CONTAINER_FIELDS: Record<string, Schema> = {
  args: strList("Arguments to the entrypoint; the image's CMD is used when not given. $(VAR) references are expanded from the container environment."),
  command: strList("Entrypoint array, not run in a shell; the image's ENTRYPOINT is used when not given. $(VAR) references are expanded."),
  env: refList(`${CORE}EnvVar`, 'Environment variables to set in the container; cannot be updated.'),
  envFrom: refList(`${CORE}EnvFromSource`, 'Sources whose keys populate environment variables; env entries win on duplicate keys.'),
  image: str('Container image name; may be omitted when a higher-level controller such as a Deployment supplies it.'),
  imagePullPolicy: strEnum(['Always', 'IfNotPresent', 'Never'],
    'When to pull the image; defaults to Always for the :latest tag and IfNotPresent otherwise.'),
  lifecycle: ref(`${CORE}Lifecycle`, 'Actions the management system runs in response to container lifecycle events.'),
  livenessProbe: ref(`${CORE}Probe`, 'Periodic probe of container liveness; the container is restarted when it fails.'),
  name: str('Name of the container, a DNS label unique within the pod; cannot be updated.'),
  ports: refList(`${CORE}ContainerPort`, 'Ports to expose from the container; informational, a port listening on 0.0.0.0 is reachable whether listed or not.'),
  readinessProbe: ref(`${CORE}Probe`, 'Periodic probe of container readiness; the pod is removed from service endpoints when it fails.'),
  resizePolicy: refList(`${CORE}ContainerResizePolicy`, 'How the container reacts to in-place resizing of each resource.'),
  resources: ref(`${CORE}ResourceRequirements`, 'Compute resources the container requires and is limited to.'),
  restartPolicy: str('Restart behaviour of this container within the pod; only Always is allowed, for init containers that run as sidecars.'),
  securityContext: ref(`${CORE}SecurityContext`, 'Security options the container runs with, overriding the pod security context.'),
  startupProbe: ref(`${CORE}Probe`, 'Probe that must succeed before any other probe runs; the container is restarted when it fails.'),
  stdin: bool('Whether the container allocates a buffer for stdin; reads otherwise get EOF.'),
  stdinOnce: bool('Whether the runtime closes stdin after the first attach session ends.'),
  terminationMessagePath: str('File the container may write its termination message to; defaults to /dev/termination-log.'),
  terminationMessagePolicy: strEnum(['FallbackToLogsOnError', 'File'],
    'How the termination message is populated; FallbackToLogsOnError uses the log tail when the file is empty and the container failed.'),
  tty: bool('Whether the container allocates a TTY for itself; requires stdin.'),
  volumeDevices: refList(`${CORE}VolumeDevice`, 'Block devices the container uses.'),
  volumeMounts: refList(`${CORE}VolumeMount`, "Pod volumes to mount into the container's filesystem."),
  workingDir: str("Working directory; the runtime's default is used when not given."),
};

/** Container, its parts and the container security context. */
export const CONTAINER_DEFS: Definitions = {
  [`${CORE}Container`]: object('A single application container to run within a pod.', CONTAINER_FIELDS, { required: ['name'] }),
  [`${CORE}EphemeralContainer`]: object('A temporary container added to a running pod for troubleshooting, such as with kubectl debug.', {
    ...CONTAINER_FIELDS,
    targetContainerName: str('Name of a container whose namespaces (IPC, PID) this ephemeral container targets.'),
  }, { required: ['name'] }),
  [`${CORE}ContainerPort`]: object('A network port in a single container.', {
    containerPort: int32("Port number on the pod's IP address, 0 < x < 65536."),
    hostIP: str('Host IP to bind the external port to.'),
    hostPort: int32('Port number on the host to expose; most containers do not need it.'),
    name: str('IANA_SVC_NAME, unique within the pod; services can refer to the port by it.'),
    protocol: strEnum(PROTOCOLS, 'Protocol of the port: UDP, TCP or SCTP; defaults to TCP.', { default: 'TCP' }),
  }, { required: ['containerPort'] }),
  [`${CORE}EnvVar`]: object('An environment variable present in a container.', {
    name: str('Name of the variable; must be a C_IDENTIFIER.'),
    value: str('Value of the variable; $(VAR) references to earlier variables are expanded, $$(VAR) escapes.'),
    valueFrom: ref(`${CORE}EnvVarSource`, 'Source of the value; cannot be used together with value.'),
  }, { required: ['name'] }),
  [`${CORE}EnvVarSource`]: object('Where the value of an environment variable comes from.', {
    configMapKeyRef: ref(`${CORE}ConfigMapKeySelector`, 'A key of a ConfigMap.'),
    fieldRef: ref(`${CORE}ObjectFieldSelector`, 'A field of the pod: metadata.name, metadata.namespace, metadata.labels[...], spec.nodeName, status.podIP and the like.'),
    resourceFieldRef: ref(`${CORE}ResourceFieldSelector`, "A resource of the container: its limits or requests of cpu, memory and ephemeral-storage."),
    secretKeyRef: ref(`${CORE}SecretKeySelector`, "A key of a secret in the pod's namespace."),
  }),
  [`${CORE}ConfigMapKeySelector`]: object('Selects a key of a ConfigMap.', {
    key: str('The key to select.'),
    name: str('Name of the referent.', { default: '' }),
    optional: bool('Whether the ConfigMap or its key may be missing.'),
  }, { required: ['key'], mapType: 'atomic' }),
  [`${CORE}SecretKeySelector`]: object('Selects a key of a Secret.', {
    key: str('The key of the secret to select; must be a valid secret key.'),
    name: str('Name of the referent.', { default: '' }),
    optional: bool('Whether the Secret or its key may be missing.'),
  }, { required: ['key'], mapType: 'atomic' }),
  [`${CORE}ObjectFieldSelector`]: object('Selects a field of an object by path.', {
    apiVersion: str('Version of the schema the field path is written in; defaults to v1.'),
    fieldPath: str('Path of the field to select in that version.'),
  }, { required: ['fieldPath'], mapType: 'atomic' }),
  [`${CORE}ResourceFieldSelector`]: object('Selects a container resource (cpu, memory) and its output format.', {
    containerName: str('Container name; required for volumes, optional for environment variables.'),
    divisor: ref(N.quantity, 'Output format of the exposed resources; defaults to 1.'),
    resource: str('Resource to select, such as limits.cpu or requests.memory.'),
  }, { required: ['resource'], mapType: 'atomic' }),
  [`${CORE}EnvFromSource`]: object('A source of a set of environment variables (ConfigMap or Secret).', {
    configMapRef: ref(`${CORE}ConfigMapEnvSource`, 'The ConfigMap to take variables from.'),
    prefix: str('Identifier to prepend to each key; must be a C_IDENTIFIER.'),
    secretRef: ref(`${CORE}SecretEnvSource`, 'The Secret to take variables from.'),
  }),
  [`${CORE}ConfigMapEnvSource`]: object("Selects a ConfigMap whose key/value pairs become environment variables.", {
    name: str('Name of the referent.', { default: '' }),
    optional: bool('Whether the ConfigMap may be missing.'),
  }),
  [`${CORE}SecretEnvSource`]: object("Selects a Secret whose key/value pairs become environment variables.", {
    name: str('Name of the referent.', { default: '' }),
    optional: bool('Whether the Secret may be missing.'),
  }),
  [`${CORE}ResourceRequirements`]: object('Compute resource requirements.', {
    claims: refList(`${CORE}ResourceClaim`, 'Names of resources from spec.resourceClaims this container uses.'),
    limits: quantityMap('The maximum amount of each compute resource allowed.'),
    requests: quantityMap('The minimum amount of each compute resource required; defaults to limits when omitted.'),
  }),
  [`${CORE}ResourceClaim`]: object('A reference to one entry of PodSpec.resourceClaims.', {
    name: str('Name of an entry in pod.spec.resourceClaims.'),
    request: str('Name of one request of the claim; empty makes the whole claim available.'),
  }, { required: ['name'] }),
  [`${CORE}ContainerResizePolicy`]: object('How a container reacts to a resize of one resource.', {
    resourceName: str('Name of the resource this policy applies to: cpu or memory.'),
    restartPolicy: str('Restart policy on resize: NotRequired or RestartContainer.'),
  }, { required: ['resourceName', 'restartPolicy'] }),
  [`${CORE}VolumeMount`]: object('A mounting of a volume within a container.', {
    mountPath: str("Path within the container at which to mount; must not contain ':'."),
    mountPropagation: strEnum(['Bidirectional', 'HostToContainer', 'None'],
      'How mounts propagate between host and container; defaults to None.'),
    name: str('Name of the volume; must match the name of a pod volume.'),
    readOnly: bool('Mount read-only when true; defaults to false.'),
    recursiveReadOnly: str('Whether read-only mounts are made recursively read-only: Disabled, IfPossible or Enabled.'),
    subPath: str("Path within the volume to mount instead of its root; defaults to ''."),
    subPathExpr: str('Like subPath, with $(VAR) references expanded from the container environment; exclusive with subPath.'),
  }, { required: ['name', 'mountPath'] }),
  [`${CORE}VolumeDevice`]: object('A mapping of a raw block device within a container.', {
    devicePath: str('Path inside the container the device is mapped to.'),
    name: str('Name of a persistentVolumeClaim in the pod.'),
  }, { required: ['name', 'devicePath'] }),

  [`${CORE}SecurityContext`]: object('Security options of a container; where they overlap, these take precedence over the pod security context.', {
    allowPrivilegeEscalation: bool('Whether a process can gain more privileges than its parent (no_new_privs).'),
    appArmorProfile: ref(`${CORE}AppArmorProfile`, 'AppArmor options, overriding the pod ones.'),
    capabilities: ref(`${CORE}Capabilities`, 'Capabilities to add or drop; defaults to the runtime default set.'),
    privileged: bool('Run in privileged mode, equivalent to root on the host; defaults to false.'),
    procMount: strEnum(['Default', 'Unmasked'], 'Type of proc mount to use; defaults to Default.'),
    readOnlyRootFilesystem: bool('Whether the container has a read-only root filesystem; defaults to false.'),
    runAsGroup: int64('GID to run the entrypoint as; defaults to the runtime default.'),
    runAsNonRoot: bool('Require the container to run as a non-root user; the kubelet refuses to start it as UID 0.'),
    runAsUser: int64('UID to run the entrypoint as; defaults to the user in the image metadata.'),
    seLinuxOptions: ref(`${CORE}SELinuxOptions`, 'SELinux context for the container.'),
    seccompProfile: ref(`${CORE}SeccompProfile`, 'Seccomp options, overriding the pod ones.'),
    windowsOptions: ref(`${CORE}WindowsSecurityContextOptions`, 'Windows-specific options.'),
  }),
  [`${CORE}Capabilities`]: object('POSIX capabilities to add to or drop from a running container.', {
    add: strList('Capabilities to add.'),
    drop: strList('Capabilities to remove.'),
  }),
  [`${CORE}SELinuxOptions`]: object('SELinux labels to apply.', {
    level: str('SELinux level label.'),
    role: str('SELinux role label.'),
    type: str('SELinux type label.'),
    user: str('SELinux user label.'),
  }),
  [`${CORE}SeccompProfile`]: object("A pod's or container's seccomp profile; only one source may be set.", {
    localhostProfile: str("Path of a profile on the node, relative to the kubelet's seccomp directory; required for Localhost."),
    type: strEnum(['Localhost', 'RuntimeDefault', 'Unconfined'], 'Kind of seccomp profile.'),
  }, { required: ['type'] }),
  [`${CORE}AppArmorProfile`]: object("A pod's or container's AppArmor profile.", {
    localhostProfile: str('Name of a profile loaded on the node; required for Localhost.'),
    type: strEnum(['Localhost', 'RuntimeDefault', 'Unconfined'], 'Kind of AppArmor profile.'),
  }, { required: ['type'] }),
  [`${CORE}WindowsSecurityContextOptions`]: object('Windows-specific options and credentials.', {
    gmsaCredentialSpec: str('Inline GMSA credential spec, as produced by the GMSA admission webhook.'),
    gmsaCredentialSpecName: str('Name of the GMSA credential spec to use.'),
    hostProcess: bool('Run the container as a Windows HostProcess container.'),
    runAsUserName: str('User name to run the entrypoint as.'),
  }),
};
