import { NONE, renderTable } from './table';

/** The meta.k8s.io/v1 Table fields kubectl prints from. */
export interface ServerTable {
  kind: 'Table';
  columnDefinitions: { name: string; priority: number }[];
  rows: { cells: unknown[]; object?: { metadata?: { namespace?: string } } }[];
}

/**
 * Prints a server-side Table as kubectl get does: column names upper-cased,
 * priority-0 columns unless `wide`, and a leading NAMESPACE column when
 * listing across namespaces.
 */
export function formatServerTable(table: ServerTable, opts: { wide?: boolean; withNamespace?: boolean } = {}): string {
  const shown = table.columnDefinitions.map((c, i) => ({ c, i })).filter(({ c }) => opts.wide || c.priority === 0);
  const headers = shown.map(({ c }) => c.name.toUpperCase());
  const rows = table.rows.map((row) => shown.map(({ i }) => cellText(row.cells[i])));
  if (opts.withNamespace) {
    headers.unshift('NAMESPACE');
    table.rows.forEach((row, r) => rows[r].unshift(row.object?.metadata?.namespace ?? ''));
  }
  return renderTable(headers, rows);
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return NONE;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
