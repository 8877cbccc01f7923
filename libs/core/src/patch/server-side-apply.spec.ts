import { ApiError } from '../api/errors';
import type { KubeObject, ManagedFieldsEntry } from '../api/meta';
import { recordUpdateManager, serverSideApply } from './server-side-apply';

const T0 = '2024-01-01T00:00:00Z';
const T1 = '2024-01-01T00:01:00Z';
const T2 = '2024-01-01T00:02:00Z';

function deployment(opts: { replicas?: number; image?: string; labels?: Record<string, string>; containers?: unknown[] } = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: opts.labels ?? { app: 'web' } },
    spec: {
      ...(opts.replicas !== undefined ? { replicas: opts.replicas } : {}),
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: opts.containers ?? [{ name: 'nginx', image: opts.image ?? 'nginx:1', ports: [{ containerPort: 80 }] }] },
      },
    },
  };
}

const apply = (live: KubeObject | undefined, applied: KubeObject, manager = 'kubectl', force = false, now = T1) =>
  serverSideApply({ kind: 'Deployment', live, applied, manager, force, now });

const entry = (o: KubeObject, manager: string): ManagedFieldsEntry | undefined => o.metadata.managedFields?.find((e) => e.manager === manager);
const spec = (o: KubeObject) => o.spec as Record<string, any>;

function conflictOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error('expected a conflict');
}

describe('serverSideApply: create and ownership format', () => {
  it('creates the object and records kube\'s fieldsV1 for the applier', () => {
    const { object, conflicts } = apply(undefined, deployment({ replicas: 2 }), 'kubectl', false, T0);
    expect(conflicts).toEqual([]);
    expect(spec(object).replicas).toBe(2);
    expect(object.metadata.managedFields).toEqual([{
      manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', time: T0, fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:metadata': { 'f:labels': { 'f:app': {} } },
        'f:spec': {
          'f:replicas': {},
          'f:selector': { 'f:matchLabels': { 'f:app': {} } },
          'f:template': {
            'f:metadata': { 'f:labels': { 'f:app': {} } },
            'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': {
              '.': {}, 'f:image': {}, 'f:name': {},
              'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
            } } },
          },
        },
      },
    }]);
  });

  it('owns set-list items by value and atomic lists whole', () => {
    const applied = deployment({ containers: [{ name: 'c', args: ['a', 'b'] }] });
    applied.metadata.finalizers = ['x'];
    const fields = apply(undefined, applied).object.metadata.managedFields?.[0].fieldsV1 as Record<string, any>;
    expect(fields['f:metadata']['f:finalizers']).toEqual({ 'v:"x"': {} });
    expect(fields['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"c"}']['f:args']).toEqual({});
  });

  it('records the given apiVersion and keeps inputs untouched', () => {
    const live = apply(undefined, deployment({ replicas: 1 }), 'kubectl', false, T0).object;
    const applied = deployment({ replicas: 1, image: 'nginx:2' });
    const snapshot = JSON.stringify([live, applied]);
    const out = serverSideApply({ kind: 'Deployment', live, applied, manager: 'kubectl', now: T1, apiVersion: 'apps/v1beta9' }).object;
    expect(entry(out, 'kubectl')?.apiVersion).toBe('apps/v1beta9');
    expect(JSON.stringify([live, applied])).toBe(snapshot);
  });

  it('keeps the entry time when a re-apply changes nothing', () => {
    const first = apply(undefined, deployment({ replicas: 2 }), 'kubectl', false, T0).object;
    const again = apply(first, deployment({ replicas: 2 }), 'kubectl', false, T2).object;
    expect(entry(again, 'kubectl')?.time).toBe(T0);
    const changed = apply(first, deployment({ replicas: 3 }), 'kubectl', false, T2).object;
    expect(entry(changed, 'kubectl')?.time).toBe(T2);
  });
});

describe('serverSideApply: merging', () => {
  it('merges into the live object, keeping fields the config does not mention', () => {
    let live = apply(undefined, deployment({ replicas: 2 }), 'kubectl', false, T0).object;
    live = { ...live, spec: { ...spec(live), paused: true } };
    const out = apply(live, deployment({ replicas: 2, image: 'nginx:2' })).object;
    expect(spec(out).paused).toBe(true);
    expect(spec(out).template.spec.containers[0].image).toBe('nginx:2');
  });

  it('merges associative list items by key, keeping other managers\' item fields and live-only items', () => {
    const live = apply(undefined, deployment({ containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }] }), 'kubectl', false, T0).object;
    const edited = recordUpdateManager({
      kind: 'Deployment', before: live, manager: 'editor', now: T1,
      after: deployment({ containers: [{ name: 'a', image: 'a:1', resources: { limits: { cpu: '1' } } }, { name: 'side', image: 's' }, { name: 'b', image: 'b:1' }] }),
    });
    const out = apply(edited, deployment({ containers: [{ name: 'a', image: 'a:2' }, { name: 'b', image: 'b:1' }] }), 'kubectl', false, T2).object;
    expect(spec(out).template.spec.containers).toEqual([
      { name: 'a', image: 'a:2', resources: { limits: { cpu: '1' } } },
      { name: 'side', image: 's' },
      { name: 'b', image: 'b:1' },
    ]);
  });

  it('matches ports whose protocol was defaulted', () => {
    const live = deployment({ containers: [{ name: 'c', ports: [{ containerPort: 80, protocol: 'TCP', name: 'http' }] }] });
    live.metadata.managedFields = [{ manager: 'creator', operation: 'Update', apiVersion: 'apps/v1', time: T0, fieldsType: 'FieldsV1', fieldsV1: {} }];
    const out = apply(live, deployment({ containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: 8080 }] }] })).object;
    expect(spec(out).template.spec.containers[0].ports).toEqual([{ containerPort: 80, protocol: 'TCP', name: 'http', hostPort: 8080 }]);
  });

  it('removes a field the config sets to null', () => {
    const live = apply(undefined, deployment({ labels: { app: 'web', tier: 'x' } }), 'kubectl', false, T0).object;
    const applied = deployment({ labels: { app: 'web' } });
    (applied.metadata.labels as Record<string, unknown>).tier = null;
    expect(apply(live, applied).object.metadata.labels).toEqual({ app: 'web' });
  });

  it('ignores status on the main resource and takes only status on /status', () => {
    const applied = { ...deployment({ replicas: 1 }), status: { replicas: 5 } };
    const created = apply(undefined, applied).object;
    expect(created.status).toBeUndefined();
    const res = serverSideApply({ kind: 'Deployment', live: created, applied: { ...deployment({ replicas: 9 }), status: { replicas: 1 } }, manager: 'ctl', now: T2, subresource: 'status' });
    expect(spec(res.object).replicas).toBe(1);
    expect(res.object.status).toEqual({ replicas: 1 });
    const e = entry(res.object, 'ctl');
    expect(e?.subresource).toBe('status');
    expect(e?.fieldsV1).toEqual({ 'f:status': { 'f:replicas': {} } });
  });
});

describe('serverSideApply: pruning', () => {
  it('removes fields the applier applied before and omits now', () => {
    const live = apply(undefined, deployment({ replicas: 2, labels: { app: 'web', tier: 'x' } }), 'kubectl', false, T0).object;
    const out = apply(live, deployment({ labels: { app: 'web' } })).object;
    expect(out.metadata.labels).toEqual({ app: 'web' });
    expect(spec(out).replicas).toBeUndefined();
    expect((entry(out, 'kubectl')?.fieldsV1 as any)['f:spec']['f:replicas']).toBeUndefined();
  });

  it('keeps a field another manager also owns', () => {
    let live = apply(undefined, deployment({ labels: { app: 'web', tier: 'x' } }), 'kubectl', false, T0).object;
    live = apply(live, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { tier: 'x' } } }, 'other').object;
    const out = apply(live, deployment({ labels: { app: 'web' } })).object;
    expect(out.metadata.labels).toEqual({ app: 'web', tier: 'x' });
  });

  it('removes a list item it no longer applies, and leaves no empty parent behind', () => {
    const live = apply(undefined, deployment({ containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }], labels: { app: 'web' } }), 'kubectl', false, T0).object;
    const applied = deployment({ containers: [{ name: 'a', image: 'a' }] });
    delete applied.metadata.labels;
    const out = apply(live, applied).object;
    expect(spec(out).template.spec.containers).toEqual([{ name: 'a', image: 'a' }]);
    expect('labels' in out.metadata).toBe(false);
  });

  it('keeps an item whose fields another manager still owns', () => {
    const live = apply(undefined, deployment({ containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }] }), 'kubectl', false, T0).object;
    const edited = recordUpdateManager({
      kind: 'Deployment', before: live, manager: 'editor', now: T1,
      after: deployment({ containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b', args: ['x'] }] }),
    });
    const out = apply(edited, deployment({ containers: [{ name: 'a', image: 'a' }] }), 'kubectl', false, T2).object;
    expect(spec(out).template.spec.containers).toEqual([{ name: 'a', image: 'a' }, { name: 'b', args: ['x'] }]);
  });
});

describe('serverSideApply: conflicts', () => {
  const created = () =>
    recordUpdateManager({ kind: 'Deployment', before: undefined, after: deployment({ replicas: 1 }), manager: 'kubectl-client-side-apply', now: T0, apiVersion: 'apps/v1' });

  it('rejects a change to a field another manager owns with kube\'s 409', () => {
    const e = conflictOf(() => apply(created(), deployment({ replicas: 3 })));
    expect(e.code).toBe(409);
    expect(e.reason).toBe('Conflict');
    expect(e.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
    expect(e.details?.causes).toEqual([{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }]);
  });

  it('lists several conflicts grouped by manager', () => {
    const e = conflictOf(() => apply(created(), deployment({ replicas: 3, image: 'nginx:2' })));
    expect(e.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n' +
      '- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image',
    );
    expect(e.details?.causes?.map((c) => c.field)).toEqual(['.spec.replicas', '.spec.template.spec.containers[name="nginx"].image']);
  });

  it('names an applier without apiVersion', () => {
    const live = apply(undefined, deployment({ replicas: 1 }), 'first', false, T0).object;
    expect(conflictOf(() => apply(live, deployment({ replicas: 2 }), 'second')).message).toBe('Apply failed with 1 conflict: conflict with "first": .spec.replicas');
  });

  it('shares ownership when the applied value equals the live one', () => {
    const { object, conflicts } = apply(created(), deployment({ replicas: 1 }));
    expect(conflicts).toEqual([]);
    expect((entry(object, 'kubectl')?.fieldsV1 as any)['f:spec']['f:replicas']).toEqual({});
    expect((entry(object, 'kubectl-client-side-apply')?.fieldsV1 as any)['f:spec']['f:replicas']).toEqual({});
  });

  it('force takes the field over and reports what it overrode', () => {
    const { object, conflicts } = apply(created(), deployment({ replicas: 3 }), 'kubectl', true);
    expect(spec(object).replicas).toBe(3);
    expect(conflicts.map((c) => [c.manager, c.field])).toEqual([['kubectl-client-side-apply', '.spec.replicas']]);
    expect((entry(object, 'kubectl-client-side-apply')?.fieldsV1 as any)['f:spec']['f:replicas']).toBeUndefined();
    expect((entry(object, 'kubectl')?.fieldsV1 as any)['f:spec']['f:replicas']).toEqual({});
  });

  it('treats fields of an object without managedFields as owned by before-first-apply', () => {
    const live = deployment({ replicas: 1 });
    const e = conflictOf(() => apply(live, deployment({ replicas: 2 })));
    expect(e.message).toBe('Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas');
    const forced = apply(live, deployment({ replicas: 2 }), 'kubectl', true).object;
    expect(entry(forced, 'before-first-apply')?.operation).toBe('Update');
  });

  it('lists Apply entries before Update entries', () => {
    const out = apply(created(), deployment({ replicas: 1 })).object;
    expect(out.metadata.managedFields?.map((e) => e.operation)).toEqual(['Apply', 'Update']);
  });
});

describe('serverSideApply: bad input', () => {
  it('rejects managedFields in the applied configuration', () => {
    const applied = deployment();
    applied.metadata.managedFields = [];
    const e = conflictOf(() => apply(undefined, applied));
    expect([e.code, e.message]).toEqual([400, 'metadata.managedFields must be nil']);
  });

  it('rejects associative list items without keys or with duplicate keys', () => {
    expect(conflictOf(() => apply(undefined, deployment({ containers: [{ image: 'x' }] }))).message).toBe(
      '.spec.template.spec.containers: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)',
    );
    expect(conflictOf(() => apply(undefined, deployment({ containers: [{ name: 'a' }, { name: 'a' }] }))).message).toBe(
      '.spec.template.spec.containers: duplicate entries for key [name="a"]',
    );
  });
});

describe('recordUpdateManager', () => {
  it('gives a creator every field, owning added maps themselves', () => {
    const out = recordUpdateManager({ kind: 'Deployment', before: undefined, after: deployment({ replicas: 1 }), manager: 'kubectl-create', now: T0 });
    const e = out.metadata.managedFields?.[0];
    expect([e?.manager, e?.operation, e?.apiVersion, e?.time]).toEqual(['kubectl-create', 'Update', 'apps/v1', T0]);
    expect((e?.fieldsV1 as any)['f:metadata']).toEqual({ 'f:labels': { '.': {}, 'f:app': {} } });
    expect((e?.fieldsV1 as any)['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"nginx"}']['.']).toEqual({});
    expect(out.metadata.name).toBe('web');
  });

  it('moves changed fields from other managers to the writer', () => {
    const live = apply(undefined, deployment({ replicas: 1 }), 'kubectl', false, T0).object;
    const out = recordUpdateManager({ kind: 'Deployment', before: live, after: deployment({ replicas: 5 }), manager: 'hpa', now: T1 });
    expect(entry(out, 'hpa')?.fieldsV1).toEqual({ 'f:spec': { 'f:replicas': {} } });
    expect((entry(out, 'kubectl')?.fieldsV1 as any)['f:spec']['f:replicas']).toBeUndefined();
    expect(out.metadata.managedFields?.map((e) => e.manager)).toEqual(['kubectl', 'hpa']);
  });

  it('drops removed fields from every manager, and a manager left with nothing', () => {
    const live = apply(undefined, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } } as KubeObject, 'kubectl', false, T0).object;
    const out = recordUpdateManager({ kind: 'ConfigMap', before: live, after: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, manager: 'editor', now: T1 });
    expect(out.metadata.managedFields).toBeUndefined();
  });

  it('leaves entries alone when nothing changed', () => {
    const live = recordUpdateManager({ kind: 'Deployment', before: undefined, after: deployment(), manager: 'a', now: T0 });
    const out = recordUpdateManager({ kind: 'Deployment', before: live, after: deployment(), manager: 'b', now: T1 });
    expect(out.metadata.managedFields).toEqual(live.metadata.managedFields);
  });

  it('ignores server-set metadata and managedFields sent by the client', () => {
    const before = deployment();
    const after = deployment();
    after.metadata = { ...after.metadata, resourceVersion: '9', uid: 'u', generation: 2, creationTimestamp: T0, managedFields: [{ manager: 'forged' }] };
    const out = recordUpdateManager({ kind: 'Deployment', before, after, manager: 'w', now: T1 });
    expect(out.metadata.managedFields).toBeUndefined();
    expect(out.metadata.resourceVersion).toBe('9');
  });

  it('records the subresource and keeps it apart from main-resource writes', () => {
    const live = recordUpdateManager({ kind: 'Deployment', before: undefined, after: deployment(), manager: 'ctrl', now: T0 });
    const out = recordUpdateManager({ kind: 'Deployment', before: live, after: { ...deployment(), status: { replicas: 1 } }, manager: 'ctrl', now: T1, subresource: 'status' });
    const entries = out.metadata.managedFields ?? [];
    expect(entries.map((e) => [e.manager, e.subresource])).toEqual([['ctrl', undefined], ['ctrl', 'status']]);
    expect(entries[1].fieldsV1).toEqual({ 'f:status': { 'f:replicas': {} } });
  });

  it('merges the writer\'s new fields into its previous entry', () => {
    const a = recordUpdateManager({ kind: 'Deployment', before: undefined, after: deployment({ labels: { app: 'web' } }), manager: 'w', now: T0 });
    const b = recordUpdateManager({ kind: 'Deployment', before: a, after: deployment({ labels: { app: 'web', x: 'y' } }), manager: 'w', now: T1 });
    const e = entry(b, 'w');
    expect(e?.time).toBe(T1);
    expect((e?.fieldsV1 as any)['f:metadata']['f:labels']).toEqual({ '.': {}, 'f:app': {}, 'f:x': {} });
    expect(b.metadata.managedFields).toHaveLength(1);
  });
});
