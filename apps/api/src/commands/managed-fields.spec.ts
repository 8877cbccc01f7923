import { decide, findResource, type KubeObject } from '@chronokube/core';
import { ManagedFields, startingManagedFields } from './managed-fields';
import type { RequestContext } from './request-context';

const entry = (manager: string, operation: 'Apply' | 'Update', fields: Record<string, unknown>) => ({ manager, operation, apiVersion: 'v1', time: '2026-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: fields });
const live: KubeObject = {
  apiVersion: 'v1', kind: 'ConfigMap',
  metadata: { name: 'cm', namespace: 'default', resourceVersion: '5', managedFields: [entry('kubectl-client-side-apply', 'Update', { 'f:data': { 'f:a': {} } })] },
  data: { a: '1' },
};
const withFields = (managedFields: unknown): KubeObject => ({ ...live, metadata: { ...live.metadata, managedFields: managedFields as never } });

describe('startingManagedFields (which managedFields an update starts from)', () => {
  it('takes decodable entries the client sent', () => {
    const sent = [entry('kubectl', 'Apply', { 'f:data': { 'f:a': {} } })];
    expect(startingManagedFields(live, withFields(sent))).toEqual(sent);
  });

  it('resets on a list of empty entries, and keeps the live ones for an empty list, garbage or a subresource', () => {
    expect(startingManagedFields(live, withFields([{}]))).toEqual([]);
    expect(startingManagedFields(live, withFields([]))).toBe(live.metadata.managedFields);
    expect(startingManagedFields(live, withFields([{ manager: 'x', operation: 'Delete' }]))).toBe(live.metadata.managedFields);
    expect(startingManagedFields(live, withFields('nope'))).toBe(live.metadata.managedFields);
    expect(startingManagedFields(live, withFields([entry('kubectl', 'Apply', {})]), 'status')).toBe(live.metadata.managedFields);
  });
});

describe('ManagedFields', () => {
  const ctx = (fieldManager?: string): RequestContext => ({ user: { name: 'u', uid: 'u', groups: [] }, verb: 'patch', userAgent: 'kubectl/v1.32.0', correlationId: 'c', causationId: 'c', dryRun: false, fieldManager, now: new Date('2026-02-02T00:00:00Z') }) as RequestContext;
  const resource = findResource('', 'configmaps')!;

  it('a managedFields-only patch is a recorded change, with the client-side manager gone', () => {
    const sent = [entry('kubectl', 'Apply', { 'f:data': { 'f:a': {} } })];
    const next = new ManagedFields().onUpdate(resource, live, withFields(sent), ctx());
    expect(next.metadata.managedFields?.map((e) => e.manager)).toEqual(['kubectl']);
    expect(decide({ type: 'Update', resource, object: next, now: new Date() }, live, 'cm').events).toHaveLength(1);
  });

  it('lets kubectl override what its client-side apply set, and no one else', () => {
    const annotated: KubeObject = { ...live, metadata: { ...live.metadata, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"v1","kind":"ConfigMap","data":{"a":"1"}}\n' } } };
    const applied = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: '2' } } as KubeObject;
    const out = new ManagedFields().onApply(resource, annotated, applied, ctx('kubectl'), false);
    expect(out.data).toEqual({ a: '2' });
    expect(out.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBe('{"apiVersion":"v1","data":{"a":"2"},"kind":"ConfigMap","metadata":{"name":"cm"}}\n');
    expect(() => new ManagedFields().onApply(resource, annotated, applied, ctx('other'), false)).toThrow(/conflict with "kubectl-client-side-apply" using v1: \.data\.a/);
    // Without the annotation kubectl gets the conflict too.
    expect(() => new ManagedFields().onApply(resource, live, applied, ctx('kubectl'), false)).toThrow(/Apply failed with 1 conflict/);
  });
});
