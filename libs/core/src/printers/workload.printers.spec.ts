import type { Deployment, ReplicaSet } from '../api/types';
import { deploymentPrinter, replicaSetPrinter } from './workload.printers';

const now = new Date('2024-05-01T12:00:00Z');

const template = {
  spec: { containers: [{ name: 'app', image: 'nginx:1.25' }, { name: 'sidecar', image: 'envoy:1.29' }] },
};

function deployment(overrides: Partial<Deployment> = {}): Deployment {
  return {
    metadata: { name: 'web', creationTimestamp: '2024-05-01T09:30:00Z' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template },
    status: { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    ...overrides,
  };
}

function replicaSet(overrides: Partial<ReplicaSet> = {}): ReplicaSet {
  return {
    metadata: { name: 'web-5d4f', creationTimestamp: '2024-04-30T12:00:00Z' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '5d4f' } }, template },
    status: { replicas: 3, readyReplicas: 1 },
    ...overrides,
  };
}

describe('deployment printer', () => {
  it('has NAME READY UP-TO-DATE AVAILABLE AGE and three wide columns', () => {
    expect(deploymentPrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0', 'Ready:0', 'Up-to-date:0', 'Available:0', 'Age:0', 'Containers:1', 'Images:1', 'Selector:1',
    ]);
  });

  it('prints ready/desired, numeric counts and the wide cells', () => {
    expect(deploymentPrinter.row(deployment(), now)).toEqual([
      'web', '2/3', 3, 2, '150m', 'app,sidecar', 'nginx:1.25,envoy:1.29', 'app=web',
    ]);
  });

  it('reads missing status as zeros and missing replicas as the default of 1', () => {
    const d = deployment({ spec: { selector: { matchLabels: { app: 'web' } }, template }, status: undefined });
    expect(deploymentPrinter.row(d, now).slice(1, 4)).toEqual(['0/1', 0, 0]);
  });

  it('prints an expression selector as kube does, and an empty one as ""', () => {
    const d = deployment({
      spec: {
        replicas: 1,
        template,
        selector: { matchLabels: { tier: 'fe' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'canary'] }] },
      },
    });
    expect(deploymentPrinter.row(d, now)[7]).toBe('env in (canary,prod),tier=fe');
    expect(deploymentPrinter.row(deployment({ spec: { replicas: 1, template, selector: {} } }), now)[7]).toBe('');
  });

  it('prints <invalid> for a selector kube cannot convert', () => {
    const d = deployment({ spec: { replicas: 1, template, selector: { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] } } });
    expect(deploymentPrinter.row(d, now)[7]).toBe('<invalid>');
  });
});

describe('replicaset printer', () => {
  it('has NAME DESIRED CURRENT READY AGE and three wide columns, counts typed integer', () => {
    expect(replicaSetPrinter.columns.map((c) => `${c.name}:${c.type}:${c.priority}`)).toEqual([
      'Name:string:0', 'Desired:integer:0', 'Current:integer:0', 'Ready:integer:0', 'Age:string:0',
      'Containers:string:1', 'Images:string:1', 'Selector:string:1',
    ]);
  });

  it('prints numeric counts and a sorted selector', () => {
    expect(replicaSetPrinter.row(replicaSet(), now)).toEqual([
      'web-5d4f', 3, 3, 1, '24h', 'app,sidecar', 'nginx:1.25,envoy:1.29', 'app=web,pod-template-hash=5d4f',
    ]);
  });

  it('prints <none> for an empty selector and blank containers without a template', () => {
    const rs = replicaSet({ spec: { replicas: 0, selector: {} }, status: undefined });
    expect(replicaSetPrinter.row(rs, now)).toEqual(['web-5d4f', 0, 0, 0, '24h', '', '', '<none>']);
  });
});
