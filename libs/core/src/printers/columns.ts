/**
 * Column-definition builders and the descriptions kube attaches to them.
 * Descriptions are informational (kubectl never prints them); names, order,
 * type, format and priority are what kubectl acts on.
 */
import type { TableColumnDefinition } from './table';

export const NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a ' +
  'client to request the generation of an appropriate name automatically. Name is primarily intended for creation ' +
  'idempotence and configuration definition. Cannot be updated. More info: ' +
  'https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

export const CREATION_TIMESTAMP_DESCRIPTION =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed ' +
  'to be set in happens-before order across separate operations. Clients may not set this value. It is represented ' +
  'in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: ' +
  'https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

export const CONTAINERS_DESCRIPTION = 'Names of each container in the template.';
export const IMAGES_DESCRIPTION = 'Images referenced by each container in the template.';

/** A column shown by plain `kubectl get` (priority 0). */
export function column(name: string, type: string, description: string): TableColumnDefinition {
  return { name, type, format: '', description, priority: 0 };
}

/** A column shown only by `kubectl get -o wide` (priority 1). */
export function wideColumn(name: string, type: string, description: string): TableColumnDefinition {
  return { name, type, format: '', description, priority: 1 };
}

/** The NAME column: format 'name' tells kubectl which cell names the object. */
export function nameColumn(priority = 0): TableColumnDefinition {
  return { name: 'Name', type: 'string', format: 'name', description: NAME_DESCRIPTION, priority };
}

/** The AGE column, a humanDuration string. */
export function ageColumn(): TableColumnDefinition {
  return column('Age', 'string', CREATION_TIMESTAMP_DESCRIPTION);
}
