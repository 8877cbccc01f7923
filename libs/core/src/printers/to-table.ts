/**
 * Objects to a meta.k8s.io/v1 Table, as kube-apiserver answers a request
 * with `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`.
 */
import type { KubeObject } from '../api/meta';
import { apiVersionOf, resourceForKind } from '../api/resources';
import { columnsFor, printerFor } from './printers';
import type { IncludeObject, PartialObjectMetadata, Table, TableRow } from './table';

export interface ToTableOptions {
  /** The instant ages are measured from. */
  now: Date;
  /** What each row carries besides its cells; kube's default is Metadata. */
  includeObject?: IncludeObject;
  /** The list's (or single object's) resourceVersion. */
  resourceVersion?: string;
  /** The continue token of a paged list. */
  continue?: string;
  remainingItemCount?: number;
  /**
   * Omit the column definitions. A watch sends them with its first event
   * only, so kubectl -w prints the header once.
   */
  noHeaders?: boolean;
}

/** The row object for includeObject=Metadata: the metadata, nothing else. */
export function partialObjectMetadata(obj: KubeObject): PartialObjectMetadata {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

/** The full object with its kind and apiVersion, as kube serializes it into a row. */
function fullObject(kind: string, obj: KubeObject): KubeObject {
  if (obj.kind && obj.apiVersion) return obj;
  const resource = resourceForKind(kind);
  return {
    ...obj,
    kind: obj.kind ?? kind,
    apiVersion: obj.apiVersion ?? (resource ? apiVersionOf(resource) : undefined),
  };
}

function rowObject(kind: string, obj: KubeObject, include: IncludeObject): unknown {
  switch (include) {
    case 'None':
      return undefined;
    case 'Metadata':
      return partialObjectMetadata(obj);
    case 'Object':
      return fullObject(kind, obj);
    default: {
      const unknown: never = include;
      throw new Error(`unrecognized includeObject value: ${String(unknown)}`);
    }
  }
}

/**
 * A Table of `objects` of one kind, in the given order. Every row has all
 * cells, wide ones included (kubectl hides priority-1 columns itself).
 * Pure: the same inputs always give the same table.
 */
export function toTable(kind: string, objects: KubeObject[], opts: ToTableOptions): Table {
  const printer = printerFor(kind);
  const include = opts.includeObject ?? 'Metadata';
  const rows = objects.map((obj): TableRow => {
    const row: TableRow = { cells: printer.row(obj, opts.now) };
    const conditions = printer.conditions?.(obj);
    if (conditions) row.conditions = conditions;
    const object = rowObject(kind, obj, include);
    if (object !== undefined) row.object = object;
    return row;
  });
  const metadata: Table['metadata'] = {};
  if (opts.resourceVersion) metadata.resourceVersion = opts.resourceVersion;
  if (opts.continue) metadata.continue = opts.continue;
  if (opts.remainingItemCount !== undefined) metadata.remainingItemCount = opts.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: opts.noHeaders ? [] : columnsFor(kind),
    rows,
  };
}
