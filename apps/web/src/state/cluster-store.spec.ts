import { createClusterStore, objectsOf } from './cluster-store';
import { ev, obj } from './test-objects.spec-helper';

describe('cluster store', () => {
  it('folds events in order: later states win, deletes remove, the position advances', () => {
    const store = createClusterStore();
    store.getState().replace([obj('Pod', 'default', 'a', { spec: { v: 0 } })], '10', { mode: 'live' });
    store.getState().applyEvents([
      ev(11, 'Pod', 'default', 'a', obj('Pod', 'default', 'a', { spec: { v: 1 } })),
      ev(12, 'Pod', 'default', 'b', obj('Pod', 'default', 'b')),
      ev(13, 'Pod', 'default', 'a', obj('Pod', 'default', 'a', { spec: { v: 2 } })),
      ev(14, 'Pod', 'default', 'b', null),
    ], '14');
    const pods = objectsOf(store.getState(), 'Pod');
    expect([...pods.keys()]).toEqual(['Pod/default/a']);
    expect((pods.get('Pod/default/a') as any).spec.v).toBe(2);
    expect(store.getState().resourceVersion).toBe('14');
    expect(store.getState().eventsApplied).toBe(4);
  });

  it('skips events at or before its position (a resubscribe may repeat them)', () => {
    const store = createClusterStore();
    store.getState().replace([obj('Pod', 'default', 'a', { spec: { v: 5 } })], '20', { mode: 'live' });
    store.getState().applyEvents([ev(19, 'Pod', 'default', 'a', null), ev(20, 'Pod', 'default', 'a', obj('Pod', 'default', 'a', { spec: { v: 1 } }))]);
    expect((objectsOf(store.getState(), 'Pod').get('Pod/default/a') as any).spec.v).toBe(5);
    expect(store.getState().eventsApplied).toBe(0);
  });

  it('compares positions as integers, not text (9 < 10, beyond 2^53)', () => {
    const store = createClusterStore();
    store.getState().replace([], '9', { mode: 'live' });
    store.getState().applyEvents([ev(10, 'Pod', 'd', 'x', obj('Pod', 'd', 'x'))]);
    expect(store.getState().resourceVersion).toBe('10');
    store.getState().replace([], '9007199254740993', { mode: 'live' });
    store.getState().applyEvents([{ ...ev(0, 'Pod', 'd', 'y', obj('Pod', 'd', 'y')), resourceVersion: '9007199254740992' }]);
    expect(objectsOf(store.getState(), 'Pod').size).toBe(0);
  });

  it('takes a batch\'s progress mark past its last event, and an empty batch only moves the position', () => {
    const store = createClusterStore();
    store.getState().replace([], '5', { mode: 'live' });
    store.getState().applyEvents([ev(6, 'Pod', 'd', 'x', obj('Pod', 'd', 'x'))], '40');
    expect(store.getState().resourceVersion).toBe('40');
    store.getState().applyEvents([], '55');
    expect(store.getState().resourceVersion).toBe('55');
    // a stale progress mark never moves it back
    store.getState().applyEvents([], '50');
    expect(store.getState().resourceVersion).toBe('55');
  });

  it('applies a batch as one update and keeps untouched kinds identical (views of them do not re-render)', () => {
    const store = createClusterStore();
    store.getState().replace([obj('Node', undefined, 'n1'), obj('Pod', 'd', 'p')], '1', { mode: 'live' });
    const nodesBefore = objectsOf(store.getState(), 'Node');
    let updates = 0;
    store.subscribe(() => updates++);
    store.getState().applyEvents(Array.from({ length: 1000 }, (_, i) => ev(2 + i, 'Pod', 'd', `p${i}`, obj('Pod', 'd', `p${i}`))), String(1001));
    expect(updates).toBe(1);
    expect(objectsOf(store.getState(), 'Node')).toBe(nodesBefore);
    expect(objectsOf(store.getState(), 'Pod').size).toBe(1001);
    expect(store.getState().byKind.Node.get('Node//n1')).toBeDefined();
  });

  it('sets the kind from the event when the state lacks it', () => {
    const store = createClusterStore();
    store.getState().applyEvents([ev(1, 'Deployment', 'd', 'web', { metadata: { name: 'web', namespace: 'd' } })]);
    expect(objectsOf(store.getState(), 'Deployment').get('Deployment/d/web')?.kind).toBe('Deployment');
  });

  it('is replaced whole by a history state: objects absent at that point are gone, the source says history', () => {
    const store = createClusterStore();
    store.getState().replace([obj('Pod', 'd', 'a'), obj('Pod', 'd', 'b')], '100', { mode: 'live' });
    store.getState().replace([obj('Pod', 'd', 'a'), obj('Service', 'd', 's')], '42', { mode: 'history', at: '42' });
    const s = store.getState();
    expect([...objectsOf(s, 'Pod').keys()]).toEqual(['Pod/d/a']);
    expect(objectsOf(s, 'Service').size).toBe(1);
    expect(s.resourceVersion).toBe('42');
    expect(s.source).toEqual({ mode: 'history', at: '42' });
  });
});
