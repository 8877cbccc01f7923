import type { KubeObject } from '../api/meta';
import type { Namespace } from '../api/types';
import { reconcileNamespaceDeletion } from './namespace';

const ns = (deleting: boolean, finalizers = ['kubernetes']): Namespace => ({
  apiVersion: 'v1', kind: 'Namespace',
  metadata: { name: 'demo', uid: 'u', ...(deleting ? { deletionTimestamp: '2026-11-25T00:00:00Z' } : {}) },
  spec: { finalizers },
});
const cm = (name: string, terminating = false): { kind: string; object: KubeObject } => ({
  kind: 'ConfigMap',
  object: { metadata: { name, namespace: 'demo', uid: `uid-${name}`, ...(terminating ? { deletionTimestamp: '2026-11-25T00:00:00Z' } : {}) } },
});

describe('reconcileNamespaceDeletion', () => {
  it('does nothing for a namespace that is not being deleted', () => {
    expect(reconcileNamespaceDeletion(ns(false), [cm('a')])).toEqual([]);
  });

  it('deletes what is in it, leaving objects that already terminate alone', () => {
    const actions = reconcileNamespaceDeletion(ns(true), [cm('a'), cm('b', true)]);
    expect(actions).toEqual([{ type: 'delete', kind: 'ConfigMap', namespace: 'demo', name: 'a', uid: 'uid-a', reason: 'namespace demo is being deleted' }]);
  });

  it('waits while anything is left, then drops the kubernetes finalizer through finalize', () => {
    expect(reconcileNamespaceDeletion(ns(true), [cm('b', true)])).toEqual([]);
    const [action] = reconcileNamespaceDeletion(ns(true, ['kubernetes', 'example.com/x']), []);
    expect(action).toMatchObject({ type: 'update', subresource: 'finalize', kind: 'Namespace' });
    expect((action as { object: Namespace }).object.spec?.finalizers).toEqual(['example.com/x']);
    expect(reconcileNamespaceDeletion(ns(true, ['example.com/x']), [])).toEqual([]);
  });
});
