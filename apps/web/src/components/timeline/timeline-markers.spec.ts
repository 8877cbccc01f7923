import type { HistoryEvent } from '@chronokube/core';
import { markersOf } from './timeline-markers';

const base = { id: 'e', stream: 's', actor: 'a', verb: 'v', correlationId: 'c' };
const ev = (rv: number, type: string, kind: string, name: string, data: unknown): HistoryEvent => ({
  ...base, resourceVersion: String(rv), time: new Date(Date.UTC(2026, 11, 5, 3, 0, rv)).toISOString(), type, object: { kind, apiVersion: 'v1', name }, data,
});

describe('timeline markers', () => {
  it('marks Warning Events, failed scheduling apart, and nodes lost; skips the rest', () => {
    const m = markersOf([
      ev(3, 'NodeReadinessChanged', 'Node', 'n1', { ready: 'Unknown', patch: [] }),
      ev(1, 'EventCreated', 'Event', 'e1', { object: { type: 'Warning', reason: 'FailedScheduling', message: '0/3 nodes', involvedObject: { kind: 'Pod', name: 'big' } } }),
      ev(2, 'EventCreated', 'Event', 'e2', { object: { type: 'Warning', reason: 'BackOff', message: 'crash', involvedObject: { kind: 'Pod', name: 'p' } } }),
      ev(4, 'EventCreated', 'Event', 'e3', { object: { type: 'Normal', reason: 'Scheduled' } }),
      ev(5, 'NodeReadinessChanged', 'Node', 'n1', { ready: 'True', patch: [] }),
      ev(6, 'NodeDeleted', 'Node', 'n2', {}),
    ]);
    expect(m.map((x) => [x.rv, x.type])).toEqual([['1', 'sched'], ['2', 'warning'], ['3', 'node'], ['6', 'node']]);
    expect(m[0].label).toBe('FailedScheduling pod/big: 0/3 nodes');
    expect(m[2].label).toBe('Node n1 unreachable (Ready=Unknown)');
  });
});
