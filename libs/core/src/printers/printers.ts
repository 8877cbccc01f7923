/**
 * Which printer prints which kind, and the two lookups the API layer needs:
 * the columns of a kind and the cells of one object.
 */
import type { KubeObject } from '../api/meta';
import { endpointsPrinter } from './endpoints.printer';
import { eventPrinter } from './event.printer';
import { nodePrinter } from './node.printer';
import { podPrinter } from './pod.printer';
import type { KindPrinter } from './printer';
import { servicePrinter } from './service.printer';
import { configMapPrinter, defaultPrinter, leasePrinter, namespacePrinter } from './simple.printers';
import type { TableColumnDefinition } from './table';
import { deploymentPrinter, replicaSetPrinter } from './workload.printers';

const PRINTERS: Readonly<Record<string, KindPrinter>> = {
  Pod: podPrinter,
  Node: nodePrinter,
  Namespace: namespacePrinter,
  Service: servicePrinter,
  Endpoints: endpointsPrinter,
  ConfigMap: configMapPrinter,
  Event: eventPrinter,
  Deployment: deploymentPrinter,
  ReplicaSet: replicaSetPrinter,
  Lease: leasePrinter,
};

/**
 * The printer for a kind; kinds without one get kube-apiserver's default
 * table (NAME, CREATED AT).
 */
export function printerFor(kind: string): KindPrinter {
  return Object.prototype.hasOwnProperty.call(PRINTERS, kind) ? PRINTERS[kind] : defaultPrinter;
}

/**
 * The column definitions of a kind, wide (priority 1) columns included.
 * Returns fresh objects, so callers may mutate the result.
 */
export function columnsFor(kind: string): TableColumnDefinition[] {
  return printerFor(kind).columns.map((c) => ({ ...c }));
}

/**
 * The cells of one object at `now`, one per column of `columnsFor(kind)`.
 * Pure: the same object and instant always give the same cells.
 */
export function rowFor(kind: string, obj: KubeObject, now: Date): unknown[] {
  return printerFor(kind).row(obj, now);
}
