/**
 * The contract every per-kind printer fulfils. The server always prints the
 * wide cells too (kube-apiserver generates tables with Wide=true) and lets
 * kubectl hide priority-1 columns, so `row` returns one cell per column.
 */
import type { KubeObject } from '../api/meta';
import type { TableColumnDefinition, TableRowCondition } from './table';

export interface KindPrinter {
  readonly columns: readonly TableColumnDefinition[];
  /** One cell per column, in column order. Pure: time comes in as `now`. */
  row(obj: KubeObject, now: Date): unknown[];
  /** Row conditions, for kinds that have them (finished pods). */
  conditions?(obj: KubeObject): TableRowCondition[] | undefined;
}
