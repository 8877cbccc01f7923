/** Which refusals are audited and what an entry holds; a failed append is logged, never thrown. */
import type { IncomingMessage } from 'node:http';
import { ApiError, badRequest, conflict, forbidden, notFound, unauthorized } from '@chronokube/core';
import { AuditRecorder, auditStream, refusedEntry } from './audit-recorder';
import type { EventLog } from '../store/event-log';

function req(method: string, url: string, ip = '::ffff:10.1.2.3'): IncomingMessage {
  return { method, url, headers: { 'user-agent': 'kubectl/v1.32.0' }, socket: { remoteAddress: ip } } as unknown as IncomingMessage;
}

const victor = { name: 'victor', uid: 'u', groups: ['chronokube:view'] };

describe('refusedEntry', () => {
  it('audits 401 and 403 on any method, other 4xx only on writes, never 5xx or success', () => {
    expect(refusedEntry(req('GET', '/api/v1/pods'), {}, unauthorized())?.result).toBe('denied');
    expect(refusedEntry(req('GET', '/api/v1/secrets'), { user: victor }, forbidden('no'))?.code).toBe(403);
    expect(refusedEntry(req('POST', '/api/v1/namespaces/a/pods'), { user: victor }, conflict('pods', 'x', 'taken'))?.result).toBe('rejected');
    expect(refusedEntry(req('GET', '/api/v1/namespaces/a/pods/x'), { user: victor }, notFound('pods', 'x'))).toBeUndefined();
    expect(refusedEntry(req('POST', '/api/v1/namespaces/a/pods'), { user: victor }, new ApiError(503, 'ServiceUnavailable', 'later'))).toBeUndefined();
    expect(refusedEntry(req('POST', '/api/v1/namespaces/a/pods'), { user: victor }, new Error('bug'))).toBeUndefined();
  });

  it('holds who, from where, what and why; an unauthenticated request is anonymous and still names its object', () => {
    const entry = refusedEntry(req('DELETE', '/apis/apps/v1/namespaces/prod/deployments/web?dryRun=All'), {}, unauthorized());
    expect(entry).toEqual({
      user: 'system:anonymous', groups: ['system:unauthenticated'], userAgent: 'kubectl/v1.32.0', sourceIP: '10.1.2.3',
      verb: 'delete', resource: 'deployments', apiGroup: 'apps', namespace: 'prod', name: 'web',
      requestURI: '/apis/apps/v1/namespaces/prod/deployments/web?dryRun=All', code: 401, result: 'denied', reason: 'Unauthorized', message: 'Unauthorized',
    });
    const bad = refusedEntry(req('PATCH', '/api/v1/namespaces/a/pods/x/status'), { user: victor, verb: 'patch', resource: 'pods/status', namespace: 'a', name: 'x' }, badRequest('nope'));
    expect(bad).toMatchObject({ user: 'victor', groups: ['chronokube:view'], verb: 'patch', resource: 'pods/status', code: 400, result: 'rejected', message: 'nope' });
  });
});

describe('AuditRecorder', () => {
  it('appends RequestRefused to the day stream without waiting; a failing append is logged once', async () => {
    const appended: [string, unknown[], unknown][] = [];
    let fail = false;
    const log = {
      append: async (stream: string, events: unknown[], expected: unknown) => {
        if (fail) throw new Error('store down');
        appended.push([stream, events, expected]);
        return { position: 1, nextRevision: 0n };
      },
    } as unknown as EventLog;
    const warnings: string[] = [];
    const recorder = new AuditRecorder(log, (m) => warnings.push(m));
    recorder.refused(req('POST', '/api/v1/namespaces/a/configmaps'), { user: victor, verb: 'create', resource: 'configmaps' }, forbidden('no'));
    recorder.refused(req('GET', '/api/v1/namespaces/a/configmaps/x'), { user: victor }, notFound('configmaps', 'x'));
    await new Promise((r) => setImmediate(r));
    expect(appended).toHaveLength(1);
    expect(appended[0][0]).toBe(auditStream(new Date()));
    expect(appended[0][0]).toMatch(/^audit-\d{4}-\d\d-\d\d$/);
    expect(appended[0][1]).toEqual([{ kind: 'RequestRefused', suffix: '', data: expect.objectContaining({ user: 'victor', code: 403 }) }]);
    expect(appended[0][2]).toBe('any');
    fail = true;
    expect(() => recorder.refused(req('POST', '/api/v1/namespaces/a/configmaps'), { user: victor }, forbidden('no'))).not.toThrow();
    await new Promise((r) => setImmediate(r));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('store down');
    recorder.enabled = false;
    fail = false;
    recorder.refused(req('POST', '/api/v1/namespaces/a/configmaps'), { user: victor }, forbidden('no'));
    await new Promise((r) => setImmediate(r));
    expect(appended).toHaveLength(1);
  });

  it('names the UTC day', () => {
    expect(auditStream(new Date('2026-12-05T23:59:59.999-02:00'))).toBe('audit-2026-12-06');
  });
});
