/**
 * Links that move the whole UI to a point (PLAN13's contract): a page path
 * with `at=<resourceVersion | RFC 3339 time>`, live without it. This is the
 * panels' own copy of `pointHref` (lib/links.ts gets the shared one from
 * the travel branch; the lead dedupes them at the merge).
 */

/** `path` with `params` set and `at` set (or removed when null); keeps the path's own query and fragment. */
export function pointHref(path: string, at: string | null, params?: Record<string, string>): string {
  const [beforeHash, ...hashParts] = path.split('#');
  const fragment = hashParts.length ? `#${hashParts.join('#')}` : '';
  const [base, query = ''] = beforeHash.split(/\?(.*)/s, 2);
  const q = new URLSearchParams(query);
  for (const [k, v] of Object.entries(params ?? {})) q.set(k, v);
  q.delete('at');
  if (at) q.set('at', at);
  const text = q.toString();
  return `${base}${text ? `?${text}` : ''}${fragment}`;
}

/** The object page of kind/namespace/name as it was at `at` (a version's resourceVersion). */
export function objectAtHref(kind: string, namespace: string | undefined, name: string, at: string | null, tab?: string): string {
  const params: Record<string, string> = { kind };
  if (namespace) params.namespace = namespace;
  params.name = name;
  if (tab) params.tab = tab;
  return pointHref('/object/', at, params);
}
