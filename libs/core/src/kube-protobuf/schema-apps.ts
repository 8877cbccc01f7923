/**
 * apps/v1 Deployment and ReplicaSet. Replica counts in specs are Go
 * pointers, so an explicit `replicas: 0` survives (KEEP).
 */
import { type MessageTable, KEEP, REP, bool, i32, i64, msg, str } from './descriptor';

/** Deployment, ReplicaSet and their specs, statuses and conditions. */
export const APPS_MESSAGES: MessageTable = {
  'apps.Deployment': {
    1: msg('metadata', 'meta.ObjectMeta'),
    2: msg('spec', 'apps.DeploymentSpec'),
    3: msg('status', 'apps.DeploymentStatus'),
  },
  'apps.DeploymentSpec': {
    1: i32('replicas', KEEP),
    2: msg('selector', 'meta.LabelSelector'),
    3: msg('template', 'core.PodTemplateSpec'),
    4: msg('strategy', 'apps.DeploymentStrategy'),
    5: i32('minReadySeconds'),
    6: i32('revisionHistoryLimit', KEEP),
    7: bool('paused'),
    9: i32('progressDeadlineSeconds', KEEP),
    10: str('podReplacementPolicy', KEEP),
  },
  'apps.DeploymentStrategy': { 1: str('type'), 2: msg('rollingUpdate', 'apps.RollingUpdateDeployment') },
  'apps.RollingUpdateDeployment': {
    1: msg('maxUnavailable', 'intstr.IntOrString'),
    2: msg('maxSurge', 'intstr.IntOrString'),
  },
  'apps.DeploymentStatus': {
    1: i64('observedGeneration'),
    2: i32('replicas'),
    3: i32('updatedReplicas'),
    4: i32('availableReplicas'),
    5: i32('unavailableReplicas'),
    6: msg('conditions', 'apps.DeploymentCondition', REP),
    7: i32('readyReplicas'),
    8: i32('collisionCount', KEEP),
    9: i32('terminatingReplicas', KEEP),
  },
  'apps.DeploymentCondition': {
    1: str('type', KEEP),
    2: str('status', KEEP),
    4: str('reason'),
    5: str('message'),
    6: msg('lastUpdateTime', 'meta.Time'),
    7: msg('lastTransitionTime', 'meta.Time'),
  },
  'apps.ReplicaSet': {
    1: msg('metadata', 'meta.ObjectMeta'),
    2: msg('spec', 'apps.ReplicaSetSpec'),
    3: msg('status', 'apps.ReplicaSetStatus'),
  },
  'apps.ReplicaSetSpec': {
    1: i32('replicas', KEEP),
    2: msg('selector', 'meta.LabelSelector'),
    3: msg('template', 'core.PodTemplateSpec'),
    4: i32('minReadySeconds'),
  },
  'apps.ReplicaSetStatus': {
    1: i32('replicas', KEEP),
    2: i32('fullyLabeledReplicas'),
    3: i64('observedGeneration'),
    4: i32('readyReplicas'),
    5: i32('availableReplicas'),
    6: msg('conditions', 'apps.ReplicaSetCondition', REP),
    7: i32('terminatingReplicas', KEEP),
  },
  'apps.ReplicaSetCondition': {
    1: str('type', KEEP),
    2: str('status', KEEP),
    3: msg('lastTransitionTime', 'meta.Time'),
    4: str('reason'),
    5: str('message'),
  },
};
