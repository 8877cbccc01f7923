/**
 * Services: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, and with -o wide
 * SELECTOR.
 */
import type { KubeObject } from '../api/meta';
import type { Service, ServicePort } from '../api/types';
import { ageColumn, column, nameColumn, wideColumn } from './columns';
import { formatLabels, NONE } from './format';
import { ageSince } from './human-duration';
import type { KindPrinter } from './printer';

const COLUMNS = [
  nameColumn(),
  column('Type', 'string', 'type determines how the Service is exposed. Defaults to ClusterIP.'),
  column('Cluster-IP', 'string', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
  column('External-IP', 'string',
    'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'),
  column('Port(s)', 'string', 'The list of ports that are exposed by this service.'),
  ageColumn(),
  wideColumn('Selector', 'string',
    'Route service traffic to pods with label keys and values matching this selector.'),
] as const;

/**
 * PORT(S): "80/TCP", or "80:30080/TCP" when a node port is allocated,
 * joined with ","; "<none>" for a service without ports.
 */
export function servicePorts(ports: ServicePort[] | undefined): string {
  const pieces = (ports ?? []).map((p) => {
    const protocol = p.protocol ?? 'TCP';
    return p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${protocol}` : `${p.port}/${protocol}`;
  });
  return pieces.length === 0 ? NONE : pieces.join(',');
}

/** Load-balancer ingress IPs (or hostnames), unique and sorted, joined with ",". */
function loadBalancerAddresses(svc: Service): string[] {
  const found = new Set<string>();
  for (const ingress of svc.status?.loadBalancer?.ingress ?? []) {
    if (ingress.ip) found.add(ingress.ip);
    else if (ingress.hostname) found.add(ingress.hostname);
  }
  return [...found].sort();
}

/**
 * EXTERNAL-IP: external IPs, the load balancer's addresses ("<pending>"
 * until it has one), the external name, or "<none>". The server prints the
 * wide form, so long load-balancer lists are never clipped here.
 */
export function serviceExternalIP(svc: Service): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : NONE;
    case 'LoadBalancer': {
      const lb = loadBalancerAddresses(svc);
      if (externalIPs.length > 0) return [...lb, ...externalIPs].join(',');
      return lb.length > 0 ? lb.join(',') : '<pending>';
    }
    case 'ExternalName':
      return svc.spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

function serviceRow(obj: KubeObject, now: Date): unknown[] {
  const svc = obj as Service;
  const spec = svc.spec ?? {};
  // clusterIPs is canonical; a lone clusterIP only appears on undefaulted objects.
  const clusterIP = spec.clusterIPs?.[0] || spec.clusterIP || NONE;
  return [
    svc.metadata.name ?? '',
    spec.type ?? 'ClusterIP',
    clusterIP,
    serviceExternalIP(svc),
    servicePorts(spec.ports),
    ageSince(svc.metadata.creationTimestamp, now),
    formatLabels(spec.selector),
  ];
}

/** The Service printer (kube's printService). */
export const servicePrinter: KindPrinter = { columns: COLUMNS, row: serviceRow };
