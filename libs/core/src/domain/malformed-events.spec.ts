import type { KubeObject } from '../api/meta';
import { findResource } from '../api/resources';
import { ClusterState, type RecordedEvent } from './cluster-state';

const CONFIGMAPS = findResource('', 'configmaps')!;

function cm(name: string, data: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'a', uid: name }, data };
}

describe('ClusterState over malformed events', () => {
  it('skips what cannot be folded, keeps the object as it was and says why', () => {
    const s = new ClusterState();
    const skipped: { position: number; reason: string; current?: KubeObject }[] = [];
    const onMalformed = (e: RecordedEvent, reason: string, current: KubeObject | undefined): void => void skipped.push({ position: e.position, reason, current });
    const events: RecordedEvent[] = [
      { streamId: 'configmap-a.x', revision: 0n, type: 'ConfigMapCreated', data: { object: cm('x', { k: '1' }) }, position: 1 },
      { streamId: 'configmap-a.y', revision: 0n, type: 'ConfigMapCreated', data: { object: null }, position: 2 },
      { streamId: 'configmap-a.z', revision: 0n, type: 'ConfigMapCreated', data: null, position: 3 },
      { streamId: 'configmap-a.w', revision: 0n, type: 'ConfigMapCreated', data: { object: { metadata: 'w' } }, position: 4 },
      { streamId: 'configmap-a.x', revision: 1n, type: 'ConfigMapUpdated', data: { patch: [{ op: 'replace', path: '/data/nope/deeper', value: 1 }] }, position: 5 },
      { streamId: 'configmap-a.x', revision: 2n, type: 'ConfigMapUpdated', data: { patch: 'not a list' }, position: 6 },
      { streamId: 'configmap-a.x', revision: 3n, type: 'ConfigMapUpdated', data: { patch: [{ op: 'replace', path: '', value: 7 }] }, position: 7 },
      { streamId: 'configmap-a.x', revision: 4n, type: 'ConfigMapUpdated', data: new Uint8Array([1, 2]), position: 8 },
      { streamId: 'configmap-a.x', revision: 5n, type: 'ConfigMapUpdated', data: { patch: [{ op: 'replace', path: '/data/k', value: '2' }] }, position: 9 },
    ];
    for (const e of events) expect(() => s.apply(e, onMalformed)).not.toThrow();
    expect(skipped.map((x) => x.position)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(skipped[0].reason).toMatch(/no object/);
    expect(skipped[3].reason).toMatch(/^the patch does not apply: .*missing/);
    expect(skipped[3].current?.data).toEqual({ k: '1' });
    // Skipped events still count for the position and the stream's revision; the good one after them folds.
    expect(s.position).toBe(9);
    expect(s.streamRevision('configmap-a.x')).toBe(5n);
    expect(s.get(CONFIGMAPS, 'a', 'x')?.object.data).toEqual({ k: '2' });
    expect(s.count(CONFIGMAPS)).toBe(1);
  });

  it('never throws without a handler either', () => {
    const s = new ClusterState();
    expect(() => s.apply({ streamId: 'configmap-a.y', revision: 0n, type: 'ConfigMapCreated', data: { object: null }, position: 1 })).not.toThrow();
    expect(s.position).toBe(1);
  });
});
