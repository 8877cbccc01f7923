/**
 * core/v1 Namespace: the scope of names for namespaced objects.
 */
import { CORE, Definitions, gvk, kind, listKind, object, ref, refList, str, strEnum, strList, time } from '../schema-dsl';

/** Namespace and its spec and status. */
export const NAMESPACE_DEFS: Definitions = {
  [`${CORE}Namespace`]: kind(gvk.core('Namespace'), 'A scope for names; every namespaced object lives in exactly one namespace.', {
    spec: ref(`${CORE}NamespaceSpec`, 'Behaviour of the namespace.'),
    status: ref(`${CORE}NamespaceStatus`, 'Current status of the namespace; read-only.'),
  }),
  [`${CORE}NamespaceList`]: listKind(gvk.core('NamespaceList'), `${CORE}Namespace`, 'A list of Namespaces.'),
  [`${CORE}NamespaceSpec`]: object('Attributes of a namespace.', {
    finalizers: strList('Values that must be removed before the namespace is removed from storage.'),
  }),
  [`${CORE}NamespaceStatus`]: object('Current status of a namespace.', {
    conditions: refList(`${CORE}NamespaceCondition`, "Latest observations of the namespace's state."),
    phase: strEnum(['Active', 'Terminating'], 'Current lifecycle phase of the namespace.'),
  }),
  [`${CORE}NamespaceCondition`]: object('One aspect of the state of a namespace.', {
    lastTransitionTime: time('When the condition last changed from one status to another.'),
    message: str('Human-readable details about the last transition.'),
    reason: str('Brief reason for the last transition.'),
    status: str('Status of the condition: True, False or Unknown.'),
    type: str('Type of the condition.'),
  }, { required: ['type', 'status'] }),
};
