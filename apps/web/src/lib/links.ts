/** URLs of the dashboard's pages (PLAN12.md). */

/** The object page of kind/namespace/name. */
export function objectHref(kind: string, namespace: string | undefined, name: string, tab?: string): string {
  const q = new URLSearchParams({ kind, ...(namespace ? { namespace } : {}), name, ...(tab ? { tab } : {}) });
  return `/object/?${q}`;
}
