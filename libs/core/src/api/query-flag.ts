/**
 * Boolean query parameters (watch, follow, previous, timestamps, force,
 * allowWatchBookmarks, orphanDependents, ...) read the way kube-apiserver's
 * query conversion reads them (apimachinery's Convert_Slice_string_To_bool
 * and its pointer form): only "0" and "false" in any letter case mean false;
 * any other value, the empty string included, means true. Clients rely on
 * this: the official Python client sends `watch=True`, curl users send
 * `follow=1`. Never an error, exactly as on Kubernetes.
 */

/** The parameter's first value as a boolean; undefined when absent. */
export function queryFlagValue(q: URLSearchParams, name: string): boolean | undefined {
  const raw = q.get(name);
  if (raw === null) return undefined;
  return raw !== '0' && raw.toLowerCase() !== 'false';
}

/** The parameter as a boolean, false when absent. */
export function queryFlag(q: URLSearchParams, name: string): boolean {
  return queryFlagValue(q, name) ?? false;
}
