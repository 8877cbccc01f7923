/**
 * maxSurge / maxUnavailable: an int or a percent of the desired replicas,
 * resolved the way kube's intstr.GetScaledValueFromIntOrPercent and
 * deploymentutil.ResolveFenceposts do (surge rounds up, unavailable down,
 * and never both zero).
 */
import type { Deployment } from '../api/types';

/** An IntOrString scaled against `total`; percents round up or down as asked. Unparseable values count as 0. */
export function scaledValue(value: number | string | undefined | null, total: number, roundUp: boolean): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return Math.trunc(value);
  const text = value.trim();
  if (text.endsWith('%')) {
    const percent = Number.parseInt(text.slice(0, -1), 10);
    if (!Number.isFinite(percent)) return 0;
    const scaled = (percent * total) / 100;
    return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
  }
  const n = Number.parseInt(text, 10);
  return Number.isFinite(n) ? n : 0;
}

/** The desired replicas (spec.replicas, default 1). */
export function desiredReplicas(d: Deployment): number {
  return d.spec.replicas ?? 1;
}

/** The strategy is RollingUpdate (the default). */
export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/**
 * [maxSurge, maxUnavailable] for `desired` replicas. When both resolve to 0
 * (validation forbids it, rounding can produce it) unavailable becomes 1,
 * on kube's theory that surging may be impossible (quota).
 */
export function resolveFenceposts(maxSurge: number | string | undefined, maxUnavailable: number | string | undefined, desired: number): [number, number] {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

/** The surge allowed above the desired replicas (0 for Recreate). */
export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge ?? '25%', ru?.maxUnavailable ?? '25%', desiredReplicas(d))[0];
}

/** The replicas allowed to be unavailable (0 for Recreate or 0 replicas; at most the replicas). */
export function maxUnavailable(d: Deployment): number {
  const desired = desiredReplicas(d);
  if (!isRollingUpdate(d) || desired === 0) return 0;
  const ru = d.spec.strategy?.rollingUpdate;
  const unavailable = resolveFenceposts(ru?.maxSurge ?? '25%', ru?.maxUnavailable ?? '25%', desired)[1];
  return Math.min(unavailable, desired);
}
