/**
 * core/v1 Endpoints: the addresses and ports behind a service.
 */
import {
  CORE, Definitions, gvk, int32, kind, listKind, object, ref, refList, str, strEnum,
} from '../schema-dsl';

/** Endpoints and its parts. */
export const ENDPOINTS_DEFS: Definitions = {
  [`${CORE}Endpoints`]: kind(gvk.core('Endpoints'),
    'The actual endpoints implementing a service: each subset pairs a set of addresses with a set of ports.', {
      subsets: refList(`${CORE}EndpointSubset`, 'The sets of addresses and ports of the service endpoints.'),
    }),
  [`${CORE}EndpointsList`]: listKind(gvk.core('EndpointsList'), `${CORE}Endpoints`, 'A list of Endpoints.'),
  [`${CORE}EndpointSubset`]: object('A set of addresses with a common set of ports; the expanded endpoints are their Cartesian product.', {
    addresses: refList(`${CORE}EndpointAddress`, 'Addresses that are ready to receive traffic.'),
    notReadyAddresses: refList(`${CORE}EndpointAddress`, 'Addresses that are not ready yet or have failed their readiness check.'),
    ports: refList(`${CORE}EndpointPort`, 'Port numbers available on the addresses.'),
  }),
  [`${CORE}EndpointAddress`]: object('A single IP address of an endpoint.', {
    hostname: str('Hostname of the endpoint.'),
    ip: str('IP address of the endpoint; may not be loopback, link-local or link-local multicast.'),
    nodeName: str('Node hosting the endpoint.'),
    targetRef: ref(`${CORE}ObjectReference`, 'The object providing the endpoint, usually a pod.'),
  }, { required: ['ip'], mapType: 'atomic' }),
  [`${CORE}EndpointPort`]: object('A port used by an endpoint.', {
    appProtocol: str('Application protocol of the port.'),
    name: str('Name of the port; must match the name of a service port.'),
    port: int32('Port number of the endpoint.'),
    protocol: strEnum(['SCTP', 'TCP', 'UDP'], 'IP protocol of the port; defaults to TCP.', { default: 'TCP' }),
  }, { required: ['port'], mapType: 'atomic' }),
};
