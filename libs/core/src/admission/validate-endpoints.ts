/**
 * Endpoints validation (ValidateEndpoints): every subset has addresses,
 * addresses are real unicast IPs, ports are named when there are several.
 */
import { fieldError, type FieldError } from '../api/errors';
import type { KubeObject } from '../api/meta';
import { child, index } from './field-path';
import { isValidPortNum, validateIP, validateNonSpecialIP } from './formats';
import { isDNS1123Label, isQualifiedName, nameIsDNSSubdomain } from './names';
import { metaRulesFor, validateObjectMeta, validateObjectMetaUpdate } from './object-meta';
import type { ValidationOptions } from './options';
import { asArray, asRecord, str } from './util';

type Obj = Record<string, unknown>;

function validateAddress(a: Obj, path: string, opts: ValidationOptions): FieldError[] {
  const ip = str(a.ip);
  const errs = validateIP(child(path, 'ip'), ip);
  const hostname = str(a.hostname);
  if (hostname) errs.push(...isDNS1123Label(hostname).map((m) => fieldError.invalid(child(path, 'hostname'), hostname, m)));
  if (typeof a.nodeName === 'string') {
    errs.push(...nameIsDNSSubdomain(a.nodeName, false).map((m) => fieldError.invalid(child(path, 'nodeName'), a.nodeName, m)));
  }
  return [...errs, ...validateNonSpecialIP(child(path, 'ip'), ip, opts.allowLoopbackIPs !== false)];
}

function validatePort(p: Obj, requireName: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(p.name);
  if (requireName && !name) errs.push(fieldError.required(child(path, 'name')));
  else if (name) errs.push(...isDNS1123Label(name).map((m) => fieldError.invalid(child(path, 'name'), name, m)));
  const port = typeof p.port === 'number' ? p.port : 0;
  errs.push(...isValidPortNum(port).map((m) => fieldError.invalid(child(path, 'port'), port, m)));
  const protocol = str(p.protocol);
  if (!protocol) errs.push(fieldError.required(child(path, 'protocol')));
  else if (!['SCTP', 'TCP', 'UDP'].includes(protocol)) errs.push(fieldError.notSupported(child(path, 'protocol'), protocol, ['SCTP', 'TCP', 'UDP']));
  if (p.appProtocol !== undefined) {
    errs.push(...isQualifiedName(str(p.appProtocol)).map((m) => fieldError.invalid(child(path, 'appProtocol'), p.appProtocol, m)));
  }
  return errs;
}

/** ValidateEndpoints (create and update alike). */
export function validateEndpoints(ep: KubeObject, opts: ValidationOptions = {}): FieldError[] {
  const errs = validateObjectMeta(ep.metadata, metaRulesFor('Endpoints'));
  asArray<Obj>(ep.subsets).forEach((raw, i) => {
    const ss = asRecord(raw) ?? {};
    const p = index('subsets', i);
    const ready = asArray<Obj>(ss.addresses);
    const notReady = asArray<Obj>(ss.notReadyAddresses);
    if (!ready.length && !notReady.length) errs.push(fieldError.required(p, 'must specify `addresses` or `notReadyAddresses`'));
    ready.forEach((a, j) => errs.push(...validateAddress(asRecord(a) ?? {}, index(child(p, 'addresses'), j), opts)));
    notReady.forEach((a, j) => errs.push(...validateAddress(asRecord(a) ?? {}, index(child(p, 'notReadyAddresses'), j), opts)));
    const ports = asArray<Obj>(ss.ports);
    ports.forEach((port, j) => errs.push(...validatePort(asRecord(port) ?? {}, ports.length > 1, index(child(p, 'ports'), j))));
  });
  return errs;
}

/** ValidateEndpointsUpdate. */
export function validateEndpointsUpdate(next: KubeObject, prev: KubeObject, opts: ValidationOptions = {}): FieldError[] {
  return [...validateObjectMetaUpdate(next.metadata, prev.metadata), ...validateEndpoints(next, opts)];
}
