/**
 * A core/v1 Event about an object, as components record them (what
 * `kubectl describe` and `kubectl get events` show). Pure: the clock and
 * the name's disambiguating suffix are inputs.
 */
import { rfc3339 } from '../domain/timestamps';
import type { KubeObject } from './meta';

export interface EventRecord {
  regarding: KubeObject;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  component: string;
  host?: string;
  /** The part of the object the event is about, e.g. `spec.containers{web}` (kubelet's container events). */
  fieldPath?: string;
}

/**
 * The Event object, named as kube names them, `<object>.<hex time>`; `suffix`
 * (a per-process counter) keeps two of one instant apart.
 */
export function eventObject(e: EventRecord, now: Date, suffix: number): KubeObject {
  const m = e.regarding.metadata;
  const at = rfc3339(now);
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${m.name}.${now.getTime().toString(16)}${(suffix & 0xffff).toString(16).padStart(4, '0')}`, namespace: m.namespace ?? 'default' },
    involvedObject: { kind: e.regarding.kind, namespace: m.namespace, name: m.name, uid: m.uid, apiVersion: e.regarding.apiVersion, resourceVersion: m.resourceVersion, ...(e.fieldPath ? { fieldPath: e.fieldPath } : {}) },
    reason: e.reason,
    message: e.message,
    type: e.type,
    source: { component: e.component, ...(e.host ? { host: e.host } : {}) },
    firstTimestamp: at,
    lastTimestamp: at,
    count: 1,
    reportingComponent: e.component,
    reportingInstance: e.host ?? e.component,
  };
}
