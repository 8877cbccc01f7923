import type { ContainerPort } from '../../api/types';
import { cacheWith, ctxFor, makeNode, makePod } from '../testing.spec-helper';
import { nodePortsFilter } from './node-ports.filter';

describe('NodePorts filter', () => {
  const fail = { ok: false, reasons: ["node(s) didn't have free ports for the requested pod ports"] };
  const used: ContainerPort[] = [
    { containerPort: 80, hostPort: 8080 },
    { containerPort: 53, hostPort: 53, protocol: 'UDP', hostIP: '10.0.0.1' },
  ];
  const cache = cacheWith([makeNode('n')], [makePod('existing', { nodeName: 'n', ports: used })]);
  it.each<[string, ContainerPort[], unknown]>([
    ['no host ports', [{ containerPort: 8080 }], { ok: true }],
    ['the same TCP host port on any address', [{ containerPort: 1, hostPort: 8080 }], fail],
    ['the same port on a specific address vs 0.0.0.0', [{ containerPort: 1, hostPort: 8080, hostIP: '10.0.0.9' }], fail],
    ['the same port but UDP', [{ containerPort: 1, hostPort: 8080, protocol: 'UDP' }], { ok: true }],
    ['UDP 53 on another address', [{ containerPort: 1, hostPort: 53, protocol: 'UDP', hostIP: '10.0.0.2' }], { ok: true }],
    ['UDP 53 on the same address', [{ containerPort: 1, hostPort: 53, protocol: 'UDP', hostIP: '10.0.0.1' }], fail],
    ['UDP 53 on 0.0.0.0 overlaps 10.0.0.1', [{ containerPort: 1, hostPort: 53, protocol: 'UDP' }], fail],
    ['TCP 53 is free', [{ containerPort: 1, hostPort: 53 }], { ok: true }],
  ])('%s', (_, ports, want) => {
    expect(nodePortsFilter.filter(makePod('p', { ports }), cache.get('n')!, ctxFor(cache))).toEqual(want);
  });

  it('defaults hostPort to containerPort for hostNetwork pods', () => {
    const pod = makePod('p', { ports: [{ containerPort: 8080 }] });
    pod.spec.hostNetwork = true;
    expect(nodePortsFilter.filter(pod, cache.get('n')!, ctxFor(cache))).toEqual(fail);
  });
});
