/**
 * Which fields each kind lets a field selector test, and their values as
 * strings: the facts behind kube's per-resource `ToSelectableFields` and
 * field label conversion functions. Every kind has metadata.name and
 * metadata.namespace (cluster-scoped objects have namespace "").
 *
 * Typed fields render as Go renders their zero value, so a missing boolean
 * is "false" and a missing count "0": `spec.unschedulable=false` must
 * select a node that never set the field, exactly as on a real cluster.
 */
import type { KubeObject } from '../api/meta';

type Getter = (o: KubeObject) => string;

function at(o: unknown, path: readonly string[]): unknown {
  let cur = o;
  for (const p of path) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : String(v);
}

const str = (...path: string[]): Getter => (o) => text(at(o, path));
const bool = (...path: string[]): Getter => (o) => (at(o, path) === true ? 'true' : 'false');
const int = (...path: string[]): Getter => (o) => {
  const v = at(o, path);
  return typeof v === 'number' ? String(v) : '0';
};
/** First of several places a value may live (old and new field names). */
const firstOf = (...getters: Getter[]): Getter => (o) => {
  for (const g of getters) {
    const v = g(o);
    if (v !== '') return v;
  }
  return '';
};

const META: Record<string, Getter> = {
  'metadata.name': str('metadata', 'name'),
  'metadata.namespace': str('metadata', 'namespace'),
};

/** core/v1 Event names the object in involvedObject; events.k8s.io/v1 calls it regarding. */
const involved = (field: string): Getter => firstOf(str('involvedObject', field), str('regarding', field));

const firstPodIP: Getter = (o) => {
  const ips = at(o, ['status', 'podIPs']);
  return Array.isArray(ips) ? text(at(ips[0], ['ip'])) : '';
};

const BY_KIND: Record<string, Record<string, Getter>> = {
  Pod: {
    'spec.nodeName': str('spec', 'nodeName'),
    'spec.restartPolicy': str('spec', 'restartPolicy'),
    'spec.schedulerName': str('spec', 'schedulerName'),
    'spec.serviceAccountName': str('spec', 'serviceAccountName'),
    'spec.hostNetwork': bool('spec', 'hostNetwork'),
    'status.phase': str('status', 'phase'),
    // kube reads status.podIPs[0]; status.podIP is the same address in the older field.
    'status.podIP': firstOf(firstPodIP, str('status', 'podIP')),
    'status.nominatedNodeName': str('status', 'nominatedNodeName'),
  },
  Node: { 'spec.unschedulable': bool('spec', 'unschedulable') },
  Event: {
    'involvedObject.kind': involved('kind'),
    'involvedObject.namespace': involved('namespace'),
    'involvedObject.name': involved('name'),
    'involvedObject.uid': involved('uid'),
    'involvedObject.apiVersion': involved('apiVersion'),
    'involvedObject.resourceVersion': involved('resourceVersion'),
    'involvedObject.fieldPath': involved('fieldPath'),
    reason: str('reason'),
    reportingComponent: str('reportingController'),
    // Older reporters fill source.component; newer ones only reportingController.
    source: firstOf(str('source', 'component'), str('reportingController')),
    type: str('type'),
  },
  Namespace: { 'status.phase': str('status', 'phase') },
  ReplicaSet: { 'status.replicas': int('status', 'replicas') },
  Secret: { type: str('type') },
};

function gettersFor(kind: string): Record<string, Getter> {
  return { ...META, ...(BY_KIND[kind] ?? {}) };
}

/** The field names a field selector may use for `kind`. */
export function supportedFieldLabels(kind: string): string[] {
  return Object.keys(gettersFor(kind));
}

/** The value of a selectable field, or undefined when `kind` does not support `field`. */
export function selectableFieldValue(kind: string, field: string, obj: KubeObject): string | undefined {
  const getters = gettersFor(kind);
  return Object.prototype.hasOwnProperty.call(getters, field) ? getters[field](obj) : undefined;
}

/** Is `field` selectable on `kind`? */
export function isSelectableField(kind: string, field: string): boolean {
  return Object.prototype.hasOwnProperty.call(gettersFor(kind), field);
}
