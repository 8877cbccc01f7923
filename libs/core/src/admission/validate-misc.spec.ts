import { invalid } from '../api/errors';
import type { KubeObject } from '../api/meta';
import { applyDefaults } from './defaults';
import { kubeFieldErrorMessage } from './go-format';
import { validateCreate, validateStatusUpdate, validateUpdate } from './validate';

const lines = (errs: ReturnType<typeof validateCreate>) => errs.map(kubeFieldErrorMessage);
const cm = (extra: Partial<KubeObject>): KubeObject => ({ metadata: { name: 'cfg', namespace: 'default', uid: 'u' }, ...extra });

describe('ConfigMap', () => {
  it('keys must be config keys', () => {
    expect(validateCreate('ConfigMap', cm({ data: { 'app.properties': 'x', KEY_1: 'y' } }))).toEqual([]);
    expect(lines(validateCreate('ConfigMap', cm({ data: { 'a/b': 'x' } })))).toEqual([
      "data[a/b]: Invalid value: \"a/b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]);
  });

  it('data and binaryData may not share a key', () => {
    expect(lines(validateCreate('ConfigMap', cm({ data: { k: 'x' }, binaryData: { k: 'eA==' } })))).toEqual([
      'data[k]: Invalid value: "k": duplicate of key present in binaryData',
    ]);
  });

  it('the total payload is at most 1 MiB, binary counted decoded', () => {
    expect(validateCreate('ConfigMap', cm({ data: { a: 'x'.repeat(1024 * 1024) } }))).toEqual([]);
    const err = invalid('ConfigMap', 'cfg', validateCreate('ConfigMap', cm({ data: { a: 'x'.repeat(1024 * 1024) }, binaryData: { b: 'eA==' } })));
    expect(err.message).toBe('ConfigMap "cfg" is invalid: []: Too long: may not be more than 1048576 bytes');
  });

  it('an immutable ConfigMap keeps its data and its flag', () => {
    const old = cm({ data: { a: '1' }, immutable: true });
    expect(validateUpdate('ConfigMap', old, { ...old, metadata: { ...old.metadata, labels: { x: 'y' } } })).toEqual([]);
    expect(lines(validateUpdate('ConfigMap', old, { ...old, data: { a: '2' }, immutable: false }))).toEqual([
      'immutable: Forbidden: field is immutable when `immutable` is set',
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
    const mutable = cm({ data: { a: '1' } });
    expect(validateUpdate('ConfigMap', mutable, { ...mutable, data: { a: '2' }, immutable: true })).toEqual([]);
  });
});

describe('Namespace', () => {
  const ns = (name: string, extra: Partial<KubeObject> = {}) => applyDefaults('Namespace', { metadata: { name }, ...extra });

  it('names are DNS labels', () => {
    expect(validateCreate('Namespace', ns('team-a'))).toEqual([]);
    expect(invalid('Namespace', 'team.a', validateCreate('Namespace', ns('team.a'))).message).toBe(
      "Namespace \"team.a\" is invalid: metadata.name: Invalid value: \"team.a\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
  });

  it('spec finalizers need a domain unless standard', () => {
    expect(lines(validateCreate('Namespace', ns('a', { spec: { finalizers: ['cleanup'] } })))).toEqual([
      'spec.finalizers: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });

  it('status phase must agree with deletion', () => {
    const old = ns('a');
    expect(lines(validateStatusUpdate('Namespace', old, { ...old, status: { phase: 'Terminating' } }))).toEqual([
      "status.Phase: Invalid value: \"Terminating\": may only be 'Active' if `deletionTimestamp` is empty",
    ]);
  });
});

describe('Node', () => {
  const node = (spec: Record<string, unknown> = {}, status: Record<string, unknown> = {}): KubeObject =>
    ({ metadata: { name: 'node-1.example.com', uid: 'u' }, spec, status });

  it('accepts a plain node and rejects a namespace', () => {
    expect(validateCreate('Node', node())).toEqual([]);
    expect(lines(validateCreate('Node', { ...node(), metadata: { name: 'n', namespace: 'default' } }))).toEqual(['metadata.namespace: Forbidden: not allowed on this type']);
  });

  it('checks taints under metadata.taints, as kube reports them', () => {
    const errs = lines(validateCreate('Node', node({ taints: [{ key: 'k', effect: 'Sometimes' }, { key: 'dup', effect: 'NoSchedule' }, { key: 'dup', effect: 'NoSchedule' }] })));
    expect(errs).toEqual([
      'metadata.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      'metadata.taints[2]: Duplicate value: core.Taint{Key:"dup", Value:"", Effect:"NoSchedule", TimeAdded:(*v1.Time)(nil)}',
    ]);
  });

  it('checks capacity quantities and pod CIDRs', () => {
    expect(lines(validateCreate('Node', node({ podCIDRs: ['10.244.0.0/24', '10.245.0.0/24'] }, { capacity: { cpu: '-1' } })))).toEqual([
      'status.capacity.cpu: Invalid value: "-1": must be greater than or equal to 0',
      'spec.podCIDRs: Invalid value: []string{"10.244.0.0/24", "10.245.0.0/24"}: may specify no more than one CIDR for each IP family',
    ]);
  });

  it('pod CIDRs and providerID are set once', () => {
    const old = node({ podCIDRs: ['10.244.0.0/24'], providerID: 'sim://1' });
    expect(validateUpdate('Node', node(), old)).toEqual([]);
    expect(validateUpdate('Node', old, { ...old, spec: { podCIDRs: ['10.244.0.0/24'], providerID: 'sim://1', unschedulable: true } })).toEqual([]);
    expect(lines(validateUpdate('Node', old, { ...old, spec: { podCIDRs: ['10.244.1.0/24'], providerID: 'sim://2' } }))).toEqual([
      'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
      'spec.providerID: Forbidden: node updates may not change providerID except from "" to valid',
    ]);
  });
});

describe('Endpoints', () => {
  const ep = (subsets: unknown[]): KubeObject => applyDefaults('Endpoints', { metadata: { name: 'web', namespace: 'default' }, subsets });

  it('accepts addresses and named ports', () => {
    expect(validateCreate('Endpoints', ep([{ addresses: [{ ip: '10.244.0.5', nodeName: 'n1' }], ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] }]))).toEqual([]);
  });

  it('rejects empty subsets, bad IPs and unnamed ports', () => {
    expect(lines(validateCreate('Endpoints', ep([{ ports: [{ port: 80 }] }, { addresses: [{ ip: 'x' }], ports: [{ port: 80 }, { name: 'b', port: 81 }] }])))).toEqual([
      'subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`',
      'subsets[1].addresses[0].ip: Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      'subsets[1].addresses[0].ip: Invalid value: "x": must be a valid IP address',
      'subsets[1].ports[0].name: Required value',
    ]);
  });

  it('loopback addresses pass unless chronokube is told to be strict', () => {
    const loop = ep([{ addresses: [{ ip: '127.0.0.5' }] }]);
    expect(validateCreate('Endpoints', loop)).toEqual([]);
    expect(lines(validateCreate('Endpoints', loop, { allowLoopbackIPs: false }))).toEqual([
      'subsets[0].addresses[0].ip: Invalid value: "127.0.0.5": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    ]);
  });
});

describe('Event', () => {
  const ev = (extra: Record<string, unknown>, namespace = 'default'): KubeObject =>
    ({ metadata: { name: 'web.17e2a', namespace }, involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' }, reason: 'Started', ...extra });

  it('legacy events live in their object\'s namespace', () => {
    expect(validateCreate('Event', ev({}))).toEqual([]);
    expect(lines(validateCreate('Event', ev({}, 'other')))).toEqual(['involvedObject.namespace: Invalid value: "default": does not match event.namespace']);
    const nodeEvent = ev({ involvedObject: { kind: 'Node', name: 'n1' } });
    expect(validateCreate('Event', nodeEvent)).toEqual([]);
  });

  it('events with eventTime need reporting fields, with length limits', () => {
    const errs = lines(validateCreate('Event', ev({ eventTime: '2025-01-01T00:00:00.000000Z', reason: 'r'.repeat(129) })));
    expect(errs).toEqual([
      'reportingController: Required value',
      "reportingController: Invalid value: \"\": name part must be non-empty",
      "reportingController: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      'reportingInstance: Required value',
      'action: Required value',
      'reason: Invalid value: "": can have at most 128 characters',
    ]);
    expect(validateCreate('Event', ev({ eventTime: 't', reportingComponent: 'kubelet', reportingInstance: 'n1', action: 'Start' }))).toEqual([]);
  });

  it('names only need to be path segments', () => {
    expect(validateCreate('Event', { ...ev({}), metadata: { name: 'Web_Pod.1', namespace: 'default' } })).toEqual([]);
    expect(lines(validateCreate('Event', { ...ev({}), metadata: { name: 'a/b', namespace: 'default' } }))).toEqual(["metadata.name: Invalid value: \"a/b\": may not contain '/'"]);
  });
});

describe('Lease', () => {
  const lease = (spec: Record<string, unknown>): KubeObject => ({ metadata: { name: 'node-1', namespace: 'kube-node-lease', uid: 'u' }, spec });

  it('leaseDurationSeconds must be positive when set', () => {
    expect(validateCreate('Lease', lease({ holderIdentity: 'n1', leaseDurationSeconds: 40 }))).toEqual([]);
    expect(validateCreate('Lease', lease({}))).toEqual([]);
    expect(lines(validateCreate('Lease', lease({ leaseDurationSeconds: 0, leaseTransitions: -1 })))).toEqual([
      'spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
      'spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('updates keep identity and re-check the spec', () => {
    const old = lease({ leaseDurationSeconds: 40 });
    expect(validateUpdate('Lease', old, lease({ leaseDurationSeconds: 40, renewTime: 't' }))).toEqual([]);
    expect(lines(validateUpdate('Lease', old, lease({ leaseDurationSeconds: -5 })))).toEqual(['spec.leaseDurationSeconds: Invalid value: -5: must be greater than 0']);
  });
});

describe('unknown kinds', () => {
  it('get the generic metadata rules', () => {
    expect(lines(validateCreate('Widget', { metadata: { name: 'a%b', namespace: 'd' } }))).toEqual(["metadata.name: Invalid value: \"a%b\": may not contain '%'"]);
    expect(lines(validateUpdate('Widget', { metadata: { name: 'a' } }, { metadata: { name: 'b' } }))).toEqual(['metadata.name: Invalid value: "b": field is immutable']);
  });
});
