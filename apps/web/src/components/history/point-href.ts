/**
 * Links that move the whole UI to a point (PLAN13's contract): a page path
 * with `at=<resourceVersion | RFC 3339 time>`, live without it. `pointHref`
 * is the shared one of lib/links.ts (this file had its own copy until the
 * travel branch's arrived).
 */
import { pointHref } from '../../lib/links';

export { pointHref };

/** The object page of kind/namespace/name as it was at `at` (a version's resourceVersion). */
export function objectAtHref(kind: string, namespace: string | undefined, name: string, at: string | null, tab?: string): string {
  const params: Record<string, string> = { kind };
  if (namespace) params.namespace = namespace;
  params.name = name;
  if (tab) params.tab = tab;
  return pointHref('/object/', at, params);
}
