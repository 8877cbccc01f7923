/**
 * coordination.k8s.io/v1 Lease: leader election and node heartbeats.
 */
import {
  COORDINATION, Definitions, N, gvk, int32, kind, listKind, object, ref, str,
} from '../schema-dsl';

/** Lease and its list. */
export const COORDINATION_DEFS: Definitions = {
  [`${COORDINATION}Lease`]: kind(gvk.coordination('Lease'), 'A lease: who holds it, since when and for how long.', {
    spec: ref(`${COORDINATION}LeaseSpec`, 'Specification of the lease.'),
  }),
  [`${COORDINATION}LeaseList`]: listKind(gvk.coordination('LeaseList'), `${COORDINATION}Lease`, 'A list of Leases.'),
  [`${COORDINATION}LeaseSpec`]: object('The specification of a lease.', {
    acquireTime: ref(N.microTime, 'When the current lease was acquired.'),
    holderIdentity: str('Identity of the current holder of the lease.'),
    leaseDurationSeconds: int32('How long, from the last renewTime, candidates must wait before they may take the lease.'),
    leaseTransitions: int32('Number of transitions of the lease between holders.'),
    preferredHolder: str('Signals to the holder that it should give the lease up in favour of this identity.'),
    renewTime: ref(N.microTime, 'When the current holder last renewed the lease.'),
    strategy: str('Strategy for picking the leader in coordinated leader election.'),
  }),
};
