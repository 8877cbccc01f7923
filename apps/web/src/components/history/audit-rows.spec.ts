import type { AuditEntry } from '@chronokube/core';
import { AUDIT_CSV, auditQuery, csvFileName, filterFromQuery, isHeartbeat, searchAudit } from './audit-rows';
import { toCsv } from './csv';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 'a1', time: '2026-12-05T03:12:07.000Z', user: 'victor', groups: ['chronokube:view'], verb: 'delete', resource: 'pods', namespace: 'default', name: 'web-1',
  requestURI: '/api/v1/namespaces/default/pods/web-1', code: 403, result: 'denied', reason: 'Forbidden', message: 'pods "web-1" is forbidden: User "victor" cannot delete', ...over,
});

describe('audit filters', () => {
  const NOW = Date.parse('2026-12-05T04:00:00Z');

  it('given the URL, then every filter, empty when absent', () => {
    const f = filterFromQuery(new URLSearchParams('user=victor&result=denied'));
    expect(f).toMatchObject({ user: 'victor', result: 'denied', verb: '', since: '', heartbeats: '' });
  });

  it('given filters, then the /audit query with only what is set; a preset window wins over from/to', () => {
    const f = filterFromQuery(new URLSearchParams('user= victor &verb=delete&resource=pods&result=denied&from=100&to=200'));
    expect(auditQuery(f, NOW)).toEqual({ user: 'victor', verb: 'delete', resource: 'pods', namespace: undefined, result: 'denied', from: '100', to: '200' });
    expect(auditQuery({ ...f, since: '1h' }, NOW)).toMatchObject({ from: '2026-12-05T03:00:00.000Z', to: undefined });
  });

  it('given node heartbeats, then they are hidden unless asked for, and text search looks in message, URI and agent', () => {
    const beat = entry({ id: 'b', user: 'system:node:n1', verb: 'update', resource: 'leases', namespace: 'kube-node-lease', result: 'allowed', code: 200, reason: undefined, message: undefined, requestURI: '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n1' });
    const denied = entry({});
    expect(isHeartbeat(beat)).toBe(true);
    expect(isHeartbeat(denied)).toBe(false);
    expect(searchAudit([beat, denied], '', false).map((e) => e.id)).toEqual(['a1']);
    expect(searchAudit([beat, denied], '', true)).toHaveLength(2);
    expect(searchAudit([beat, denied], 'FORBIDDEN', true).map((e) => e.id)).toEqual(['a1']);
    expect(searchAudit([beat, denied], 'kube-node', true).map((e) => e.id)).toEqual(['b']);
  });

  it('given entries, then a CSV with every field, quoted where needed, and a file name naming the filters', () => {
    const csv = toCsv([entry({ userAgent: 'kubectl/v1.32.4 (linux/amd64) kubernetes/4cb5f07' })], AUDIT_CSV);
    const [head, line] = csv.split('\r\n');
    expect(head).toBe('time,user,groups,verb,resource,apiGroup,namespace,name,code,result,reason,message,requestURI,userAgent,sourceIP,resourceVersion,correlationId,id');
    expect(line).toBe('2026-12-05T03:12:07.000Z,victor,chronokube:view,delete,pods,,default,web-1,403,denied,Forbidden,"pods ""web-1"" is forbidden: User ""victor"" cannot delete",/api/v1/namespaces/default/pods/web-1,kubectl/v1.32.4 (linux/amd64) kubernetes/4cb5f07,,,,a1');
    expect(csvFileName(filterFromQuery(new URLSearchParams('user=victor&result=denied')), NOW)).toBe('audit-victor-denied-2026-12-05-04-00-00.csv');
  });
});
