/** Times in the panels: UTC, to the second, as logs and the API show them (an operator compares them with logs). */

/** "2026-12-05 03:12:07" (UTC) from an RFC 3339 time; the text itself when it does not parse. */
export function utc(time: string | undefined): string {
  if (!time) return '';
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) return time;
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

/** A point for a label: "rv 4711 (2026-12-05 03:12:07)". */
export function pointLabel(p: { resourceVersion: string; time?: string } | undefined): string {
  if (!p) return '';
  return `rv ${p.resourceVersion}${p.time ? ` (${utc(p.time)} UTC)` : ''}`;
}
