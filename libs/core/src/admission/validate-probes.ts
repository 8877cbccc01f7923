/**
 * Probes and lifecycle hooks: exactly one handler each, well-formed ports,
 * non-negative timings, and the per-probe rules (liveness and startup
 * probes must succeed once; readiness probes take no grace period).
 */
import { fieldError, type FieldError } from '../api/errors';
import { validateNonnegative } from './field-errors';
import { child } from './field-path';
import { isValidPortName, isValidPortNum } from './formats';
import { asArray, asRecord, str } from './util';

/** ValidatePortNumOrName: an int is a port number, a string an IANA service name. */
export function validatePortNumOrName(port: unknown, field: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => fieldError.invalid(field, port, m));
  if (typeof port === 'string') return isValidPortName(port).map((m) => fieldError.invalid(field, port, m));
  return [fieldError.invalid(field, port, 'must be an integer or a string')];
}

const HANDLERS_PROBE = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const HANDLERS_LIFECYCLE = ['exec', 'httpGet', 'tcpSocket', 'sleep'];

function validateHandler(h: Record<string, unknown>, kinds: string[], gracePeriod: number | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const kind of kinds) {
    const action = asRecord(h[kind]);
    if (!action) continue;
    const p = child(path, kind);
    if (count > 0) {
      errs.push(fieldError.forbidden(p, 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    switch (kind) {
      case 'exec':
        if (!asArray(action.command).length) errs.push(fieldError.required(child(p, 'command')));
        break;
      case 'httpGet': {
        if (!str(action.path)) errs.push(fieldError.required(child(p, 'path')));
        errs.push(...validatePortNumOrName(action.port, child(p, 'port')));
        const scheme = str(action.scheme);
        if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(fieldError.notSupported(child(p, 'scheme'), scheme, ['HTTP', 'HTTPS']));
        break;
      }
      case 'tcpSocket':
        errs.push(...validatePortNumOrName(action.port, child(p, 'port')));
        break;
      case 'grpc':
        errs.push(...validatePortNumOrName(typeof action.port === 'number' ? action.port : 0, child(p, 'port')));
        break;
      case 'sleep': {
        // AllowPodLifecycleSleepActionZeroValue is alpha (off) in 1.32.
        const seconds = typeof action.seconds === 'number' ? action.seconds : 0;
        if (gracePeriod !== undefined && (seconds <= 0 || seconds > gracePeriod)) {
          errs.push(fieldError.invalid(p, seconds,
            `must be greater than 0 and less than terminationGracePeriodSeconds (${gracePeriod}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`));
        }
        break;
      }
    }
  }
  if (count === 0) errs.push(fieldError.required(path, 'must specify a handler type'));
  return errs;
}

/** Which probe: they differ in what they forbid. */
export type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';

/** validateLivenessProbe / validateReadinessProbe / validateStartupProbe; nothing when absent. */
export function validateProbe(probe: unknown, kind: ProbeKind, gracePeriod: number | undefined, path: string): FieldError[] {
  const p = asRecord(probe);
  if (!p) return [];
  const errs = validateHandler(p, HANDLERS_PROBE, gracePeriod, path);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...validateNonnegative(p[f] as number | undefined, child(path, f)));
  }
  const tgps = p.terminationGracePeriodSeconds;
  if (typeof tgps === 'number' && tgps <= 0) errs.push(fieldError.invalid(child(path, 'terminationGracePeriodSeconds'), tgps, 'must be greater than 0'));
  if (kind !== 'readinessProbe' && p.successThreshold !== 1) {
    errs.push(fieldError.invalid(child(path, 'successThreshold'), p.successThreshold ?? 0, 'must be 1'));
  }
  if (kind === 'readinessProbe' && tgps !== undefined && tgps !== null) {
    errs.push(fieldError.invalid(child(path, 'terminationGracePeriodSeconds'), tgps, 'must not be set for readinessProbes'));
  }
  return errs;
}

/** validateLifecycle: postStart and preStop hooks. */
export function validateLifecycle(lifecycle: unknown, gracePeriod: number | undefined, path: string): FieldError[] {
  const l = asRecord(lifecycle);
  if (!l) return [];
  const errs: FieldError[] = [];
  for (const hook of ['postStart', 'preStop']) {
    const h = asRecord(l[hook]);
    if (h) errs.push(...validateHandler(h, HANDLERS_LIFECYCLE, gracePeriod, child(path, hook)));
  }
  return errs;
}
