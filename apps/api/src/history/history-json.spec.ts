import type { KubeObject } from '@chronokube/core';
import { objectJson } from '../json-cache';
import { historyJson } from './history-json';

const pod = (name: string, extra: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', resourceVersion: '7', labels: { 'a"b': 'ü\u2028' } }, spec: { containers: [] }, ...extra }) as KubeObject;

describe('historyJson', () => {
  it('writes a state exactly as JSON.stringify would, cached items or not', () => {
    const cached = pod('a');
    objectJson(cached);
    const body = { kind: 'ClusterState', at: { resourceVersion: '9', time: '2026-12-05T00:00:00.000Z' }, items: [cached, pod('b', { status: { phase: 'Running' } })] };
    expect(historyJson(body)).toBe(JSON.stringify(body));
    expect(JSON.parse(historyJson(body))).toEqual(body);
  });

  it('joins runs of uncached versions and cached texts in order, the same bytes as JSON.stringify', () => {
    const c1 = pod('c1');
    const c2 = pod('c2');
    objectJson(c1);
    objectJson(c2);
    for (const items of [[], [pod('u')], [c1], [pod('u1'), c1, pod('u2'), pod('u3'), c2], [c1, c2, pod('u4')], [pod('u5'), pod('u6')]]) {
      const body = { kind: 'ClusterState', at: { resourceVersion: '3' }, items };
      expect(historyJson(body)).toBe(JSON.stringify(body));
    }
  });

  it('writes a diff exactly as JSON.stringify would, undefined members left out', () => {
    const body = {
      kind: 'ClusterDiff', from: { resourceVersion: '1' }, to: { resourceVersion: '2', time: undefined },
      added: [pod('x')], removed: [], changed: [{ object: { kind: 'Pod', name: 'y' }, fields: [{ path: 'spec.replicas', from: 1, to: 3 }] }], note: undefined,
    };
    expect(historyJson(body)).toBe(JSON.stringify(body));
  });

  it('serializes a cached version from its cache', () => {
    const object = pod('c');
    objectJson(object);
    // The cache is what the live state serialized; a later mutation (never done in the server) shows it is used.
    (object.metadata as { name: string }).name = 'changed';
    expect(historyJson({ kind: 'ClusterState', at: { resourceVersion: '1' }, items: [object] })).toContain('"name":"c"');
  });

  it('passes other answers through JSON.stringify', () => {
    const body = { kind: 'EventList', items: [{ a: 1 }], metadata: { caughtUpTo: '3' } };
    expect(historyJson(body)).toBe(JSON.stringify(body));
  });

  it('sends text already rendered (an incident bundle) as it is, not as a JSON string', () => {
    const file = '{\n "format": "chronokube.incident"\n}\n';
    expect(historyJson(file)).toBe(file);
  });
});
