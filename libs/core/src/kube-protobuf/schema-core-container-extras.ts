/**
 * core/v1 probes, lifecycle hooks and security contexts: the optional,
 * pointer-typed parts of a Container and PodSpec. Nearly every scalar here is
 * a Go pointer, hence the many KEEPs.
 */
import { type MessageTable, INLINE, KEEP, REP, bool, i32, i64, msg, str } from './descriptor';

/** Probe, Lifecycle, SecurityContext, PodSecurityContext and their parts. */
export const CORE_CONTAINER_EXTRA_MESSAGES: MessageTable = {
  'core.Probe': {
    1: msg('handler', 'core.ProbeHandler', INLINE),
    2: i32('initialDelaySeconds'),
    3: i32('timeoutSeconds'),
    4: i32('periodSeconds'),
    5: i32('successThreshold'),
    6: i32('failureThreshold'),
    7: i64('terminationGracePeriodSeconds', KEEP),
  },
  'core.ProbeHandler': {
    1: msg('exec', 'core.ExecAction'),
    2: msg('httpGet', 'core.HTTPGetAction'),
    3: msg('tcpSocket', 'core.TCPSocketAction'),
    4: msg('grpc', 'core.GRPCAction'),
  },
  'core.ExecAction': { 1: str('command', REP) },
  'core.HTTPGetAction': {
    1: str('path'),
    2: msg('port', 'intstr.IntOrString'),
    3: str('host'),
    4: str('scheme'),
    5: msg('httpHeaders', 'core.HTTPHeader', REP),
  },
  'core.HTTPHeader': { 1: str('name', KEEP), 2: str('value', KEEP) },
  'core.TCPSocketAction': { 1: msg('port', 'intstr.IntOrString'), 2: str('host') },
  'core.GRPCAction': { 1: i32('port', KEEP), 2: str('service', KEEP) },
  'core.Lifecycle': {
    1: msg('postStart', 'core.LifecycleHandler'),
    2: msg('preStop', 'core.LifecycleHandler'),
    3: str('stopSignal', KEEP),
  },
  'core.LifecycleHandler': {
    1: msg('exec', 'core.ExecAction'),
    2: msg('httpGet', 'core.HTTPGetAction'),
    3: msg('tcpSocket', 'core.TCPSocketAction'),
    4: msg('sleep', 'core.SleepAction'),
  },
  'core.SleepAction': { 1: i64('seconds', KEEP) },
  'core.SecurityContext': {
    1: msg('capabilities', 'core.Capabilities'),
    2: bool('privileged', KEEP),
    3: msg('seLinuxOptions', 'core.SELinuxOptions'),
    4: i64('runAsUser', KEEP),
    5: bool('runAsNonRoot', KEEP),
    6: bool('readOnlyRootFilesystem', KEEP),
    7: bool('allowPrivilegeEscalation', KEEP),
    8: i64('runAsGroup', KEEP),
    9: str('procMount', KEEP),
    10: msg('windowsOptions', 'core.WindowsSecurityContextOptions'),
    11: msg('seccompProfile', 'core.SeccompProfile'),
    12: msg('appArmorProfile', 'core.AppArmorProfile'),
  },
  'core.PodSecurityContext': {
    1: msg('seLinuxOptions', 'core.SELinuxOptions'),
    2: i64('runAsUser', KEEP),
    3: bool('runAsNonRoot', KEEP),
    4: i64('supplementalGroups', REP),
    5: i64('fsGroup', KEEP),
    6: i64('runAsGroup', KEEP),
    7: msg('sysctls', 'core.Sysctl', REP),
    8: msg('windowsOptions', 'core.WindowsSecurityContextOptions'),
    9: str('fsGroupChangePolicy', KEEP),
    10: msg('seccompProfile', 'core.SeccompProfile'),
    11: msg('appArmorProfile', 'core.AppArmorProfile'),
    12: str('supplementalGroupsPolicy', KEEP),
    13: str('seLinuxChangePolicy', KEEP),
  },
  'core.Capabilities': { 1: str('add', REP), 2: str('drop', REP) },
  'core.SELinuxOptions': { 1: str('user'), 2: str('role'), 3: str('type'), 4: str('level') },
  'core.SeccompProfile': { 1: str('type', KEEP), 2: str('localhostProfile', KEEP) },
  'core.AppArmorProfile': { 1: str('type', KEEP), 2: str('localhostProfile', KEEP) },
  'core.WindowsSecurityContextOptions': {
    1: str('gmsaCredentialSpecName', KEEP),
    2: str('gmsaCredentialSpec', KEEP),
    3: str('runAsUserName', KEEP),
    4: bool('hostProcess', KEEP),
  },
  'core.Sysctl': { 1: str('name', KEEP), 2: str('value', KEEP) },
};
