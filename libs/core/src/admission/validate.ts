/**
 * The entry points of validation: which kind-specific rules run for a
 * create, an update of the main resource, or a status write. Inputs are
 * objects as they will be stored (defaulted, prepared by the strategy);
 * the result is kube-apiserver's list of field errors, empty when valid.
 * Pure and deterministic.
 */
import type { FieldError } from '../api/errors';
import type { KubeObject } from '../api/meta';
import { isAdmissionKind } from './kinds';
import { metaRulesFor, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import type { ValidationOptions } from './options';
import { validateNamespace, validateNamespaceStatusUpdate, validateNamespaceUpdate, validateNode, validateNodeUpdate } from './validate-cluster';
import { validateConfigMap, validateConfigMapUpdate } from './validate-config';
import { validateEndpoints, validateEndpointsUpdate } from './validate-endpoints';
import { validateEventCreate, validateEventUpdate, validateLease, validateLeaseUpdate } from './validate-event-lease';
import { validatePodCreate, validatePodStatusUpdate, validatePodUpdate } from './validate-pod';
import { validateService, validateServiceUpdate } from './validate-service';
import { validateDeploymentStatusUpdate, validateReplicaSetStatusUpdate, validateServiceStatusUpdate } from './validate-status';
import { validateDeployment, validateDeploymentUpdate, validateReplicaSet, validateReplicaSetUpdate } from './validate-workloads';

/**
 * The field errors that make `obj` unacceptable as a new object of `kind`.
 * Kinds without rules get the generic metadata checks only.
 */
export function validateCreate(kind: string, obj: KubeObject, opts: ValidationOptions = {}): FieldError[] {
  if (!isAdmissionKind(kind)) return validateObjectMeta(obj.metadata, metaRulesFor(kind));
  switch (kind) {
    case 'Pod': return validatePodCreate(obj, opts);
    case 'Service': return validateService(obj);
    case 'Deployment': return validateDeployment(obj, opts);
    case 'ReplicaSet': return validateReplicaSet(obj, opts);
    case 'ConfigMap': return validateConfigMap(obj);
    case 'Namespace': return validateNamespace(obj);
    case 'Node': return validateNode(obj);
    case 'Endpoints': return validateEndpoints(obj, opts);
    case 'Event': return validateEventCreate(obj);
    case 'Lease': return validateLease(obj);
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/**
 * The field errors that make replacing `oldObj` by `newObj` unacceptable
 * through the main resource (not a subresource).
 */
export function validateUpdate(kind: string, oldObj: KubeObject, newObj: KubeObject, opts: ValidationOptions = {}): FieldError[] {
  if (!isAdmissionKind(kind)) return validateObjectMetaUpdate(newObj.metadata, oldObj.metadata);
  switch (kind) {
    case 'Pod': return validatePodUpdate(newObj, oldObj, opts);
    case 'Service': return validateServiceUpdate(newObj, oldObj);
    case 'Deployment': return validateDeploymentUpdate(newObj, oldObj, opts);
    case 'ReplicaSet': return validateReplicaSetUpdate(newObj, oldObj, opts);
    case 'ConfigMap': return validateConfigMapUpdate(newObj, oldObj);
    case 'Namespace': return validateNamespaceUpdate(newObj, oldObj);
    case 'Node': return validateNodeUpdate(newObj, oldObj);
    case 'Endpoints': return validateEndpointsUpdate(newObj, oldObj, opts);
    case 'Event': return validateEventUpdate(newObj, oldObj);
    case 'Lease': return validateLeaseUpdate(newObj, oldObj);
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/**
 * The field errors of a write to the `status` subresource. Kinds without a
 * status subresource fall back to validateUpdate.
 */
export function validateStatusUpdate(kind: string, oldObj: KubeObject, newObj: KubeObject, opts: ValidationOptions = {}): FieldError[] {
  switch (kind) {
    case 'Pod': return validatePodStatusUpdate(newObj, oldObj);
    case 'Namespace': return validateNamespaceStatusUpdate(newObj, oldObj);
    case 'Deployment': return validateDeploymentStatusUpdate(newObj, oldObj);
    case 'ReplicaSet': return validateReplicaSetStatusUpdate(newObj, oldObj);
    case 'Service': return validateServiceStatusUpdate(newObj, oldObj);
    case 'Node': return validateNodeUpdate(newObj, oldObj);
    default: return validateUpdate(kind, oldObj, newObj, opts);
  }
}
