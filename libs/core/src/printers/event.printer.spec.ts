import type { KubeEvent } from '../api/types';
import { eventPrinter, eventSource, eventTarget } from './event.printer';

const now = new Date('2024-05-01T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function event(overrides: Partial<KubeEvent> = {}): KubeEvent {
  return {
    metadata: { name: 'web-0.17c1', namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'web-0', namespace: 'default', fieldPath: 'spec.containers{app}' },
    reason: 'BackOff',
    message: 'Back-off restarting failed container\n',
    type: 'Warning',
    source: { component: 'kubelet', host: 'node-1' },
    firstTimestamp: ago(3600),
    lastTimestamp: ago(65),
    count: 12,
    ...overrides,
  };
}

describe('event printer columns', () => {
  it('has the kube 1.32 set and order, wide columns interleaved', () => {
    expect(eventPrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Last Seen:0', 'Type:0', 'Reason:0', 'Object:0', 'Subobject:1', 'Source:1',
      'Message:0', 'First Seen:1', 'Count:1', 'Name:1',
    ]);
  });

  it('gives the name format to the wide Name column only', () => {
    const name = eventPrinter.columns.find((c) => c.format === 'name');
    expect(name).toMatchObject({ name: 'Name', priority: 1 });
  });
});

describe('event printer rows', () => {
  it('prints every cell, message trimmed and count a number', () => {
    expect(eventPrinter.row(event(), now)).toEqual([
      '65s', 'Warning', 'BackOff', 'pod/web-0', 'spec.containers{app}', 'kubelet, node-1',
      'Back-off restarting failed container', '60m', 12, 'web-0.17c1',
    ]);
  });

  it('uses eventTime and count 1 for a singleton from the newer events API', () => {
    const ev = event({ firstTimestamp: null, lastTimestamp: null, count: undefined, eventTime: '2024-05-01T11:59:50.123456Z' });
    const cells = eventPrinter.row(ev, now);
    expect(cells[0]).toBe('9s');
    expect(cells[7]).toBe('9s');
    expect(cells[8]).toBe(1);
  });

  it('falls back from lastTimestamp to the first-seen age', () => {
    const cells = eventPrinter.row(event({ lastTimestamp: undefined }), now);
    expect(cells[0]).toBe('60m');
  });

  it('takes last seen and count from a series', () => {
    const ev = event({ series: { count: 40, lastObservedTime: ago(20) } });
    const cells = eventPrinter.row(ev, now);
    expect(cells[0]).toBe('20s');
    expect(cells[8]).toBe(40);
  });

  it('prints <unknown> when no time is known at all', () => {
    const cells = eventPrinter.row(event({ firstTimestamp: undefined, lastTimestamp: undefined }), now);
    expect([cells[0], cells[7]]).toEqual(['<unknown>', '<unknown>']);
  });
});

describe('eventTarget and eventSource', () => {
  it('lower-cases the kind and drops the name when unnamed', () => {
    expect(eventTarget(event({ involvedObject: { kind: 'ReplicaSet', name: 'web-5d4' } }))).toBe('replicaset/web-5d4');
    expect(eventTarget(event({ involvedObject: { kind: 'Node' } }))).toBe('node');
  });

  it('falls back to the reporting component and instance', () => {
    expect(eventSource(event({ source: {}, reportingComponent: 'default-scheduler', reportingInstance: '' }))).toBe('default-scheduler');
    expect(eventSource(event({ source: undefined, reportingComponent: 'kubelet', reportingInstance: 'node-2' }))).toBe('kubelet, node-2');
    expect(eventSource(event({ source: { component: 'deployment-controller' } }))).toBe('deployment-controller');
  });
});
