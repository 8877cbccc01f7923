/**
 * The meta.k8s.io/v1 Table shapes: what kube-apiserver returns when a client
 * asks for `application/json;as=Table;v=v1;g=meta.k8s.io` (kubectl get does).
 * kubectl prints these columns verbatim, so their names, order and priority
 * are a wire contract, not a presentation choice.
 */
import type { ObjectMeta } from '../api/meta';

/**
 * One column. `priority` 0 is always shown; 1 only with `-o wide`.
 * `format: 'name'` marks the column kubectl treats as the object's name.
 */
export type TableColumnDefinition = {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
};

/** A condition attached to a row (kube only sets `Completed` on finished pods). */
export type TableRowCondition = {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
};

/** One row: a cell per column definition, plus the object it was printed from. */
export type TableRow = {
  cells: unknown[];
  conditions?: TableRowCondition[];
  object?: unknown;
};

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** The `includeObject` query parameter; kube's default is Metadata. */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** What `includeObject=Metadata` puts in each row. */
export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ObjectMeta;
}
