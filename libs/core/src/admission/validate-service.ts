/**
 * Service validation (ValidateService, ValidateServiceUpdate) for a
 * single-stack IPv4 cluster: ports, type, session affinity, traffic
 * policies, cluster IPs and IP families. A cluster IP may not change once
 * set, except by moving to or from ExternalName.
 */
import { fieldError, type FieldError } from '../api/errors';
import type { KubeObject } from '../api/meta';
import type { Service, ServicePort } from '../api/types';
import { parseIP } from './cidr';
import { externallyAccessible } from './defaults';
import { child, index } from './field-path';
import { isValidPortNum, validateCIDR, validateIP } from './formats';
import { goString, goStringSlice, withGoValue } from './go-format';
import { validateLabelsField as validateLabels } from './labels';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from './names';
import { metaRulesFor, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import { isHeadless, needsHealthCheckNodePort, normalizeClusterIPs } from './service-prepare';
import { validatePortNumOrName } from './validate-probes';
import { asArray, asRecord, str } from './util';

type Spec = Service['spec'];

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

// How Go prints the core.ServicePort key of a duplicate-port error.
function goServicePortKey(protocol: string, port: number): string {
  return `core.ServicePort{Name:"", Protocol:${goString(protocol)}, AppProtocol:(*string)(nil), Port:${port}, `
    + 'TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}';
}

function validateServicePort(sp: ServicePort, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(sp.name);
  if (requireName && !name) errs.push(fieldError.required(child(path, 'name')));
  else if (name) {
    errs.push(...isDNS1123Label(name).map((m) => fieldError.invalid(child(path, 'name'), name, m)));
    if (names.has(name)) errs.push(fieldError.duplicate(child(path, 'name'), name));
    else names.add(name);
  }
  const port = typeof sp.port === 'number' ? sp.port : 0;
  errs.push(...isValidPortNum(port).map((m) => fieldError.invalid(child(path, 'port'), port, m)));
  const protocol = str(sp.protocol);
  if (!protocol) errs.push(fieldError.required(child(path, 'protocol')));
  else if (!['SCTP', 'TCP', 'UDP'].includes(protocol)) errs.push(fieldError.notSupported(child(path, 'protocol'), protocol, ['SCTP', 'TCP', 'UDP']));
  errs.push(...validatePortNumOrName(sp.targetPort ?? 0, child(path, 'targetPort')));
  if (sp.appProtocol !== undefined) {
    errs.push(...isQualifiedName(str(sp.appProtocol)).map((m) => fieldError.invalid(child(path, 'appProtocol'), sp.appProtocol, m)));
  }
  return errs;
}

// ValidateServiceClusterIPsRelatedFields, plus the single-stack checks the allocator makes.
function validateClusterIPs(spec: Spec): FieldError[] {
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ips = asArray<string>(spec.clusterIPs);
  const ipsGo = goStringSlice(ips);
  if (spec.clusterIP) {
    if (!ips.length) errs.push(fieldError.required('spec.clusterIPs'));
    else if (ips[0] !== spec.clusterIP) errs.push(withGoValue(fieldError.invalid('spec.clusterIPs', ips, 'first value must match `clusterIP`'), ipsGo));
  } else if (ips.length) {
    errs.push(withGoValue(fieldError.invalid('spec.clusterIPs', ips, 'must be empty when `clusterIP` is not specified'), ipsGo));
  }
  const families = asArray<string>(spec.ipFamilies);
  const seen = new Set<string>();
  families.forEach((f, i) => {
    if (f !== 'IPv4' && f !== 'IPv6') errs.push(fieldError.notSupported(index('spec.ipFamilies', i), f, ['IPv4', 'IPv6']));
    if (seen.has(f)) errs.push(fieldError.duplicate(index('spec.ipFamilies', i), f));
    seen.add(f);
  });
  const policy = spec.ipFamilyPolicy;
  if (policy !== undefined && !['PreferDualStack', 'RequireDualStack', 'SingleStack'].includes(str(policy))) {
    errs.push(fieldError.notSupported('spec.ipFamilyPolicy', policy, ['PreferDualStack', 'RequireDualStack', 'SingleStack']));
  }
  let badIP = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        badIP = true;
        errs.push(withGoValue(fieldError.invalid('spec.clusterIPs', ips, "'None' must be the first and only value"), ipsGo));
      }
      return;
    }
    const e = validateIP(index('spec.clusterIPs', i), ip);
    if (e.length) badIP = true;
    errs.push(...e);
  });
  if (ips.length > 2) errs.push(withGoValue(fieldError.invalid('spec.clusterIPs', ips, 'may only hold up to 2 values'), ipsGo));
  if (badIP) return errs;
  if (ips.length > 1 && new Set(ips.map((ip) => parseIP(ip)?.family)).size !== ips.length) {
    errs.push(withGoValue(fieldError.invalid('spec.clusterIPs', ips, 'may specify no more than one IP for each IP family'), ipsGo));
  }
  if (!isHeadless(spec)) {
    ips.forEach((ip, i) => {
      const want = families[i];
      const fam = parseIP(ip)?.family;
      if (want && fam && want !== fam) errs.push(fieldError.invalid(index('spec.clusterIPs', i), ip, `expected an ${want} value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  // This cluster is single-stack IPv4; headless services without selectors are exempt.
  if (!(isHeadless(spec) && Object.keys(spec.selector ?? {}).length === 0)) {
    if (policy === 'RequireDualStack') errs.push(fieldError.invalid('spec.ipFamilyPolicy', policy, 'this cluster is not configured for dual-stack services'));
    families.forEach((f, i) => { if (f === 'IPv6') errs.push(fieldError.invalid(index('spec.ipFamilies', i), f, 'not configured on this cluster')); });
  }
  return errs;
}

function validateTypeSpecific(spec: Spec): FieldError[] {
  const errs: FieldError[] = [];
  const ips = asArray<string>(spec.clusterIPs);
  if ((spec.type === 'LoadBalancer' || spec.type === 'NodePort') && isHeadless(spec)) {
    errs.push(fieldError.invalid('spec.clusterIPs[0]', ips[0], `may not be set to 'None' for ${spec.type} services`));
  }
  if (spec.type === 'ExternalName') {
    if (ips.length) errs.push(fieldError.forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (asArray(spec.ipFamilies).length) errs.push(fieldError.forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy !== undefined) errs.push(fieldError.forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = str(spec.externalName).replace(/\.$/, '');
    if (cname) errs.push(...isDNS1123Subdomain(cname).map((m) => fieldError.invalid('spec.externalName', cname, m)));
    else errs.push(fieldError.required('spec.externalName'));
  }
  return errs;
}

function validateTraffic(spec: Spec): FieldError[] {
  const errs: FieldError[] = [];
  const etp = str(spec.externalTrafficPolicy);
  if (!externallyAccessible(spec)) {
    if (etp) errs.push(fieldError.invalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'));
  } else if (!etp) errs.push(fieldError.required('spec.externalTrafficPolicy'));
  else if (etp !== 'Cluster' && etp !== 'Local') errs.push(fieldError.notSupported('spec.externalTrafficPolicy', etp, ['Cluster', 'Local']));
  const hc = typeof spec.healthCheckNodePort === 'number' ? spec.healthCheckNodePort : 0;
  if (!needsHealthCheckNodePort(spec)) {
    if (hc) errs.push(fieldError.invalid('spec.healthCheckNodePort', hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  } else if (!hc) errs.push(fieldError.required('spec.healthCheckNodePort'));
  else errs.push(...isValidPortNum(hc).map((m) => fieldError.invalid('spec.healthCheckNodePort', hc, m)));
  const itp = spec.internalTrafficPolicy;
  if (!itp && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(str(spec.type))) errs.push(fieldError.required('spec.internalTrafficPolicy'));
  if (itp && itp !== 'Cluster' && itp !== 'Local') errs.push(fieldError.notSupported('spec.internalTrafficPolicy', itp, ['Cluster', 'Local']));
  if (spec.trafficDistribution !== undefined && spec.trafficDistribution !== 'PreferClose') {
    errs.push(fieldError.notSupported('spec.trafficDistribution', spec.trafficDistribution, ['PreferClose']));
  }
  return errs;
}

/** ValidateService: a whole Service as it would be stored (defaulted, clusterIPs normalized here). */
export function validateService(svcIn: KubeObject): FieldError[] {
  const svc = normalizeClusterIPs(undefined, svcIn as Service);
  const spec = svc.spec;
  const errs = validateObjectMeta(svc.metadata, metaRulesFor('Service'));
  const ports = asArray<ServicePort>(spec.ports).map((p) => (asRecord(p) ?? {}) as unknown as ServicePort);
  if (!ports.length && !isHeadless(spec) && spec.type !== 'ExternalName') errs.push(fieldError.required('spec.ports'));
  errs.push(...validateTypeSpecific(spec));
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, index('spec.ports', i))));
  if (spec.selector) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  const affinity = str(spec.sessionAffinity);
  if (!affinity) errs.push(fieldError.required('spec.sessionAffinity'));
  else if (affinity !== 'ClientIP' && affinity !== 'None') errs.push(fieldError.notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None']));
  const affinityCfg = asRecord(spec.sessionAffinityConfig);
  if (affinity === 'ClientIP') {
    const timeout = asRecord(affinityCfg?.clientIP)?.timeoutSeconds;
    if (typeof timeout !== 'number') errs.push(fieldError.required('spec.sessionAffinityConfig.clientIP.timeoutSeconds', 'when session affinity type is ClientIP'));
    else if (timeout <= 0 || timeout > 86400) errs.push(fieldError.invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', timeout, 'must be greater than 0 and less than 86400'));
  } else if (affinity === 'None' && affinityCfg) {
    errs.push(fieldError.forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  errs.push(...validateClusterIPs(spec));
  asArray<string>(spec.externalIPs).forEach((ip, i) => errs.push(...validateIP(index('spec.externalIPs', i), str(ip))));
  const type = str(spec.type);
  if (!type) errs.push(fieldError.required('spec.type'));
  else if (!TYPES.includes(type)) errs.push(fieldError.notSupported('spec.type', type, TYPES));
  const nodePorts = new Set<string>();
  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    const path = index('spec.ports', i);
    if (type === 'ClusterIP' && p.nodePort) errs.push(fieldError.forbidden(child(path, 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
    if (p.nodePort) {
      const k = `${str(p.protocol)}/${p.nodePort}`;
      if (nodePorts.has(k)) errs.push(fieldError.duplicate(child(path, 'nodePort'), p.nodePort));
      nodePorts.add(k);
    }
    const k = `${str(p.protocol)}/${p.port}`;
    if (portKeys.has(k)) errs.push(withGoValue(fieldError.duplicate(path, { protocol: p.protocol, port: p.port }), goServicePortKey(str(p.protocol), p.port)));
    portKeys.add(k);
  });
  const ranges = asArray<string>(spec.loadBalancerSourceRanges);
  if (ranges.length) {
    if (type !== 'LoadBalancer') errs.push(fieldError.forbidden('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
    ranges.forEach((r, i) => errs.push(...validateCIDR(index('spec.LoadBalancerSourceRanges', i), str(r).trim())));
  }
  if (spec.allocateLoadBalancerNodePorts !== undefined && type !== 'LoadBalancer') {
    errs.push(fieldError.forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  // kube reports this one without the `spec.` prefix.
  if (type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === undefined) errs.push(fieldError.required('allocateLoadBalancerNodePorts'));
  if (spec.loadBalancerClass !== undefined) {
    if (type === 'LoadBalancer') errs.push(...isQualifiedName(str(spec.loadBalancerClass)).map((m) => fieldError.invalid('spec.loadBalancerClass', spec.loadBalancerClass, m)));
    else errs.push(fieldError.forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
  }
  return [...errs, ...validateTraffic(spec)];
}

/**
 * ValidateServiceUpdate: metadata rules, cluster IPs and IP families may
 * not change once set (unless the type moves to or from ExternalName), the
 * health-check port and loadBalancerClass are fixed, and the result must be
 * a valid Service.
 */
export function validateServiceUpdate(nextIn: KubeObject, prevIn: KubeObject): FieldError[] {
  const prev = prevIn as Service;
  const next = normalizeClusterIPs(prev, nextIn as Service);
  const n = next.spec ?? {};
  const o = prev.spec ?? {};
  const errs = validateObjectMetaUpdate(next.metadata, prev.metadata);
  const externalName = n.type === 'ExternalName' || o.type === 'ExternalName';
  if (!externalName && !(isHeadless(o) && isHeadless(n))) {
    const ni = asArray<string>(n.clusterIPs);
    const oi = asArray<string>(o.clusterIPs);
    const inv = (field: string, detail: string) => withGoValue(fieldError.invalid(field, ni, detail), goStringSlice(ni));
    if (oi.length === ni.length) {
      oi.forEach((ip, i) => { if (ip !== ni[i]) errs.push(inv(index('spec.clusterIPs', i), 'may not change once set')); });
    } else if (oi.length > ni.length) {
      if (!ni.length) errs.push(inv('spec.clusterIPs[0]', 'primary clusterIP can not be unset'));
      if (ni.length && ni[0] !== oi[0]) errs.push(inv('spec.clusterIPs[0]', 'may not change once set'));
      if (ni.length === 1 && n.ipFamilyPolicy !== 'SingleStack') {
        errs.push(fieldError.invalid('spec.ipFamilyPolicy', n.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
      }
    } else if (oi.length && ni[0] !== oi[0]) {
      errs.push(inv('spec.clusterIPs[0]', 'may not change once set'));
    }
  }
  if (!externalName && isHeadless(o) === isHeadless(n) && !isHeadless(n)) {
    const nf = asArray<string>(n.ipFamilies);
    const of = asArray<string>(o.ipFamilies);
    const changed = nf.length === of.length ? of.some((f, i) => f !== nf[i]) : nf.length && of.length && nf[0] !== of[0];
    if (changed) errs.push(withGoValue(fieldError.invalid('spec.ipFamilies[0]', nf, 'may not change once set'), goStringSlice(nf)));
  }
  if (o.type === 'LoadBalancer' && n.type === 'LoadBalancer' && (o.loadBalancerClass ?? null) !== (n.loadBalancerClass ?? null)) {
    errs.push(fieldError.invalid('spec.loadBalancerClass', n.loadBalancerClass ?? null, 'may not change once set'));
  }
  if (needsHealthCheckNodePort(o) && needsHealthCheckNodePort(n) && o.healthCheckNodePort !== n.healthCheckNodePort) {
    errs.push(fieldError.forbidden('spec.healthCheckNodePort', 'field is immutable'));
  }
  return [...errs, ...validateService(next)];
}
