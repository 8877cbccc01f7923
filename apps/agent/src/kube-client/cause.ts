/**
 * How an agent's write names what it reacts to. The agent sees objects,
 * never event ids; the API server resolves the object version named here
 * to the event that produced it (causationId) and inherits its
 * correlationId, so `why` of a kubelet's write leads back to the binding
 * and from there to the user's request. A write without it (a heartbeat,
 * a Lease renewal, the node's registration) is the node's own observation:
 * a root of its own correlation.
 */
import type { KubeObject } from '@chronokube/core';

/** The request header the API server reads (apps/api/src/http/cause-header.ts). */
export const CAUSE_VERSION_HEADER = 'X-Chronokube-Cause-Resource-Version';

/** Headers saying "this write reacts to this version of `object`"; none when it has no resourceVersion. */
export function causedBy(object: KubeObject | undefined): Record<string, string> {
  const rv = object?.metadata?.resourceVersion;
  return rv ? { [CAUSE_VERSION_HEADER]: rv } : {};
}
