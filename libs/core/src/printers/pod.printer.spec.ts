import type { Pod } from '../api/types';
import { podPrinter } from './pod.printer';

const now = new Date('2024-05-01T12:00:00Z');

function pod(overrides: Partial<Pod> = {}): Pod {
  return {
    metadata: { name: 'web-0', namespace: 'default', creationTimestamp: '2024-05-01T11:00:00Z' },
    spec: { containers: [{ name: 'app' }] },
    status: {
      phase: 'Running',
      containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: 'busybox', state: { running: {} } }],
    },
    ...overrides,
  };
}

describe('pod printer columns', () => {
  it('has kube 1.32 names, order and priorities', () => {
    expect(podPrinter.columns.map((c) => [c.name, c.priority])).toEqual([
      ['Name', 0], ['Ready', 0], ['Status', 0], ['Restarts', 0], ['Age', 0],
      ['IP', 1], ['Node', 1], ['Nominated Node', 1], ['Readiness Gates', 1],
    ]);
  });

  it('marks only Name with the name format, and types Restarts as a string', () => {
    expect(podPrinter.columns.filter((c) => c.format === 'name').map((c) => c.name)).toEqual(['Name']);
    expect(podPrinter.columns.find((c) => c.name === 'Restarts')?.type).toBe('string');
  });
});

describe('pod printer rows', () => {
  it('prints the narrow and wide cells of a scheduled pod', () => {
    const p = pod({
      spec: { containers: [{ name: 'app' }], nodeName: 'node-1' },
      status: {
        phase: 'Running',
        podIP: '10.0.0.9',
        podIPs: [{ ip: '10.0.0.9' }, { ip: 'fd00::9' }],
        nominatedNodeName: 'node-2',
        containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: 'busybox', state: { running: {} } }],
      },
    });
    expect(podPrinter.row(p, now)).toEqual(['web-0', '1/1', 'Running', '0', '60m', '10.0.0.9', 'node-1', 'node-2', '<none>']);
  });

  it('prints <none> for an unscheduled pod without an IP', () => {
    const p = pod({ status: { phase: 'Pending' } });
    expect(podPrinter.row(p, now).slice(5)).toEqual(['<none>', '<none>', '<none>', '<none>']);
  });

  it('falls back to status.podIP when podIPs is absent', () => {
    const p = pod({ status: { phase: 'Running', podIP: '10.0.0.7' } });
    expect(podPrinter.row(p, now)[5]).toBe('10.0.0.7');
  });

  it('counts satisfied readiness gates', () => {
    const p = pod({
      spec: { containers: [{ name: 'app' }], readinessGates: [{ conditionType: 'lb/ready' }, { conditionType: 'dns/ready' }] },
      status: { phase: 'Running', conditions: [{ type: 'lb/ready', status: 'True' }, { type: 'dns/ready', status: 'False' }] },
    });
    expect(podPrinter.row(p, now)[8]).toBe('1/2');
  });

  it('prints <unknown> age without a creation timestamp', () => {
    const p = pod({ metadata: { name: 'x' } });
    expect(podPrinter.row(p, now)[4]).toBe('<unknown>');
  });
});

describe('pod row conditions', () => {
  it('marks succeeded and failed pods Completed', () => {
    expect(podPrinter.conditions!(pod({ status: { phase: 'Succeeded' } }))).toEqual([
      { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
    ]);
    expect(podPrinter.conditions!(pod({ status: { phase: 'Failed' } }))?.[0].reason).toBe('Failed');
  });

  it('gives running pods no conditions', () => {
    expect(podPrinter.conditions!(pod())).toBeUndefined();
  });
});
