/**
 * PackedState: a ClusterState frozen for time travel, as small as it can be
 * kept. A Map costs about 38 bytes an entry (76 for the object and stream
 * revision maps a plain clone copies); a packed state holds each resource's
 * versions in one array in key order (8 bytes an object), shares the sorted
 * key array with the state it was packed from until that state changes it
 * (8 more at most), shares the versions themselves, and keeps only the
 * stream revisions an object's own revision does not tell (deleted objects,
 * skipped events). Measured by bench/history/fold-profile.ts: 10,000
 * objects pack into ~80-160 kB where a clone took ~760 kB. (Deriving the
 * keys from the objects' metadata instead would save the key array but
 * cost ~20 ms of string building per unpack, a third of a time-travel
 * request's budget.)
 */
import type { ResourceInfo } from '../api/resources';
import type { StoredObject } from './cluster-state.types';

export interface PackedState {
  /** The commit position the state was packed at. */
  readonly position: number;
  /** Per resource: its keys in order (shared, never changed) and the version under each. */
  readonly resources: readonly (readonly [ResourceInfo, readonly string[], readonly StoredObject[]])[];
  /** [stream, revision] of the streams whose revision is not their present object's. */
  readonly detached: readonly (readonly [string, bigint])[];
  /** Objects held, for size estimates. */
  readonly objects: number;
}

/** Rough heap bytes a packed state adds (array slots, not the shared versions). */
export function packedBytes(packed: PackedState): number {
  return 16 * packed.objects + 40 * packed.detached.length + 64 * packed.resources.length;
}
