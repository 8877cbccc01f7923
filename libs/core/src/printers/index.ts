/**
 * Server-side printing: the meta.k8s.io/v1 Tables kubectl get renders.
 */
export * from './table';
export { humanDuration, shortHumanDuration, ageSince, parseTimestamp } from './human-duration';
export { columnsFor, rowFor, printerFor } from './printers';
export type { KindPrinter } from './printer';
export { toTable, partialObjectMetadata } from './to-table';
export type { ToTableOptions } from './to-table';
export { podSummary } from './pod-summary';
export type { PodSummary } from './pod-summary';
