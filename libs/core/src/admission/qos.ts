/**
 * A pod's QoS class, as the API server records it in status.qosClass on
 * create (qos.ComputePodQOS): only cpu and memory count, over regular and
 * init containers.
 */
import type { PodSpec } from '../api/types';
import { parseQuantity } from './quantity';
import { asArray, asRecord } from './util';

/** The values of status.qosClass. */
export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const QOS_RESOURCES = ['cpu', 'memory'];

/**
 * Guaranteed when every container limits both cpu and memory and requests
 * equal limits; BestEffort when nothing requests or limits either; else
 * Burstable. Expects pod defaulting (requests default to limits) applied.
 */
export function computeQOSClass(spec: PodSpec | undefined): QOSClass {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  const containers = [...asArray(spec?.containers), ...asArray(spec?.initContainers)];
  for (const c of containers) {
    const res = asRecord(asRecord(c)?.resources) ?? {};
    const add = (into: Map<string, bigint>, list: unknown, found?: Set<string>) => {
      for (const [name, q] of Object.entries(asRecord(list) ?? {})) {
        if (!QOS_RESOURCES.includes(name)) continue;
        const v = parseQuantity(q);
        if (v === undefined || v <= 0n) continue;
        found?.add(name);
        into.set(name, (into.get(name) ?? 0n) + v);
      }
    };
    add(requests, res.requests);
    const limited = new Set<string>();
    add(limits, res.limits, limited);
    if (!QOS_RESOURCES.every((r) => limited.has(r))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      if (limits.get(name) !== req) { guaranteed = false; break; }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
