import type { Endpoints } from '../api/types';
import { endpointsPrinter, formatEndpoints } from './endpoints.printer';

const now = new Date('2024-05-01T12:00:00Z');

function ep(subsets: Endpoints['subsets']): Endpoints {
  return { metadata: { name: 'web', creationTimestamp: '2024-05-01T11:59:15Z' }, ...(subsets ? { subsets } : {}) };
}

const addrs = (...ips: string[]) => ips.map((ip) => ({ ip }));

describe('formatEndpoints', () => {
  it('is <none> without subsets', () => {
    expect(formatEndpoints(ep(undefined))).toBe('<none>');
    expect(formatEndpoints(ep([]))).toBe('<none>');
  });

  it('lists up to three ip:port pairs', () => {
    expect(formatEndpoints(ep([{ addresses: addrs('10.0.0.1', '10.0.0.2'), ports: [{ port: 80 }] }]))).toBe('10.0.0.1:80,10.0.0.2:80');
  });

  it('counts the rest as "+ N more..."', () => {
    const e = ep([{ addresses: addrs('1.2.3.4', '1.2.3.5', '1.2.3.6'), ports: [{ port: 80 }, { port: 443 }] }]);
    expect(formatEndpoints(e)).toBe('1.2.3.4:80,1.2.3.5:80,1.2.3.6:80 + 3 more...');
  });

  it('counts across subsets', () => {
    const e = ep([
      { addresses: addrs('10.0.0.1', '10.0.0.2'), ports: [{ port: 53 }] },
      { addresses: addrs('10.0.0.3', '10.0.0.4'), ports: [{ port: 53 }] },
    ]);
    expect(formatEndpoints(e)).toBe('10.0.0.1:53,10.0.0.2:53,10.0.0.3:53 + 1 more...');
  });

  it('lists bare IPs for a subset without ports', () => {
    expect(formatEndpoints(ep([{ addresses: addrs('10.0.0.1') }]))).toBe('10.0.0.1');
  });

  it('brackets IPv6 addresses', () => {
    expect(formatEndpoints(ep([{ addresses: addrs('fd00::1'), ports: [{ port: 80 }] }]))).toBe('[fd00::1]:80');
  });

  it('leaves not-ready addresses out', () => {
    expect(formatEndpoints(ep([{ notReadyAddresses: addrs('10.0.0.1'), ports: [{ port: 80 }] }]))).toBe('');
  });
});

describe('endpoints printer', () => {
  it('prints NAME ENDPOINTS AGE', () => {
    expect(endpointsPrinter.columns.map((c) => c.name)).toEqual(['Name', 'Endpoints', 'Age']);
    expect(endpointsPrinter.row(ep([{ addresses: addrs('10.0.0.1'), ports: [{ port: 80 }] }]), now)).toEqual(['web', '10.0.0.1:80', '45s']);
  });
});
