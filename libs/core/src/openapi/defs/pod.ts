/**
 * core/v1 Pod, PodSpec, PodTemplateSpec, Binding and the pod-level scheduling
 * and security settings. Containers, volumes, affinity and status are in
 * their own files.
 */
import {
  CORE, Definitions, N, bool, gvk, int32, int64, kind, listKind, listOf, object, quantityMap, ref, refList, str,
  strEnum, strList, strMap,
} from '../schema-dsl';

const TAINT_EFFECTS: string[] = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];

/** Pod, its spec and template, and pod-level settings. */
export const POD_DEFS: Definitions = {
  [`${CORE}Pod`]: kind(gvk.core('Pod'),
    'A collection of containers that can run on a host; created by clients and scheduled onto hosts.', {
      spec: ref(`${CORE}PodSpec`, 'Desired behaviour of the pod.'),
      status: ref(`${CORE}PodStatus`, 'Most recently observed status of the pod, populated by the system; read-only.'),
    }),
  [`${CORE}PodList`]: listKind(gvk.core('PodList'), `${CORE}Pod`, 'A list of Pods.'),
  [`${CORE}PodTemplateSpec`]: object('Data a pod should have when created from a template.', {
    metadata: ref(N.objectMeta, "Standard object's metadata."),
    spec: ref(`${CORE}PodSpec`, 'Desired behaviour of the pod.'),
  }),
  [`${CORE}Binding`]: kind(gvk.core('Binding'),
    'Ties one object to another, such as a pod to the node the scheduler chose.', {
      target: ref(`${CORE}ObjectReference`, 'The object to bind to.'),
    }, { required: ['target'] }),

  [`${CORE}PodSpec`]: object('A description of a pod.', {
    activeDeadlineSeconds: int64('Seconds the pod may be active on the node, counted from its start, before the system fails it.'),
    affinity: ref(`${CORE}Affinity`, "The pod's scheduling constraints."),
    automountServiceAccountToken: bool('Whether a service account token is mounted automatically.'),
    containers: refList(`${CORE}Container`, 'Containers of the pod; at least one, and none can be added or removed later.'),
    dnsConfig: ref(`${CORE}PodDNSConfig`, 'DNS parameters merged into the configuration generated from dnsPolicy.'),
    dnsPolicy: strEnum(['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
      'How DNS is set up for the pod; defaults to ClusterFirst.'),
    enableServiceLinks: bool("Whether information about services is injected as environment variables, like Docker links; defaults to true."),
    ephemeralContainers: refList(`${CORE}EphemeralContainer`, 'Ephemeral containers run in this pod for troubleshooting; added through the ephemeralcontainers subresource.'),
    hostAliases: refList(`${CORE}HostAlias`, "Entries added to the pod's hosts file."),
    hostIPC: bool("Use the host's IPC namespace; defaults to false."),
    hostNetwork: bool("Use the host's network namespace; ports must then be declared. Defaults to false."),
    hostPID: bool("Use the host's PID namespace; defaults to false."),
    hostUsers: bool("Use the host's user namespace; false creates a new user namespace for the pod. Defaults to true."),
    hostname: str("The pod's hostname; defaults to a system-defined value."),
    imagePullSecrets: refList(`${CORE}LocalObjectReference`, 'Secrets in the same namespace used to pull the images.'),
    initContainers: refList(`${CORE}Container`, 'Containers run in order, each to completion, before the app containers start; a failure is retried per restartPolicy.'),
    nodeName: str('Request to schedule the pod onto this node; the scheduler skips pods that have it set.'),
    nodeSelector: strMap("Labels a node must have for the pod to fit on it."),
    os: ref(`${CORE}PodOS`, 'The OS of the containers in the pod.'),
    overhead: quantityMap('Resource overhead of running the pod on its runtime class, added by admission.'),
    preemptionPolicy: strEnum(['Never', 'PreemptLowerPriority'], 'Whether the pod may preempt lower-priority pods; defaults to PreemptLowerPriority.'),
    priority: int32('Priority of the pod, resolved from priorityClassName by admission; higher is more important.'),
    priorityClassName: str('Name of the priority class that gives the pod its priority.'),
    readinessGates: refList(`${CORE}PodReadinessGate`, 'Extra conditions that must be True for the pod to be ready.'),
    resourceClaims: refList(`${CORE}PodResourceClaim`, 'Resource claims the pod needs, named so containers can refer to them.'),
    resources: ref(`${CORE}ResourceRequirements`, 'Total resources of the pod, shared by its containers.'),
    restartPolicy: strEnum(['Always', 'Never', 'OnFailure'], 'Restart policy of all containers in the pod; defaults to Always.'),
    runtimeClassName: str('Name of the RuntimeClass used to run the pod.'),
    schedulerName: str('The scheduler that dispatches the pod; defaults to the default scheduler.'),
    schedulingGates: refList(`${CORE}PodSchedulingGate`, 'While any gate remains, the pod is not scheduled.'),
    securityContext: ref(`${CORE}PodSecurityContext`, 'Pod-level security attributes and common container settings.'),
    serviceAccount: str('Deprecated alias of serviceAccountName.'),
    serviceAccountName: str('Name of the service account the pod runs as.'),
    setHostnameAsFQDN: bool("Use the pod's fully qualified domain name as its hostname; defaults to false."),
    shareProcessNamespace: bool('Share one process namespace between all containers of the pod; defaults to false.'),
    subdomain: str('Subdomain, making the fully qualified name <hostname>.<subdomain>.<namespace>.svc.<cluster domain>.'),
    terminationGracePeriodSeconds: int64('Seconds the pod has to stop gracefully after a deletion request; defaults to 30, zero means kill at once.'),
    tolerations: refList(`${CORE}Toleration`, "The pod's tolerations of node taints."),
    topologySpreadConstraints: refList(`${CORE}TopologySpreadConstraint`, 'How the pods of a group spread across topology domains.'),
    volumes: refList(`${CORE}Volume`, 'Volumes that containers of the pod may mount.'),
  }, { required: ['containers'] }),
  [`${CORE}LocalObjectReference`]: object('Names an object in the same namespace.', {
    name: str('Name of the referent.', { default: '' }),
  }, { mapType: 'atomic' }),
  [`${CORE}PodOS`]: object('The OS parameters of a pod.', {
    name: str('Name of the operating system: linux or windows.'),
  }, { required: ['name'] }),
  [`${CORE}HostAlias`]: object("An IP address and host names to add to the pod's hosts file.", {
    hostnames: strList('Host names for the IP address.'),
    ip: str('IP address of the host file entry.'),
  }, { required: ['ip'] }),
  [`${CORE}PodDNSConfig`]: object('DNS parameters of a pod beyond those generated from its DNS policy.', {
    nameservers: strList('DNS name server IP addresses, added to those from dnsPolicy without duplicates.'),
    options: refList(`${CORE}PodDNSConfigOption`, 'DNS resolver options, merged with those from dnsPolicy.'),
    searches: strList('DNS search domains for host-name lookup, added to those from dnsPolicy.'),
  }),
  [`${CORE}PodDNSConfigOption`]: object('A DNS resolver option of a pod.', {
    name: str('Name of the option; required.'),
    value: str('Value of the option.'),
  }),
  [`${CORE}PodReadinessGate`]: object('A pod condition that must be True for the pod to be ready.', {
    conditionType: str("Type of a condition in the pod's condition list."),
  }, { required: ['conditionType'] }),
  [`${CORE}PodSchedulingGate`]: object('A gate that holds the pod back from scheduling while it is present.', {
    name: str('Name of the gate; unique among the gates of the pod.'),
  }, { required: ['name'] }),
  [`${CORE}PodResourceClaim`]: object('A resource claim the pod needs, by direct reference or from a template.', {
    name: str('Name of this claim within the pod, used by containers.'),
    resourceClaimName: str('Name of an existing ResourceClaim in the namespace.'),
    resourceClaimTemplateName: str('Name of a ResourceClaimTemplate to create a claim from for this pod.'),
  }, { required: ['name'] }),
  [`${CORE}Toleration`]: object('Lets the pod tolerate a node taint matching key, value and effect with the given operator.', {
    effect: strEnum(TAINT_EFFECTS, 'The taint effect to match; empty matches all effects.'),
    key: str('The taint key to match; empty with operator Exists matches all keys.'),
    operator: strEnum(['Equal', 'Exists'], 'How the key relates to the value; Exists is a wildcard for value. Defaults to Equal.'),
    tolerationSeconds: int64('For NoExecute taints: how long the pod stays bound after the taint appears; unset means forever.'),
    value: str('The taint value to match; empty when the operator is Exists.'),
  }),
  [`${CORE}TopologySpreadConstraint`]: object('How matching pods should spread across a topology.', {
    labelSelector: ref(N.labelSelector, 'Selects the pods counted in each topology domain.'),
    matchLabelKeys: strList("Label keys whose values from the incoming pod narrow which pods are counted."),
    maxSkew: int32('Largest allowed difference in matching pod counts between domains; must be above zero.'),
    minDomains: int32('Minimum number of eligible domains; only valid with whenUnsatisfiable DoNotSchedule.'),
    nodeAffinityPolicy: strEnum(['Honor', 'Ignore'], "Whether the pod's node affinity and selector decide which nodes count; defaults to Honor."),
    nodeTaintsPolicy: strEnum(['Honor', 'Ignore'], 'Whether node taints decide which nodes count; defaults to Ignore.'),
    topologyKey: str('Node label key whose values are the topology domains.'),
    whenUnsatisfiable: strEnum(['DoNotSchedule', 'ScheduleAnyway'], 'What to do with a pod that cannot satisfy the spread.'),
  }, { required: ['maxSkew', 'topologyKey', 'whenUnsatisfiable'] }),
  [`${CORE}PodSecurityContext`]: object('Pod-level security attributes; container settings take precedence where both are set.', {
    appArmorProfile: ref(`${CORE}AppArmorProfile`, 'AppArmor options for the containers.'),
    fsGroup: int64('Supplementary group applied to all containers; volumes that support it are owned by this GID.'),
    fsGroupChangePolicy: strEnum(['Always', 'OnRootMismatch'], 'When ownership and permissions of a volume are changed before mounting; defaults to Always.'),
    runAsGroup: int64('GID to run the entrypoint of every container as.'),
    runAsNonRoot: bool('Require containers to run as a non-root user.'),
    runAsUser: int64('UID to run the entrypoint of every container as; defaults to the user in the image metadata.'),
    seLinuxChangePolicy: str('How the SELinux label is applied to volumes: Recursive or MountOption.'),
    seLinuxOptions: ref(`${CORE}SELinuxOptions`, 'SELinux context for all containers.'),
    seccompProfile: ref(`${CORE}SeccompProfile`, 'Seccomp options for the containers.'),
    supplementalGroups: listOf({ type: 'integer', format: 'int64' }, 'Groups added to the first process of each container, besides its primary GID and fsGroup.'),
    supplementalGroupsPolicy: strEnum(['Merge', 'Strict'], 'How supplemental groups of the first process are computed; defaults to Merge.'),
    sysctls: refList(`${CORE}Sysctl`, 'Namespaced sysctls set for the pod.'),
    windowsOptions: ref(`${CORE}WindowsSecurityContextOptions`, 'Windows-specific options for all containers.'),
  }),
  [`${CORE}Sysctl`]: object('A kernel parameter to set.', {
    name: str('Name of the property.'),
    value: str('Value of the property.'),
  }, { required: ['name', 'value'] }),
};

/** Pods (tolerations) and nodes (taints) share the taint effects. */
export { TAINT_EFFECTS };
