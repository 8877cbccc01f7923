import type { KubeObject } from '../api/meta';
import type { Pod } from '../api/types';
import { columnsFor, rowFor } from './printers';
import { toTable } from './to-table';

const now = new Date('2024-05-01T12:00:00Z');

const pod = (name: string, phase: 'Running' | 'Succeeded' = 'Running'): Pod => ({
  metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '41', creationTimestamp: '2024-05-01T11:59:00Z', labels: { app: 'web' } },
  spec: { containers: [{ name: 'app', image: 'busybox' }] },
  status: { phase },
});

describe('toTable', () => {
  it('builds a meta.k8s.io/v1 Table with columns, rows and list metadata', () => {
    const table = toTable('Pod', [pod('a'), pod('b')], { now, resourceVersion: '42', continue: 'tok', remainingItemCount: 3 });
    expect(table.kind).toBe('Table');
    expect(table.apiVersion).toBe('meta.k8s.io/v1');
    expect(table.metadata).toEqual({ resourceVersion: '42', continue: 'tok', remainingItemCount: 3 });
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(columnsFor('Pod').map((c) => c.name));
    expect(table.rows.map((r) => r.cells[0])).toEqual(['a', 'b']);
    expect(table.rows[0].cells).toEqual(rowFor('Pod', pod('a'), now));
  });

  it('leaves unset list metadata out', () => {
    expect(toTable('Pod', [], { now }).metadata).toEqual({});
  });

  it('carries PartialObjectMetadata by default', () => {
    const [row] = toTable('Pod', [pod('a')], { now }).rows;
    expect(row.object).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: pod('a').metadata });
  });

  it('carries the full object, kind and apiVersion filled in, for includeObject=Object', () => {
    const [row] = toTable('Pod', [pod('a')], { now, includeObject: 'Object' }).rows;
    expect(row.object).toEqual({ ...pod('a'), kind: 'Pod', apiVersion: 'v1' });
    const [rs] = toTable('ReplicaSet', [{ metadata: { name: 'r' } }], { now, includeObject: 'Object' }).rows;
    expect(rs.object).toMatchObject({ kind: 'ReplicaSet', apiVersion: 'apps/v1' });
  });

  it('omits the object for includeObject=None', () => {
    const [row] = toTable('Pod', [pod('a')], { now, includeObject: 'None' }).rows;
    expect(row).not.toHaveProperty('object');
  });

  it('rejects an unknown includeObject value', () => {
    expect(() => toTable('Pod', [pod('a')], { now, includeObject: 'Everything' as never })).toThrow(/includeObject/);
  });

  it('omits column definitions for noHeaders (watch events after the first)', () => {
    const table = toTable('Pod', [pod('a')], { now, noHeaders: true });
    expect(table.columnDefinitions).toEqual([]);
    expect(table.rows[0].cells).toHaveLength(columnsFor('Pod').length);
  });

  it('attaches row conditions only to finished pods', () => {
    const rows = toTable('Pod', [pod('a'), pod('b', 'Succeeded')], { now }).rows;
    expect(rows[0]).not.toHaveProperty('conditions');
    expect(rows[1].conditions?.[0]).toMatchObject({ type: 'Completed', status: 'True' });
  });

  it('uses the default NAME / CREATED AT table for kinds without a printer', () => {
    const table = toTable('Widget', [{ metadata: { name: 'w', creationTimestamp: '2024-01-02T03:04:05Z' } }], { now });
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Created At']);
    expect(table.rows[0].cells).toEqual(['w', '2024-01-02T03:04:05Z']);
  });
});

describe('columnsFor and rowFor', () => {
  const kinds = ['Pod', 'Node', 'Namespace', 'Service', 'Endpoints', 'ConfigMap', 'Event', 'Deployment', 'ReplicaSet', 'Lease', 'Widget'];
  const bare: Record<string, KubeObject> = {
    Pod: { metadata: { name: 'x' }, spec: { containers: [] } },
    Service: { metadata: { name: 'x' }, spec: {} },
    Event: { metadata: { name: 'x' }, involvedObject: {} },
    Deployment: { metadata: { name: 'x' }, spec: { selector: {}, template: { spec: { containers: [] } } } },
    ReplicaSet: { metadata: { name: 'x' }, spec: { selector: {} } },
  };

  it.each(kinds)('%s: one cell per column, even for a near-empty object', (kind) => {
    const cells = rowFor(kind, bare[kind] ?? { metadata: { name: 'x' } }, now);
    expect(cells).toHaveLength(columnsFor(kind).length);
  });

  it.each(kinds)('%s: exactly one name-format column and priorities of 0 or 1', (kind) => {
    const columns = columnsFor(kind);
    expect(columns.filter((c) => c.format === 'name')).toHaveLength(1);
    expect(columns.every((c) => c.priority === 0 || c.priority === 1)).toBe(true);
    expect(columns.every((c) => c.description.length > 0)).toBe(true);
  });

  it('returns copies, so callers cannot corrupt the shared definitions', () => {
    columnsFor('Pod')[0].name = 'Mutated';
    expect(columnsFor('Pod')[0].name).toBe('Name');
  });

  it('does not mistake Object.prototype keys for kinds', () => {
    expect(columnsFor('toString').map((c) => c.name)).toEqual(['Name', 'Created At']);
  });
});
