import type { Service } from '../api/types';
import { serviceExternalIP, servicePorts, servicePrinter } from './service.printer';

const now = new Date('2024-05-01T12:00:00Z');

function svc(spec: Partial<Service['spec']>, status?: Service['status']): Service {
  return {
    metadata: { name: 'web', namespace: 'default', creationTimestamp: '2024-05-01T11:57:30Z' },
    spec: { type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ...spec },
    ...(status ? { status } : {}),
  };
}

describe('service printer', () => {
  it('has the kube columns with Selector wide only', () => {
    expect(servicePrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0', 'Type:0', 'Cluster-IP:0', 'External-IP:0', 'Port(s):0', 'Age:0', 'Selector:1',
    ]);
  });

  it('prints a ClusterIP service', () => {
    const s = svc({ ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }], selector: { tier: 'fe', app: 'web' } });
    expect(servicePrinter.row(s, now)).toEqual(['web', 'ClusterIP', '10.96.0.10', '<none>', '80/TCP', '2m30s', 'app=web,tier=fe']);
  });

  it('prints a headless service without ports or selector', () => {
    const s = svc({ clusterIP: 'None', clusterIPs: ['None'] });
    expect(servicePrinter.row(s, now).slice(1)).toEqual(['ClusterIP', 'None', '<none>', '<none>', '2m30s', '<none>']);
  });

  it('falls back to clusterIP, then <none>, when clusterIPs is missing', () => {
    expect(servicePrinter.row(svc({ clusterIPs: undefined, clusterIP: '10.96.0.1' }), now)[2]).toBe('10.96.0.1');
    expect(servicePrinter.row(svc({ type: 'ExternalName', externalName: 'db.example.com', clusterIPs: undefined, clusterIP: undefined }), now)
      .slice(1, 4)).toEqual(['ExternalName', '<none>', 'db.example.com']);
  });
});

describe('servicePorts', () => {
  it('formats port/protocol and port:nodePort/protocol, comma-joined', () => {
    expect(servicePorts([
      { port: 80, nodePort: 30080, protocol: 'TCP' },
      { port: 53, protocol: 'UDP' },
      { port: 9153 },
    ])).toBe('80:30080/TCP,53/UDP,9153/TCP');
  });

  it('is <none> without ports', () => {
    expect(servicePorts(undefined)).toBe('<none>');
    expect(servicePorts([])).toBe('<none>');
  });
});

describe('serviceExternalIP', () => {
  it('lists spec.externalIPs for ClusterIP and NodePort services', () => {
    expect(serviceExternalIP(svc({ externalIPs: ['1.2.3.4', '5.6.7.8'] }))).toBe('1.2.3.4,5.6.7.8');
    expect(serviceExternalIP(svc({ type: 'NodePort' }))).toBe('<none>');
  });

  it('is <pending> for a LoadBalancer without ingress', () => {
    expect(serviceExternalIP(svc({ type: 'LoadBalancer' }))).toBe('<pending>');
  });

  it('lists load-balancer ingress sorted and unique, then external IPs', () => {
    const status = { loadBalancer: { ingress: [{ ip: '9.9.9.9' }, { hostname: 'lb.example.com' }, { ip: '1.1.1.1' }, { ip: '9.9.9.9' }] } };
    expect(serviceExternalIP(svc({ type: 'LoadBalancer' }, status))).toBe('1.1.1.1,9.9.9.9,lb.example.com');
    expect(serviceExternalIP(svc({ type: 'LoadBalancer', externalIPs: ['5.5.5.5'] }, status))).toBe('1.1.1.1,9.9.9.9,lb.example.com,5.5.5.5');
  });

  it('does not clip a long load-balancer list (the server prints wide cells)', () => {
    const status = { loadBalancer: { ingress: [{ hostname: 'a-very-long-load-balancer-name.elb.amazonaws.com' }] } };
    expect(serviceExternalIP(svc({ type: 'LoadBalancer' }, status))).toBe('a-very-long-load-balancer-name.elb.amazonaws.com');
  });
});
