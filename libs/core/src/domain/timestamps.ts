/** Kubernetes timestamps are RFC 3339 with whole seconds (metav1.Time). */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** metav1.MicroTime, used by events' eventTime and leases' renewTime. */
export function rfc3339Micro(date: Date): string {
  return date.toISOString().replace(/Z$/, '000Z');
}
