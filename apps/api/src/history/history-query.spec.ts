/** Query parameters of the history API: every bad value is a 400 naming it; continue tokens round-trip. */
import { ApiError } from '@chronokube/core';
import { boolParam, continueParam, encodeContinue, kindParam, limitParam, listParam, orderParam, pageRange } from './history-query';
import { authorizeHistory, mayReadNamespace } from './history-authz';

const q = (s: string) => new URLSearchParams(s);
const status = (f: () => unknown): { code: number; message: string } | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return e instanceof ApiError ? { code: e.code, message: e.message } : undefined;
  }
};

it('parses booleans like Go and refuses anything else', () => {
  expect(boolParam(q('data=True'), 'data')).toBe(true);
  expect(boolParam(q('data=0'), 'data')).toBe(false);
  expect(boolParam(q(''), 'data')).toBe(false);
  expect(status(() => boolParam(q('data=yes'), 'data'))).toEqual({ code: 400, message: 'invalid data "yes": expected true or false' });
});

it('checks limit, order, kinds and lists', () => {
  expect(limitParam(q(''))).toBe(500);
  expect(limitParam(q('limit=5000'))).toBe(5000);
  for (const bad of ['0', '5001', '1.5', '-1', 'x']) expect(status(() => limitParam(q(`limit=${bad}`)))?.code).toBe(400);
  expect(orderParam(q(''))).toBe('desc');
  expect(status(() => orderParam(q('order=up')))?.message).toContain('order');
  expect(kindParam(q('kind=po'))).toBe('Pod');
  expect(kindParam(q('kind=deployments'))).toBe('Deployment');
  expect(status(() => kindParam(q('kind=Gizmo')))?.message).toBe('invalid kind: unknown kind "Gizmo"');
  expect(listParam(q('type=A,,B'), 'type')).toEqual(['A', 'B']);
});

it('round-trips continue tokens and refuses forged or cross-order ones', () => {
  const token = encodeContinue({ position: 4711, order: 'asc' });
  expect(continueParam(q(`continue=${token}`), 'asc')).toEqual({ position: 4711, order: 'asc' });
  expect(status(() => continueParam(q(`continue=${token}`), 'desc'))?.code).toBe(400);
  expect(status(() => continueParam(q('continue=bm9wZQ'), 'asc'))?.code).toBe(400);
  expect(pageRange(0, 100, { position: 40, order: 'asc' })).toEqual({ after: 40, upTo: 100 });
  expect(pageRange(0, 100, { position: 40, order: 'desc' })).toEqual({ after: 0, upTo: 39 });
});

it('lets every role read history and only edit and admin write incidents', () => {
  const user = (groups: string[]) => ({ name: 'u', uid: 'u', groups });
  expect(() => authorizeHistory(user(['chronokube:view']), 'get', 'history')).not.toThrow();
  expect(() => authorizeHistory(user(['chronokube:edit']), 'create', 'incidents')).not.toThrow();
  expect(() => authorizeHistory(user(['system:masters']), 'update', 'incidents')).not.toThrow();
  expect(status(() => authorizeHistory(user(['chronokube:view']), 'create', 'incidents'))).toEqual({
    code: 403,
    message: 'incidents.history.chronokube.io is forbidden: User "u" cannot create resource "incidents" in API group "history.chronokube.io" at the cluster scope',
  });
  expect(status(() => authorizeHistory(user([]), 'get', 'history'))?.code).toBe(403);
  expect(mayReadNamespace(user(['chronokube:view']), 'prod')).toBe(true);
  expect(mayReadNamespace(user([]), 'prod')).toBe(false);
});
