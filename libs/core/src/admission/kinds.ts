/**
 * The kinds admission has rules for: one per resource chronokube serves.
 */

/** The kinds admission knows. */
export type AdmissionKind =
  | 'Namespace' | 'Node' | 'Pod' | 'Service' | 'Endpoints' | 'ConfigMap' | 'Event' | 'Deployment' | 'ReplicaSet' | 'Lease';

/** All admission kinds. */
export const ADMISSION_KINDS: readonly AdmissionKind[] = [
  'Namespace', 'Node', 'Pod', 'Service', 'Endpoints', 'ConfigMap', 'Event', 'Deployment', 'ReplicaSet', 'Lease',
];

/** True when admission has rules for this kind. */
export function isAdmissionKind(kind: string): kind is AdmissionKind {
  return (ADMISSION_KINDS as readonly string[]).includes(kind);
}
