/**
 * PackedState: a ClusterState frozen for time travel, as small as it can be
 * kept. A Map costs about 38 bytes an entry (76 for the object and stream
 * revision maps a plain clone copies); a packed state holds each resource's
 * keys and versions interleaved in one array (16 bytes an object), the
 * versions shared with the live state, and only the stream revisions an
 * object's own revision does not tell (deleted objects, skipped events).
 * Measured by bench/history/fold-profile.ts: 10,000 objects pack into
 * ~170 kB where a clone took ~760 kB.
 */
import type { ResourceInfo } from '../api/resources';
import type { StoredObject } from './cluster-state.types';

export interface PackedState {
  /** The commit position the state was packed at. */
  readonly position: number;
  /** Per resource, in key order: key, version, key, version, ... */
  readonly resources: readonly (readonly [ResourceInfo, readonly (string | StoredObject)[]])[];
  /** [stream, revision] of the streams whose revision is not their present object's. */
  readonly detached: readonly (readonly [string, bigint])[];
  /** Objects held, for size estimates. */
  readonly objects: number;
}

/** Rough heap bytes a packed state adds (array slots, not the shared versions). */
export function packedBytes(packed: PackedState): number {
  return 16 * packed.objects + 40 * packed.detached.length + 64 * packed.resources.length;
}
