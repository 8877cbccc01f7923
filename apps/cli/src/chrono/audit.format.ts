import type { AuditList } from './contract';
import { cell, renderTable } from './table';
import { formatTime } from './values';

/** The audit entries as a table; MESSAGE says why a refused request was refused. */
export function formatAudit(list: AuditList): string {
  if (list.items.length === 0) return 'No audit entries found.\n';
  const rows = list.items.map((a) => [
    formatTime(a.time),
    cell(a.user, 40),
    a.sourceIPs?.join(',') ?? a.sourceIP ?? '<none>',
    a.verb,
    a.apiGroup ? `${a.resource}.${a.apiGroup}` : a.resource,
    a.namespace ?? '',
    a.name ?? '',
    String(a.code),
    a.result,
    a.result === 'allowed' ? '' : cell(a.message ?? a.reason, 70),
  ]);
  return renderTable(['TIME', 'USER', 'SOURCE', 'VERB', 'RESOURCE', 'NAMESPACE', 'NAME', 'CODE', 'RESULT', 'MESSAGE'], rows);
}
