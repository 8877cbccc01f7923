/**
 * coordination.k8s.io/v1 Lease and autoscaling/v1 Scale.
 *
 * ScaleSpec.replicas is a plain `int32,omitempty` in Go, so Go's JSON drops
 * a zero; it is KEEP here on purpose: an explicit `replicas: 0` means the
 * same to Go and cannot be misread as "field absent" by a JS handler.
 */
import { type MessageTable, KEEP, i32, msg, str } from './descriptor';

/** Lease, LeaseSpec, Scale, ScaleSpec, ScaleStatus. */
export const LEASE_SCALE_MESSAGES: MessageTable = {
  'coordination.Lease': {
    1: msg('metadata', 'meta.ObjectMeta'),
    2: msg('spec', 'coordination.LeaseSpec'),
  },
  'coordination.LeaseSpec': {
    1: str('holderIdentity', KEEP),
    2: i32('leaseDurationSeconds', KEEP),
    3: msg('acquireTime', 'meta.MicroTime'),
    4: msg('renewTime', 'meta.MicroTime'),
    5: i32('leaseTransitions', KEEP),
    6: str('strategy', KEEP),
    7: str('preferredHolder', KEEP),
  },
  'autoscaling.Scale': {
    1: msg('metadata', 'meta.ObjectMeta'),
    2: msg('spec', 'autoscaling.ScaleSpec'),
    3: msg('status', 'autoscaling.ScaleStatus'),
  },
  'autoscaling.ScaleSpec': { 1: i32('replicas', KEEP) },
  'autoscaling.ScaleStatus': { 1: i32('replicas', KEEP), 2: str('selector') },
};
