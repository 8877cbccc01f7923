/**
 * Kinds whose rows are a name, one or two plain fields and an age:
 * Namespace (STATUS), ConfigMap (DATA), Lease (HOLDER); and the default
 * table kube-apiserver uses for kinds without a printer.
 */
import type { KubeObject } from '../api/meta';
import type { ConfigMap, Lease, Namespace } from '../api/types';
import { ageColumn, column, CREATION_TIMESTAMP_DESCRIPTION, nameColumn } from './columns';
import { ageSince, parseTimestamp } from './human-duration';
import type { KindPrinter } from './printer';

/** The Namespace printer: the phase (kube defaults it to Active on create). */
export const namespacePrinter: KindPrinter = {
  columns: [nameColumn(), column('Status', 'string', 'The status of the namespace'), ageColumn()],
  row: (obj: KubeObject, now: Date) => {
    const ns = obj as Namespace;
    return [ns.metadata.name ?? '', ns.status?.phase ?? 'Active', ageSince(ns.metadata.creationTimestamp, now)];
  },
};

/** The ConfigMap printer: DATA counts text and binary keys together. */
export const configMapPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    column('Data', 'string',
      'Data contains the configuration data. Each key must consist of alphanumeric characters, \'-\', \'_\' or \'.\'.'),
    ageColumn(),
  ],
  row: (obj: KubeObject, now: Date) => {
    const cm = obj as ConfigMap;
    const keys = Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length;
    return [cm.metadata.name ?? '', keys, ageSince(cm.metadata.creationTimestamp, now)];
  },
};

/** The Lease printer: HOLDER is the holder identity, empty when unheld. */
export const leasePrinter: KindPrinter = {
  columns: [
    nameColumn(),
    column('Holder', 'string', 'holderIdentity contains the identity of the holder of a current lease.'),
    ageColumn(),
  ],
  row: (obj: KubeObject, now: Date) => {
    const lease = obj as Lease;
    return [lease.metadata.name ?? '', lease.spec?.holderIdentity ?? '', ageSince(lease.metadata.creationTimestamp, now)];
  },
};

/**
 * Go's time.Format(time.RFC3339) of a UTC instant: whole seconds, "Z".
 * An unset time prints as Go's zero time, as kube does.
 */
export function rfc3339(ts: string | undefined): string {
  const ms = parseTimestamp(ts);
  if (ms === undefined) return '0001-01-01T00:00:00Z';
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * kube-apiserver's default table for kinds without a printer: NAME and
 * CREATED AT (a `date` column holding the RFC 3339 creation time, not an age).
 */
export const defaultPrinter: KindPrinter = {
  columns: [nameColumn(), column('Created At', 'date', CREATION_TIMESTAMP_DESCRIPTION)],
  row: (obj: KubeObject) => [obj.metadata.name ?? '', rfc3339(obj.metadata.creationTimestamp)],
};
