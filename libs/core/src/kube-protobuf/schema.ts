/**
 * The whole schema: every message table merged, and which message a
 * (apiVersion, kind) in a runtime.Unknown envelope decodes as.
 */
import type { MessageTable } from './descriptor';
import { APPS_MESSAGES } from './schema-apps';
import { CORE_MESSAGES } from './schema-core';
import { CORE_CONTAINER_EXTRA_MESSAGES } from './schema-core-container-extras';
import { CORE_NODE_MESSAGES } from './schema-core-node';
import { CORE_POD_MESSAGES } from './schema-core-pod';
import { CORE_SCHEDULING_MESSAGES } from './schema-core-scheduling';
import { CORE_STATUS_MESSAGES } from './schema-core-status';
import { CORE_VOLUME_MESSAGES } from './schema-core-volumes';
import { LEASE_SCALE_MESSAGES } from './schema-lease-scale';
import { META_MESSAGES } from './schema-meta';
import { REVIEW_MESSAGES } from './schema-reviews';

/** Every message the decoder knows, by table name. */
export const KUBE_MESSAGES: MessageTable = {
  ...META_MESSAGES,
  ...CORE_MESSAGES,
  ...CORE_POD_MESSAGES,
  ...CORE_VOLUME_MESSAGES,
  ...CORE_CONTAINER_EXTRA_MESSAGES,
  ...CORE_SCHEDULING_MESSAGES,
  ...CORE_STATUS_MESSAGES,
  ...CORE_NODE_MESSAGES,
  ...APPS_MESSAGES,
  ...LEASE_SCALE_MESSAGES,
  ...REVIEW_MESSAGES,
};

/** "apiVersion/kind" -> top-level message. */
const TOP_LEVEL: Readonly<Record<string, string>> = {
  'v1/ConfigMap': 'core.ConfigMap',
  'v1/Namespace': 'core.Namespace',
  'v1/Pod': 'core.Pod',
  'v1/Service': 'core.Service',
  'v1/Endpoints': 'core.Endpoints',
  'v1/Event': 'core.Event',
  'v1/Node': 'core.Node',
  'v1/Binding': 'core.Binding',
  'apps/v1/Deployment': 'apps.Deployment',
  'apps/v1/ReplicaSet': 'apps.ReplicaSet',
  'coordination.k8s.io/v1/Lease': 'coordination.Lease',
  'autoscaling/v1/Scale': 'autoscaling.Scale',
  'authentication.k8s.io/v1/SelfSubjectReview': 'authentication.SelfSubjectReview',
  'authentication.k8s.io/v1beta1/SelfSubjectReview': 'authentication.SelfSubjectReview',
  'authorization.k8s.io/v1/SelfSubjectAccessReview': 'authorization.SelfSubjectAccessReview',
  'authorization.k8s.io/v1/SelfSubjectRulesReview': 'authorization.SelfSubjectRulesReview',
};

// DeleteOptions is registered into every group version, so a client may
// label it with whichever one it is deleting from.
const DELETE_OPTIONS_VERSIONS = ['v1', 'meta.k8s.io/v1', 'apps/v1', 'coordination.k8s.io/v1', 'autoscaling/v1'];

/** The message for an envelope's apiVersion and kind, or undefined. */
export function messageForKind(apiVersion: string, kind: string): string | undefined {
  if (kind === 'DeleteOptions' && DELETE_OPTIONS_VERSIONS.includes(apiVersion)) return 'meta.DeleteOptions';
  return TOP_LEVEL[`${apiVersion}/${kind}`];
}

/** Every "apiVersion/kind" the decoder accepts, sorted. */
export function kubeProtobufKinds(): string[] {
  const deleteOptions = DELETE_OPTIONS_VERSIONS.map((v) => `${v}/DeleteOptions`);
  return [...Object.keys(TOP_LEVEL), ...deleteOptions].sort();
}
