import type { Node } from '../api/types';
import { nodePrinter, nodeRoles, nodeStatus } from './node.printer';

const now = new Date('2024-05-01T12:00:00Z');

function node(overrides: Partial<Node> = {}): Node {
  return {
    metadata: { name: 'node-1', creationTimestamp: '2024-04-28T12:00:00Z' },
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
    ...overrides,
  };
}

describe('node printer', () => {
  it('has NAME STATUS ROLES AGE VERSION, then five wide columns', () => {
    expect(nodePrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0', 'Status:0', 'Roles:0', 'Age:0', 'Version:0',
      'Internal-IP:1', 'External-IP:1', 'OS-Image:1', 'Kernel-Version:1', 'Container-Runtime:1',
    ]);
  });

  it('prints a full row', () => {
    const n = node({
      metadata: { name: 'cp', creationTimestamp: '2024-04-28T12:00:00Z', labels: { 'node-role.kubernetes.io/control-plane': '' } },
      status: {
        conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }],
        addresses: [{ type: 'Hostname', address: 'cp' }, { type: 'InternalIP', address: '172.18.0.2' }],
        nodeInfo: { kubeletVersion: 'v1.32.0', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.1.0', containerRuntimeVersion: 'docker://24.0.7' },
      },
    });
    expect(nodePrinter.row(n, now)).toEqual([
      'cp', 'Ready', 'control-plane', '3d', 'v1.32.0',
      '172.18.0.2', '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.1.0', 'docker://24.0.7',
    ]);
  });

  it('prints <none> roles, an empty version and <unknown> node info when absent', () => {
    expect(nodePrinter.row(node(), now)).toEqual([
      'node-1', 'Ready', '<none>', '3d', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>',
    ]);
  });
});

describe('nodeStatus', () => {
  it('is NotReady for a false or unknown Ready condition', () => {
    expect(nodeStatus(node({ status: { conditions: [{ type: 'Ready', status: 'False' }] } }))).toBe('NotReady');
    expect(nodeStatus(node({ status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } }))).toBe('NotReady');
  });

  it('is Unknown without a Ready condition', () => {
    expect(nodeStatus(node({ status: {} }))).toBe('Unknown');
  });

  it('appends SchedulingDisabled for a cordoned node', () => {
    expect(nodeStatus(node({ spec: { unschedulable: true } }))).toBe('Ready,SchedulingDisabled');
    expect(nodeStatus(node({ spec: { unschedulable: true }, status: {} }))).toBe('Unknown,SchedulingDisabled');
  });
});

describe('nodeRoles', () => {
  it('collects node-role.kubernetes.io/* keys and the legacy role label, sorted and unique', () => {
    const n = node({
      metadata: {
        name: 'n',
        labels: {
          'node-role.kubernetes.io/worker': '',
          'node-role.kubernetes.io/control-plane': 'true',
          'kubernetes.io/role': 'worker',
          'node-role.kubernetes.io/': '',
          'topology.kubernetes.io/zone': 'a',
        },
      },
    });
    expect(nodeRoles(n)).toEqual(['control-plane', 'worker']);
  });

  it('ignores an empty legacy role label', () => {
    expect(nodeRoles(node({ metadata: { name: 'n', labels: { 'kubernetes.io/role': '' } } }))).toEqual([]);
  });
});
