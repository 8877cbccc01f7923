import type { KubeObject } from '@chronokube/core';
import { backendsFor, listenersFor } from './proxy-plan';

const svc = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec } as KubeObject);

describe('proxy plan', () => {
  it('listens on ClusterIP:port for TCP ports, and on 127.0.0.1:nodePort for NodePort Services', () => {
    const l = listenersFor(svc({ type: 'NodePort', clusterIP: '127.96.0.10', ports: [{ name: 'http', port: 80, nodePort: 30080 }, { name: 'dns', port: 53, protocol: 'UDP' }] }));
    expect(l.map((x) => [x.address, x.portName])).toEqual([['127.96.0.10:80', 'http'], ['127.0.0.1:30080', 'http']]);
    expect(l[0].affinitySeconds).toBeUndefined();
  });

  it('gives headless and ExternalName Services nothing, and carries ClientIP affinity', () => {
    expect(listenersFor(svc({ clusterIP: 'None', ports: [{ port: 80 }] }))).toEqual([]);
    expect(listenersFor(svc({ type: 'ExternalName', externalName: 'example.com' }))).toEqual([]);
    expect(listenersFor(svc({ clusterIP: '127.96.0.11', ports: [{ port: 80 }], sessionAffinity: 'ClientIP' }))[0].affinitySeconds).toBe(10_800);
    expect(listenersFor(svc({ clusterIP: '127.96.0.11', ports: [{ port: 80 }], sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } }))[0].affinitySeconds).toBe(60);
  });

  it('forwards only to ready addresses, on the endpoint port of the same name', () => {
    const ep = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web' }, subsets: [
      { addresses: [{ ip: '172.17.0.2' }, { ip: '172.17.0.3' }], notReadyAddresses: [{ ip: '172.17.0.4' }], ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9090 }] },
    ] } as KubeObject;
    expect(backendsFor(ep, 'http')).toEqual([{ ip: '172.17.0.2', port: 8080 }, { ip: '172.17.0.3', port: 8080 }]);
    expect(backendsFor(ep, 'admin')).toEqual([]);
    expect(backendsFor(undefined, 'http')).toEqual([]);
  });
});
