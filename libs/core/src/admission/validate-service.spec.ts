import { invalid } from '../api/errors';
import type { Service } from '../api/types';
import { applyDefaults } from './defaults';
import { kubeFieldErrorMessage, kubeInvalidMessage } from './go-format';
import { dropTypeDependentFields, normalizeClusterIPs, patchAllocatedValues, prepareServiceUpdate } from './service-prepare';
import { validateCreate, validateStatusUpdate, validateUpdate } from './validate';

const svc = (spec: Partial<Service['spec']>, name = 'web'): Service =>
  applyDefaults('Service', { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', uid: 'u' }, spec: { ports: [{ port: 80 }], selector: { app: 'web' }, ...spec } });
const create = (s: Service) => validateCreate('Service', s).map(kubeFieldErrorMessage);

describe('Service create', () => {
  it('accepts the common shapes', () => {
    expect(validateCreate('Service', svc({}))).toEqual([]);
    expect(validateCreate('Service', svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }))).toEqual([]);
    expect(validateCreate('Service', svc({ clusterIP: '10.96.0.10' }))).toEqual([]);
    expect(validateCreate('Service', svc({ clusterIP: 'None', ports: [] }))).toEqual([]);
    expect(validateCreate('Service', svc({ type: 'ExternalName', externalName: 'db.example.com.', ports: [] }))).toEqual([]);
  });

  it('names must be DNS-1035 labels', () => {
    const errs = validateCreate('Service', svc({}, '1web'));
    expect(invalid('Service', '1web', errs).message).toBe("Service \"1web\" is invalid: metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");
  });

  it('needs ports unless headless or ExternalName', () => {
    expect(create(svc({ ports: [] }))).toEqual(['spec.ports: Required value']);
  });

  it('needs names on every port when there are several, unique', () => {
    expect(create(svc({ ports: [{ port: 80 }, { port: 443, name: 'https' }] }))).toEqual(['spec.ports[0].name: Required value']);
    expect(create(svc({ ports: [{ port: 80, name: 'a' }, { port: 443, name: 'a' }] }))).toEqual(['spec.ports[1].name: Duplicate value: "a"']);
  });

  it('checks port numbers and target ports', () => {
    expect(create(svc({ ports: [{ port: 0 }] }))).toEqual([
      'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
    ]);
    expect(create(svc({ ports: [{ port: 80, targetPort: 'Web' }] }))[0]).toBe('spec.ports[0].targetPort: Invalid value: "Web": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  });

  it('rejects duplicate port/protocol pairs with Go\'s rendering of the key', () => {
    expect(create(svc({ ports: [{ port: 80, name: 'a' }, { port: 80, name: 'b' }] }))).toEqual([
      'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    ]);
    expect(validateCreate('Service', svc({ ports: [{ port: 53, name: 'a' }, { port: 53, name: 'b', protocol: 'UDP' }] }))).toEqual([]);
  });

  it('forbids nodePort on ClusterIP services', () => {
    expect(create(svc({ ports: [{ port: 80, nodePort: 30001 }] }))).toEqual(['spec.ports[0].nodePort: Forbidden: may not be used when `type` is \'ClusterIP\'']);
  });

  it('type must be supported', () => {
    expect(create(svc({ type: 'Internal' as 'ClusterIP' }))).toContain('spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"');
  });

  it('checks cluster IPs', () => {
    expect(create(svc({ clusterIP: '10.0.0.300' }))).toEqual(['spec.clusterIPs[0]: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']);
    expect(create(svc({ clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.2'] }))).toEqual(['spec.clusterIPs: Invalid value: []string{"10.0.0.2"}: first value must match `clusterIP`']);
    expect(create(svc({ type: 'NodePort', clusterIP: 'None' }))).toContain("spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services");
  });

  it('this cluster is single-stack', () => {
    expect(create(svc({ ipFamilyPolicy: 'RequireDualStack' }))).toEqual(['spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services']);
    expect(create(svc({ ipFamilies: ['IPv6'] }))).toEqual(['spec.ipFamilies[0]: Invalid value: "IPv6": not configured on this cluster']);
  });

  it('ExternalName services need a DNS name and no IPs', () => {
    expect(create(svc({ type: 'ExternalName', ports: [] }))).toEqual(['spec.externalName: Required value']);
    const raw = { metadata: { name: 'x', namespace: 'd' }, spec: { type: 'ExternalName', externalName: 'a.b', clusterIP: '10.0.0.1', sessionAffinity: 'None' } } as Service;
    expect(create(raw)).toEqual(['spec.clusterIPs: Forbidden: may not be set for ExternalName services']);
  });

  it('traffic policies depend on the type', () => {
    expect(create(svc({ externalTrafficPolicy: 'Local' }))).toEqual(['spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services']);
    expect(create(svc({ type: 'LoadBalancer', externalTrafficPolicy: 'Local' }))).toEqual(['spec.healthCheckNodePort: Required value']);
  });

  it('session affinity', () => {
    expect(create(svc({ sessionAffinity: 'Sticky' as 'None' }))).toEqual(['spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"']);
  });
});

describe('Service update', () => {
  const old = svc({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] });
  const next = (spec: Partial<Service['spec']>): Service => ({ ...old, spec: { ...old.spec, ...spec } });

  it('clusterIP may not change once set (kube\'s message)', () => {
    const errs = validateUpdate('Service', old, next({ clusterIP: '10.96.0.11', clusterIPs: ['10.96.0.11'] }));
    expect(kubeInvalidMessage('Service', 'web', errs)).toBe('Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set');
  });

  it('a changed clusterIP alone carries clusterIPs along and is still refused', () => {
    const errs = validateUpdate('Service', old, next({ clusterIP: '10.96.0.12' }));
    expect(errs.map(kubeFieldErrorMessage)).toEqual(['spec.clusterIPs[0]: Invalid value: []string{"10.96.0.12"}: may not change once set']);
  });

  it('allows switching to ExternalName and back', () => {
    const toExt = next({ type: 'ExternalName', externalName: 'db.example.com', ports: [] });
    const prepared = prepareServiceUpdate(old, toExt);
    expect(prepared.spec.clusterIP).toBeUndefined();
    expect(prepared.spec.ipFamilies).toBeUndefined();
    expect(validateUpdate('Service', old, prepared)).toEqual([]);
    const back = svc({ clusterIP: '10.96.0.99' });
    expect(validateUpdate('Service', prepared, back)).toEqual([]);
  });

  it('keeps the immutable metadata rules', () => {
    const errs = validateUpdate('Service', old, { ...old, metadata: { ...old.metadata, uid: 'x' } });
    expect(errs.map(kubeFieldErrorMessage)).toEqual(['metadata.uid: Invalid value: "x": field is immutable']);
  });

  it('status: only LoadBalancers report ingress', () => {
    const withIngress = { ...old, status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } };
    expect(validateStatusUpdate('Service', old, withIngress).map(kubeFieldErrorMessage)).toEqual([
      "status.loadBalancer.ingress: Forbidden: may only be used when `spec.type` is 'LoadBalancer'",
    ]);
  });
});

describe('service preparation', () => {
  it('derives clusterIPs from clusterIP on create', () => {
    expect(normalizeClusterIPs(undefined, { metadata: {}, spec: { clusterIP: '10.0.0.1' } }).spec.clusterIPs).toEqual(['10.0.0.1']);
  });

  it('keeps allocated values a re-applied manifest leaves out', () => {
    const before: Service = { metadata: {}, spec: { type: 'NodePort', clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1'], ports: [{ name: 'http', port: 80, nodePort: 30080 }] } };
    const after: Service = { metadata: {}, spec: { type: 'NodePort', ports: [{ name: 'http', port: 80 }] } };
    const out = patchAllocatedValues(before, after);
    expect(out.spec.clusterIP).toBe('10.0.0.1');
    expect(out.spec.clusterIPs).toEqual(['10.0.0.1']);
    expect(out.spec.ports?.[0].nodePort).toBe(30080);
    expect(after.spec.clusterIP).toBeUndefined();
  });

  it('does not reuse a node port another port now claims', () => {
    const before: Service = { metadata: {}, spec: { type: 'NodePort', ports: [{ name: 'a', port: 80, nodePort: 30080 }] } };
    const after: Service = { metadata: {}, spec: { type: 'NodePort', ports: [{ name: 'a', port: 80 }, { name: 'b', port: 81, nodePort: 30080 }] } };
    expect(patchAllocatedValues(before, after).spec.ports?.[0].nodePort).toBeUndefined();
  });

  it('drops node ports when leaving NodePort unless the client changed them', () => {
    const before: Service = { metadata: {}, spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }], externalTrafficPolicy: 'Cluster' } };
    const out = dropTypeDependentFields(before, { metadata: {}, spec: { type: 'ClusterIP', ports: [{ port: 80, nodePort: 30080 }], externalTrafficPolicy: 'Cluster' } });
    expect(out.spec.ports?.[0].nodePort).toBeUndefined();
    expect(out.spec.externalTrafficPolicy).toBeUndefined();
    const changed = dropTypeDependentFields(before, { metadata: {}, spec: { type: 'ClusterIP', ports: [{ port: 80, nodePort: 30081 }] } });
    expect(changed.spec.ports?.[0].nodePort).toBe(30081);
  });
});
