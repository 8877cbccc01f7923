import type { ClusterDiff, KubeObject } from '@chronokube/core';
import { actionRange, countByKind, diffRows, eventPosition, eventSummary, isHeartbeatRow, pointError, refKey, showValue } from './compare-range';

const obj = (kind: string, name: string, namespace?: string): KubeObject => ({ apiVersion: 'v1', kind, metadata: { name, namespace } }) as KubeObject;

describe('compare range', () => {
  it('given an action, then from is just before its first event and to its last, whatever the order', () => {
    expect(actionRange([{ resourceVersion: '120' }, { resourceVersion: '100' }, { resourceVersion: '135' }])).toEqual({ from: '99', to: '135' });
    expect(actionRange([{ resourceVersion: '1' }])).toEqual({ from: '0', to: '1' });
    expect(actionRange([])).toBeUndefined();
  });

  it('given positions past 2^53, then they stay exact', () => {
    expect(actionRange([{ resourceVersion: '9007199254740993' }])).toEqual({ from: '9007199254740992', to: '9007199254740993' });
  });

  it('given typed points, then what the API accepts passes and the rest says why', () => {
    expect(pointError('4711')).toBeUndefined();
    expect(pointError('now')).toBeUndefined();
    expect(pointError('2026-12-05T03:12:00Z')).toBeUndefined();
    expect(pointError(' 12 ')).toBeUndefined();
    expect(pointError('yesterday')).toMatch(/invalid point "yesterday"/);
    expect(pointError('')).toMatch(/required/);
  });

  it('given an event param, then only a decimal is a position', () => {
    expect(eventPosition('42')).toBe('42');
    expect(eventPosition('0b3c-uuid')).toBeUndefined();
    expect(eventPosition(null)).toBeUndefined();
  });
});

describe('diff rows', () => {
  const diff: ClusterDiff = {
    kind: 'ClusterDiff', from: { resourceVersion: '10' }, to: { resourceVersion: '20' },
    added: [obj('Pod', 'web-b', 'default'), obj('Namespace', 'prod')],
    removed: [obj('Pod', 'web-a', 'default')],
    changed: [{ object: { kind: 'Deployment', apiVersion: 'apps/v1', namespace: 'default', name: 'web' }, from: '11', to: '19', patch: [], fields: [{ path: 'spec.replicas', old: 2, new: 4 }] }],
  };

  it('given a diff, then one row per object, sorted by kind, namespace, name, keyed Kind/ns/name', () => {
    const rows = diffRows(diff);
    expect(rows.map((r) => `${r.change} ${r.key}`)).toEqual(['changed Deployment/default/web', 'added Namespace//prod', 'removed Pod/default/web-a', 'added Pod/default/web-b']);
    const withEvent = diffRows({ ...diff, added: [obj('Event', 'a.1', 'default'), ...diff.added] });
    expect(withEvent[withEvent.length - 1].key).toBe('Event/default/a.1');
    expect(rows[0]).toMatchObject({ fields: [{ path: 'spec.replicas', old: 2, new: 4 }], fromRv: '11', toRv: '19' });
    expect(rows[2].before?.metadata.name).toBe('web-a');
    expect(rows[3].after?.metadata.name).toBe('web-b');
    expect(countByKind(rows)).toEqual([['Deployment', 1], ['Namespace', 1], ['Pod', 2]]);
    expect(refKey({ kind: 'Node', name: 'n1' })).toBe('Node//n1');
  });

  it('given lease renewals and node heartbeats, then they are heartbeat rows; a real node change is not', () => {
    const row = (kind: string, paths: string[]) => ({ key: '', kind, name: 'x', change: 'changed' as const, fields: paths.map((path) => ({ path, old: 1, new: 2 })) });
    expect(isHeartbeatRow(row('Lease', ['spec.renewTime']))).toBe(true);
    expect(isHeartbeatRow(row('Node', ['status.conditions[0].lastHeartbeatTime', 'status.conditions[1].lastHeartbeatTime']))).toBe(true);
    expect(isHeartbeatRow(row('Node', ['status.conditions[0].lastHeartbeatTime', 'status.conditions[0].status']))).toBe(false);
    expect(isHeartbeatRow(row('Pod', ['spec.renewTime']))).toBe(false);
  });

  it('given an added Event, then what it said; other kinds none', () => {
    expect(eventSummary({ ...obj('Event', 'e', 'default'), type: 'Warning', reason: 'FailedScheduling', message: '0/3 nodes are available' } as KubeObject)).toBe('Warning: FailedScheduling: 0/3 nodes are available');
    expect(eventSummary({ ...obj('Event', 'e', 'default'), type: 'Normal', reason: 'Scheduled' } as KubeObject)).toBe('Scheduled');
    expect(eventSummary(obj('Pod', 'p'))).toBeUndefined();
  });

  it('given values, then one short line each, absent as a dash', () => {
    expect(showValue(undefined)).toBe('—');
    expect(showValue('sim-1')).toBe('sim-1');
    expect(showValue({ a: 1 })).toBe('{"a":1}');
    expect(showValue('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
