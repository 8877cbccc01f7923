/** URLs of the dashboard's pages (PLAN12.md), and the point (`at`) they carry (PLAN13.md). */

/** Object page URLs made so far: the overview asks for one per pod chip on every render. */
const hrefs = new Map<string, string>();

/** The object page of kind/namespace/name. */
export function objectHref(kind: string, namespace: string | undefined, name: string, tab?: string): string {
  const key = `${kind}\u0000${namespace ?? ''}\u0000${name}\u0000${tab ?? ''}`;
  let href = hrefs.get(key);
  if (href === undefined) {
    const q = new URLSearchParams({ kind, ...(namespace ? { namespace } : {}), name, ...(tab ? { tab } : {}) });
    href = `/object/?${q}`;
    if (hrefs.size >= 50_000) hrefs.clear();
    hrefs.set(key, href);
  }
  return href;
}

/**
 * `path` with `params` and the point `at` (a resourceVersion or an RFC 3339
 * time; null = live, no `at`). `path` may carry a query already; `at` and
 * `params` replace any of the same name there. Idempotent.
 */
export function pointHref(path: string, at: string | null, params?: Record<string, string>): string {
  const hash = path.indexOf('#');
  const fragment = hash >= 0 ? path.slice(hash) : '';
  const noHash = hash >= 0 ? path.slice(0, hash) : path;
  const qi = noHash.indexOf('?');
  const base = qi >= 0 ? noHash.slice(0, qi) : noHash;
  const q = new URLSearchParams(qi >= 0 ? noHash.slice(qi + 1) : '');
  for (const [k, v] of Object.entries(params ?? {})) q.set(k, v);
  q.delete('at');
  if (at) q.set('at', at);
  const s = q.toString();
  return `${base}${s ? `?${s}` : ''}${fragment}`;
}

/** The point a URL's query names (`at`), or null (live). */
export function pointOf(search: string | URLSearchParams): string | null {
  const q = typeof search === 'string' ? new URLSearchParams(search.startsWith('?') ? search.slice(1) : search) : search;
  const at = q.get('at');
  return at && at.trim() !== '' && at !== 'now' ? at.trim() : null;
}
