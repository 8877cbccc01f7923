/**
 * core/v1 Service: a named abstraction over a set of pods, with a virtual
 * IP, ports and (for LoadBalancer) its external status.
 */
import {
  CORE, Definitions, N, bool, gvk, int32, kind, listKind, listOf, object, ref, refList, str, strEnum, strList, strMap,
} from '../schema-dsl';

/** Service, its spec, ports and status. */
export const SERVICE_DEFS: Definitions = {
  [`${CORE}Service`]: kind(gvk.core('Service'),
    'A named abstraction of a software service: a local port the proxy listens on and the selector that picks the pods answering it.', {
      spec: ref(`${CORE}ServiceSpec`, 'Behaviour of the service.'),
      status: ref(`${CORE}ServiceStatus`, 'Most recently observed status of the service; read-only.'),
    }),
  [`${CORE}ServiceList`]: listKind(gvk.core('ServiceList'), `${CORE}Service`, 'A list of Services.'),
  [`${CORE}ServiceSpec`]: object('Attributes a user creates on a service.', {
    allocateLoadBalancerNodePorts: bool('Whether node ports are allocated for a LoadBalancer service; defaults to true.'),
    clusterIP: str('IP address of the service, usually assigned at random; "None" makes a headless service. Cannot be changed once set.'),
    clusterIPs: strList('IP addresses of the service, at most one per family; clusterIPs[0] equals clusterIP.'),
    externalIPs: strList('IP addresses for which nodes also accept traffic for this service; not managed by the cluster.'),
    externalName: str('DNS name the service resolves to as a CNAME; requires type ExternalName.'),
    externalTrafficPolicy: strEnum(['Cluster', 'Local'], 'How traffic from external sources is routed: to all endpoints (Cluster) or only node-local ones (Local).'),
    healthCheckNodePort: int32('Node port for health checks of a LoadBalancer service with externalTrafficPolicy Local.'),
    internalTrafficPolicy: strEnum(['Cluster', 'Local'], 'How traffic from cluster-internal sources is routed; defaults to Cluster.'),
    ipFamilies: listOf({ type: 'string', enum: ['IPv4', 'IPv6'] }, 'IP families assigned to the service, in order; set by the system per ipFamilyPolicy.'),
    ipFamilyPolicy: strEnum(['PreferDualStack', 'RequireDualStack', 'SingleStack'], 'Whether the service has one or two IP families; defaults to SingleStack.'),
    loadBalancerClass: str('Class of the load balancer implementation; unset uses the default one.'),
    loadBalancerIP: str('Deprecated: a requested load balancer IP, where the provider supports it.'),
    loadBalancerSourceRanges: strList('Client IP ranges allowed through a cloud load balancer.'),
    ports: refList(`${CORE}ServicePort`, 'The ports the service exposes.'),
    publishNotReadyAddresses: bool('Publish endpoints of pods regardless of readiness.'),
    selector: strMap('Pods with labels matching this selector receive the traffic; when empty, endpoints are managed externally.'),
    sessionAffinity: strEnum(['ClientIP', 'None'], 'Whether connections from one client IP stick to one endpoint; defaults to None.'),
    sessionAffinityConfig: ref(`${CORE}SessionAffinityConfig`, 'Configuration of session affinity.'),
    trafficDistribution: str('Preference for how traffic is spread over endpoints, such as PreferClose.'),
    type: strEnum(['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'],
      'How the service is exposed; defaults to ClusterIP.'),
  }),
  [`${CORE}ServicePort`]: object('A port of a service.', {
    appProtocol: str('Application protocol of the port, an IANA service name or a domain-prefixed name.'),
    name: str('Name of the port, a DNS label; required when there is more than one port.'),
    nodePort: int32('Port on each node on which this service is exposed for NodePort and LoadBalancer types.'),
    port: int32('The port the service exposes.'),
    protocol: strEnum(['SCTP', 'TCP', 'UDP'], 'IP protocol of the port; defaults to TCP.', { default: 'TCP' }),
    targetPort: ref(N.intOrString, "Number or name of the port on the pods; defaults to port, and a name is looked up in the pods' container ports."),
  }, { required: ['port'] }),
  [`${CORE}SessionAffinityConfig`]: object('Configuration of session affinity.', {
    clientIP: ref(`${CORE}ClientIPConfig`, 'Configuration of ClientIP session affinity.'),
  }),
  [`${CORE}ClientIPConfig`]: object('Configuration of ClientIP session affinity.', {
    timeoutSeconds: int32('Sticky session lifetime in seconds, 1 to 86400; defaults to 10800 (3 hours).'),
  }),
  [`${CORE}ServiceStatus`]: object('Current status of a service.', {
    conditions: refList(N.condition, 'Current state of the service.'),
    loadBalancer: ref(`${CORE}LoadBalancerStatus`, 'Status of the load balancer, if any.'),
  }),
  [`${CORE}LoadBalancerStatus`]: object('Status of a load balancer.', {
    ingress: refList(`${CORE}LoadBalancerIngress`, 'Ingress points of the load balancer.'),
  }),
  [`${CORE}LoadBalancerIngress`]: object('An ingress point of a load balancer; traffic for the service goes there.', {
    hostname: str('Hostname of a DNS-based ingress point.'),
    ip: str('IP address of an IP-based ingress point.'),
    ipMode: str('How the ingress IP behaves: VIP or Proxy.'),
    ports: refList(`${CORE}PortStatus`, 'Records of the service ports.'),
  }),
  [`${CORE}PortStatus`]: object('Status of one service port.', {
    error: str('Problem with the port, in CamelCase; empty when there is none.'),
    port: int32('Port number of the service port.'),
    protocol: str('Protocol of the service port: TCP, UDP or SCTP.'),
  }, { required: ['port', 'protocol'] }),
};
