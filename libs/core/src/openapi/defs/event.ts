/**
 * core/v1 Event (a report of something that happened to an object) and
 * ObjectReference, the generic pointer to another object.
 */
import {
  CORE, Definitions, N, gvk, int32, kind, listKind, object, ref, str, time,
} from '../schema-dsl';

/** Event, EventSource, EventSeries and ObjectReference. */
export const EVENT_DEFS: Definitions = {
  [`${CORE}Event`]: kind(gvk.core('Event'), 'A report of an event somewhere in the cluster; kept for a limited time.', {
    action: str('What action was taken or failed on the regarding object.'),
    count: int32('How many times this event has occurred.'),
    eventTime: ref(N.microTime, 'When the event was first observed.'),
    firstTimestamp: time('When the event was first recorded.'),
    involvedObject: ref(`${CORE}ObjectReference`, 'The object this event is about.'),
    lastTimestamp: time('When the most recent occurrence of this event was recorded.'),
    message: str('Human-readable description of the status of this operation.'),
    reason: str('Short, machine-understandable CamelCase reason for the transition into the object\'s current status.'),
    related: ref(`${CORE}ObjectReference`, 'A secondary object for more complex actions.'),
    reportingComponent: str('Name of the controller that emitted the event, such as kubernetes.io/kubelet.', { default: '' }),
    reportingInstance: str('ID of the controller instance, such as kubelet-xyzf.', { default: '' }),
    series: ref(`${CORE}EventSeries`, 'Data about the series of events this one belongs to, if any.'),
    source: ref(`${CORE}EventSource`, 'The component reporting this event.'),
    type: str('Type of the event: Normal or Warning; new types may be added.'),
  }, { required: ['metadata', 'involvedObject'] }),
  [`${CORE}EventList`]: listKind(gvk.core('EventList'), `${CORE}Event`, 'A list of Events.'),
  [`${CORE}EventSource`]: object('The source of an event.', {
    component: str('Component the event comes from.'),
    host: str('Node name the event was generated on.'),
  }),
  [`${CORE}EventSeries`]: object('Data about a series of events happening repeatedly.', {
    count: int32('Number of occurrences in this series up to the last heartbeat.'),
    lastObservedTime: ref(N.microTime, 'When the last occurrence was observed.'),
  }),
  [`${CORE}ObjectReference`]: object('A reference to an object, with enough information to inspect or modify it.', {
    apiVersion: str('API version of the referent.'),
    fieldPath: str('A field within the object rather than the whole object, such as spec.containers{name}.'),
    kind: str('Kind of the referent.'),
    name: str('Name of the referent.'),
    namespace: str('Namespace of the referent.'),
    resourceVersion: str('Specific resourceVersion this reference was made to, if any.'),
    uid: str('UID of the referent.'),
  }, { mapType: 'atomic' }),
};
