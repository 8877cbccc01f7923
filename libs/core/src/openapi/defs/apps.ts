/**
 * apps/v1 Deployment and ReplicaSet: declarative updates and replication of
 * pods built from a template.
 */
import {
  APPS, CORE, Definitions, N, bool, gvk, int32, int64, kind, listKind, object, ref, refList, str, strEnum, time,
} from '../schema-dsl';

const SELECTOR_DOC = "Label selector over pods; must match the template's labels, and is immutable once set.";
const CONDITION_FIELDS = {
  lastTransitionTime: time('When the condition last changed from one status to another.'),
  message: str('Human-readable details about the transition.'),
  reason: str('Reason for the last transition.'),
  status: str('Status of the condition: True, False or Unknown.'),
};

/** Deployment, ReplicaSet and their parts. */
export const APPS_DEFS: Definitions = {
  [`${APPS}Deployment`]: kind(gvk.apps('Deployment'), 'Declarative updates for pods and the replica sets that run them.', {
    spec: ref(`${APPS}DeploymentSpec`, 'Desired behaviour of the deployment.'),
    status: ref(`${APPS}DeploymentStatus`, 'Most recently observed status of the deployment.'),
  }),
  [`${APPS}DeploymentList`]: listKind(gvk.apps('DeploymentList'), `${APPS}Deployment`, 'A list of Deployments.'),
  [`${APPS}DeploymentSpec`]: object('The desired behaviour of a deployment.', {
    minReadySeconds: int32('Seconds a new pod must be ready, without any container crashing, to count as available; defaults to 0.'),
    paused: bool('Whether the deployment is paused.'),
    progressDeadlineSeconds: int32('Seconds the deployment may take to progress before it is reported as failed (ProgressDeadlineExceeded); defaults to 600.'),
    replicas: int32('Number of desired pods; defaults to 1.'),
    revisionHistoryLimit: int32('Number of old replica sets kept to allow rollback; defaults to 10.'),
    selector: ref(N.labelSelector, SELECTOR_DOC),
    strategy: ref(`${APPS}DeploymentStrategy`, 'How existing pods are replaced by new ones.'),
    template: ref(`${CORE}PodTemplateSpec`, 'Template of the pods to create; its only allowed restartPolicy is Always.'),
  }, { required: ['selector', 'template'] }),
  [`${APPS}DeploymentStrategy`]: object('How to replace existing pods with new ones.', {
    rollingUpdate: ref(`${APPS}RollingUpdateDeployment`, 'Parameters of a rolling update; present only when type is RollingUpdate.'),
    type: strEnum(['Recreate', 'RollingUpdate'], 'Type of deployment: Recreate kills all old pods first; RollingUpdate is the default.'),
  }),
  [`${APPS}RollingUpdateDeployment`]: object('Parameters controlling a rolling update.', {
    maxSurge: ref(N.intOrString,
      'Maximum number (or percentage, rounded up) of pods that can be created over the desired count; defaults to 25%.'),
    maxUnavailable: ref(N.intOrString,
      'Maximum number (or percentage, rounded down) of pods that can be unavailable during the update; defaults to 25%.'),
  }),
  [`${APPS}DeploymentStatus`]: object('The most recently observed status of a deployment.', {
    availableReplicas: int32('Pods targeted by the deployment that have been ready for at least minReadySeconds.'),
    collisionCount: int32('Count of hash collisions, used to avoid name collisions of new replica sets.'),
    conditions: refList(`${APPS}DeploymentCondition`, "Latest observations of the deployment's current state."),
    observedGeneration: int64('The generation observed by the deployment controller.'),
    readyReplicas: int32('Pods targeted by the deployment with a Ready condition.'),
    replicas: int32('Non-terminated pods targeted by the deployment (their labels match the selector).'),
    unavailableReplicas: int32('Pods still needed for the deployment to have 100% available capacity.'),
    updatedReplicas: int32('Non-terminated pods targeted by the deployment that have the desired template.'),
  }),
  [`${APPS}DeploymentCondition`]: object('The state of a deployment at a certain point.', {
    ...CONDITION_FIELDS,
    lastUpdateTime: time('The last time this condition was updated.'),
    type: str('Type of the condition: Available, Progressing or ReplicaFailure.'),
  }, { required: ['type', 'status'] }),

  [`${APPS}ReplicaSet`]: kind(gvk.apps('ReplicaSet'), 'Ensures that a specified number of pod replicas are running at any given time.', {
    spec: ref(`${APPS}ReplicaSetSpec`, 'Desired behaviour of the replica set.'),
    status: ref(`${APPS}ReplicaSetStatus`, 'Most recently observed status of the replica set; read-only.'),
  }),
  [`${APPS}ReplicaSetList`]: listKind(gvk.apps('ReplicaSetList'), `${APPS}ReplicaSet`, 'A list of ReplicaSets.'),
  [`${APPS}ReplicaSetSpec`]: object('The desired state of a replica set.', {
    minReadySeconds: int32('Seconds a new pod must be ready, without any container crashing, to count as available; defaults to 0.'),
    replicas: int32('Number of desired replicas; defaults to 1.'),
    selector: ref(N.labelSelector, SELECTOR_DOC),
    template: ref(`${CORE}PodTemplateSpec`, 'Template of the pods created when too few replicas are observed.'),
  }, { required: ['selector'] }),
  [`${APPS}ReplicaSetStatus`]: object('The current status of a replica set.', {
    availableReplicas: int32('Available replicas (ready for at least minReadySeconds).'),
    conditions: refList(`${APPS}ReplicaSetCondition`, "Latest observations of the replica set's current state."),
    fullyLabeledReplicas: int32('Pods whose labels match the labels of the pod template.'),
    observedGeneration: int64('The generation of the most recently observed replica set.'),
    readyReplicas: int32('Pods targeted by the replica set with a Ready condition.'),
    replicas: int32('The most recently observed number of replicas.'),
  }, { required: ['replicas'] }),
  [`${APPS}ReplicaSetCondition`]: object('The state of a replica set at a certain point.', {
    ...CONDITION_FIELDS,
    type: str('Type of the condition, such as ReplicaFailure.'),
  }, { required: ['type', 'status'] }),
};
