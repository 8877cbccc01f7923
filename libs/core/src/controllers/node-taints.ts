/**
 * The taints the node lifecycle controller owns (kube's
 * TaintNodesByCondition NoSchedule pass and the NoExecute
 * not-ready/unreachable pass): derived from the node's conditions and
 * spec.unschedulable, stamped with timeAdded when added, removed when the
 * condition clears. Taints it does not own are left alone.
 */
import type { Condition, Node, Taint } from '../api/types';
import { rfc3339 } from '../domain/timestamps';

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';
export const TAINT_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

/** kube's nodeConditionToTaintKeyStatusMap: which condition status puts which NoSchedule taint. */
const CONDITION_TAINTS: Record<string, Partial<Record<Condition['status'], string>>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: TAINT_MEMORY_PRESSURE },
  DiskPressure: { True: TAINT_DISK_PRESSURE },
  NetworkUnavailable: { True: TAINT_NETWORK_UNAVAILABLE },
  PIDPressure: { True: TAINT_PID_PRESSURE },
};

const NO_SCHEDULE_KEYS = new Set([...Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)), TAINT_UNSCHEDULABLE]);
const NO_EXECUTE_KEYS = new Set([TAINT_NOT_READY, TAINT_UNREACHABLE]);

function owned(t: Taint): boolean {
  return (t.effect === 'NoSchedule' && NO_SCHEDULE_KEYS.has(t.key)) || (t.effect === 'NoExecute' && NO_EXECUTE_KEYS.has(t.key));
}

/** The (key, effect) pairs the controller wants, given the node's (effective) conditions. */
export function wantedTaints(node: Node, conditions: readonly Condition[]): Taint[] {
  const out: Taint[] = [];
  for (const c of conditions) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) out.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec?.unschedulable) out.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
  // Not-ready and unreachable are mutually exclusive, mirroring the Ready condition; none while Ready is absent.
  const ready = conditions.find((c) => c.type === 'Ready')?.status;
  if (ready === 'False') out.push({ key: TAINT_NOT_READY, effect: 'NoExecute' });
  if (ready === 'Unknown') out.push({ key: TAINT_UNREACHABLE, effect: 'NoExecute' });
  return out;
}

/**
 * The node's taints with the owned ones brought in line with `wanted`:
 * an owned taint that is still wanted is kept as is (its timeAdded is when
 * the clock for NoExecute tolerations started), a missing one is appended
 * with timeAdded = now, an unwanted one is dropped. NoExecute taints that
 * lack timeAdded (added by hand) get `now`, so tolerationSeconds have a
 * start the next reconcile can see. Pure.
 */
export function reconcileTaints(current: readonly Taint[], wanted: readonly Taint[], now: Date): Taint[] {
  const stamp = rfc3339(now);
  const same = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;
  const out: Taint[] = [];
  for (const t of current) {
    if (owned(t) && !wanted.some((w) => same(w, t))) continue;
    out.push(t.effect === 'NoExecute' && !t.timeAdded ? { ...t, timeAdded: stamp } : t);
  }
  for (const w of wanted) if (!out.some((t) => same(t, w))) out.push({ ...w, timeAdded: stamp });
  return out;
}
