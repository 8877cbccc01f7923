import type { ConfigMap, Lease, Namespace } from '../api/types';
import { configMapPrinter, defaultPrinter, leasePrinter, namespacePrinter, rfc3339 } from './simple.printers';

const now = new Date('2024-05-01T12:00:00Z');
const meta = (name: string) => ({ name, creationTimestamp: '2024-05-01T11:59:58Z' });

describe('namespace printer', () => {
  it('prints NAME STATUS AGE', () => {
    const ns: Namespace = { metadata: meta('dev'), status: { phase: 'Terminating' } };
    expect(namespacePrinter.columns.map((c) => c.name)).toEqual(['Name', 'Status', 'Age']);
    expect(namespacePrinter.row(ns, now)).toEqual(['dev', 'Terminating', '2s']);
  });

  it('reads a missing phase as Active, the phase kube gives every new namespace', () => {
    expect(namespacePrinter.row({ metadata: meta('dev') }, now)[1]).toBe('Active');
  });
});

describe('configmap printer', () => {
  it('counts data and binaryData keys together, as a number', () => {
    const cm: ConfigMap = { metadata: meta('cfg'), data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } };
    expect(configMapPrinter.columns.map((c) => c.name)).toEqual(['Name', 'Data', 'Age']);
    expect(configMapPrinter.row(cm, now)).toEqual(['cfg', 3, '2s']);
    expect(configMapPrinter.row({ metadata: meta('empty') }, now)[1]).toBe(0);
  });
});

describe('lease printer', () => {
  it('prints the holder, empty when the lease is free', () => {
    const held: Lease = { metadata: meta('kube-scheduler'), spec: { holderIdentity: 'api-0_1234', leaseDurationSeconds: 15 } };
    expect(leasePrinter.columns.map((c) => c.name)).toEqual(['Name', 'Holder', 'Age']);
    expect(leasePrinter.row(held, now)).toEqual(['kube-scheduler', 'api-0_1234', '2s']);
    expect(leasePrinter.row({ metadata: meta('free') }, now)[1]).toBe('');
  });
});

describe('default printer', () => {
  it('prints NAME and CREATED AT, a date column, like kube-apiserver default tables', () => {
    expect(defaultPrinter.columns.map((c) => [c.name, c.type, c.format])).toEqual([['Name', 'string', 'name'], ['Created At', 'date', '']]);
    expect(defaultPrinter.row({ metadata: { name: 'x', creationTimestamp: '2024-05-01T11:00:00.250Z' } }, now)).toEqual(['x', '2024-05-01T11:00:00Z']);
  });

  it('prints Go zero time for an unset creation timestamp', () => {
    expect(rfc3339(undefined)).toBe('0001-01-01T00:00:00Z');
  });
});
