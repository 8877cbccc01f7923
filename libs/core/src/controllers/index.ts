/**
 * Controller reconcilers: pure functions from current state (plain objects
 * as the projection holds them, plus `now`) to the actions that close the
 * gap. The API side runs them level-triggered and executes the actions as
 * commands with the controller's identity.
 */
export * from './actions';
export { controllerRefOf, newControllerRef, claimObjects, type Claim } from './controller-ref';
export { isPodActive, isPodReady, isPodAvailable, isPodTerminal } from './pods';
export { rankPodsForDeletion, POD_DELETION_COST_ANNOTATION } from './pod-ranking';
export { reconcileReplicaSet, replicaSetRequeueAfterMs, podFromTemplate, BURST_REPLICAS, type ReplicaSetReconcileOptions } from './replicaset';
export { computeTemplateHash, safeEncodeString, fnv1a32, canonicalJson, POD_TEMPLATE_HASH_LABEL } from './template-hash';
export { scaledValue, resolveFenceposts, maxSurge, maxUnavailable } from './int-or-percent';
export {
  REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION,
} from './deployment-util';
export { Reasons as DeploymentConditionReasons, deploymentComplete } from './deployment-conditions';
export { deploymentRequeueAfterMs } from './deployment-status';
export { reconcileDeployment } from './deployment';
export { reconcileEndpoints, endpointsToDelete, findPort, HEADLESS_SERVICE_LABEL, OVER_CAPACITY_ANNOTATION, LEADER_ELECTION_ANNOTATION } from './endpoints';
export { repackSubsets, truncateSubsets, ENDPOINTS_MAX_CAPACITY } from './endpoints-subsets';
export {
  TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE, TAINT_MEMORY_PRESSURE, TAINT_DISK_PRESSURE, TAINT_PID_PRESSURE,
  TAINT_NETWORK_UNAVAILABLE, TAINT_OUT_OF_SERVICE,
} from './node-taints';
export { reconcileNodeLifecycle, NODE_LEASE_NAMESPACE, type NodeLifecycleOptions } from './node-lifecycle';
export { podsToCollect, type PodGCOptions } from './pod-gc';
export { reconcileNamespaceDeletion } from './namespace';
export { reconcileGarbage } from './garbage-collection';
