import { invalid } from '../api/errors';
import type { Container, Pod } from '../api/types';
import { applyDefaults } from './defaults';
import { kubeFieldErrorMessage } from './go-format';
import { validateCreate, validateStatusUpdate, validateUpdate } from './validate';
import { bindingConflict, validateBinding } from './validate-pod';

const base = (containers: Partial<Container>[] = [{ name: 'web', image: 'nginx:1.27' }], spec: Partial<Pod['spec']> = {}): Pod =>
  applyDefaults('Pod', {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: 'u1', resourceVersion: '5' },
    spec: { containers: containers as Container[], ...spec },
  });
const create = (p: Pod) => validateCreate('Pod', p).map(kubeFieldErrorMessage);

describe('Pod create', () => {
  it('accepts a defaulted minimal pod', () => {
    expect(validateCreate('Pod', base())).toEqual([]);
  });

  it('requires containers', () => {
    expect(create(base([]))).toEqual(['spec.containers: Required value']);
  });

  it('requires an image, with the exact kube message', () => {
    const errs = validateCreate('Pod', base([{ name: 'web' }]));
    expect(invalid('Pod', 'web', errs).message).toBe('Pod "web" is invalid: spec.containers[0].image: Required value');
  });

  it('container names are DNS labels, unique across init and regular containers', () => {
    expect(create(base([{ name: 'Web', image: 'x' }]))[0]).toMatch(/^spec\.containers\[0\]\.name: Invalid value: "Web": a lowercase RFC 1123 label/);
    expect(create(base([{ name: 'a', image: 'x' }, { name: 'a', image: 'y' }]))).toEqual(['spec.containers[1].name: Duplicate value: "a"']);
    expect(create(base([{ name: 'a', image: 'x' }], { initContainers: [{ name: 'a', image: 'y' }] }))).toEqual(['spec.initContainers[0].name: Duplicate value: "a"']);
    expect(create(base([{ image: 'x' }]))).toEqual(['spec.containers[0].name: Required value']);
  });

  it('checks ports', () => {
    const errs = create(base([{ name: 'c', image: 'x', ports: [
      { containerPort: 70000, name: 'HTTP' }, { containerPort: 0 }, { containerPort: 80, protocol: 'ICMP' as 'TCP', name: 'web' }, { containerPort: 81, name: 'web' },
    ] }]));
    expect(errs).toEqual([
      'spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain at least one letter (a-z)',
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.containers[0].ports[1].containerPort: Required value',
      'spec.containers[0].ports[2].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
      'spec.containers[0].ports[3].name: Duplicate value: "web"',
    ]);
  });

  it('rejects colliding host ports', () => {
    expect(create(base([{ name: 'c', image: 'x', ports: [{ containerPort: 80, hostPort: 8080 }, { containerPort: 81, hostPort: 8080 }] }])))
      .toEqual(['spec.containers[0].ports[1].hostPort: Duplicate value: "TCP//8080"']);
  });

  it('checks env var names (relaxed in 1.32, strict on request)', () => {
    const p = base([{ name: 'c', image: 'x', env: [{ name: '1_OK' }, { name: 'A=B' }, { name: '' }] }]);
    expect(create(p)).toEqual([
      'spec.containers[0].env[1].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than \'=\'',
      'spec.containers[0].env[2].name: Required value',
    ]);
    expect(validateCreate('Pod', p, { relaxedEnvVarNames: false }).map((e) => e.field)).toContain('spec.containers[0].env[0].name');
  });

  it('checks valueFrom sources', () => {
    const p = base([{ name: 'c', image: 'x', env: [{ name: 'A', value: 'v', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'B', valueFrom: {} }] }]);
    expect(create(p)).toEqual([
      'spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
      'spec.containers[0].env[1].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
    ]);
  });

  it('restartPolicy must be a supported value', () => {
    expect(create(base(undefined, { restartPolicy: 'Sometimes' as 'Always' }))).toEqual([
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ]);
  });

  it('volume names are unique and mounts must reference a volume', () => {
    const p = base([{ name: 'c', image: 'x', volumeMounts: [{ name: 'data', mountPath: '/d' }, { name: 'missing', mountPath: '/d' }] }],
      { volumes: [{ name: 'data', emptyDir: {} }, { name: 'data', emptyDir: {} }, { name: 'two', emptyDir: {}, hostPath: { path: '/x' } }] });
    expect(create(p)).toEqual([
      'spec.volumes[1].name: Duplicate value: "data"',
      'spec.volumes[2].hostPath: Forbidden: may not specify more than 1 volume type',
      'spec.containers[0].volumeMounts[1].name: Invalid value: "missing": not found',
      'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/d": must be unique',
    ]);
  });

  it('validates probes', () => {
    const p = base([{
      name: 'c', image: 'x',
      livenessProbe: { successThreshold: 2, exec: { command: [] } },
      readinessProbe: { tcpSocket: { port: 'HTTP' } },
    }]);
    expect(create(p)).toEqual([
      'spec.containers[0].livenessProbe.exec.command: Required value',
      'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
      'spec.containers[0].readinessProbe.tcpSocket.port: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.containers[0].readinessProbe.tcpSocket.port: Invalid value: "HTTP": must contain at least one letter (a-z)',
    ]);
    expect(create(base([{ name: 'c', image: 'x', startupProbe: {} }]))).toEqual([
      'spec.containers[0].startupProbe: Required value: must specify a handler type',
    ]);
  });

  it('checks resources: requests may not exceed limits', () => {
    const p = base([{ name: 'c', image: 'x', resources: { requests: { cpu: '2' }, limits: { cpu: '1', gpu: '1', 'memory': 'lots' } } }]);
    expect(create(p)).toEqual([
      'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers',
      "spec.containers[0].resources.limits[memory]: Invalid value: \"lots\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
      // Pod defaulting copied the bad limits into requests, so kube reports them twice too.
      'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers',
      "spec.containers[0].resources.requests[memory]: Invalid value: \"lots\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ]);
  });

  it('extended resources must be whole and requests must equal limits', () => {
    const p = base([{ name: 'c', image: 'x', resources: { limits: { 'example.com/gpu': '1.5' } } }]);
    // Pod defaulting copies the limit into requests, so both are reported.
    expect(create(p)).toEqual([
      'spec.containers[0].resources.limits[example.com/gpu]: Invalid value: "1.5": must be an integer',
      'spec.containers[0].resources.requests[example.com/gpu]: Invalid value: "1.5": must be an integer',
    ]);
  });

  it('init containers: no probes unless restartable, restartPolicy only Always', () => {
    const p = base(undefined, { initContainers: [
      { name: 'i', image: 'x', readinessProbe: { exec: { command: ['true'] } } },
      { name: 'j', image: 'x', restartPolicy: 'Never' },
      { name: 'k', image: 'x', restartPolicy: 'Always', readinessProbe: { exec: { command: ['true'] } } },
    ] as Container[] });
    expect(create(p)).toEqual([
      'spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
      'spec.initContainers[1].restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
    expect(create(base([{ name: 'c', image: 'x', restartPolicy: 'Always' }]))).toEqual([
      'spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers',
    ]);
  });

  it('checks tolerations, nodeName and activeDeadlineSeconds', () => {
    const p = base(undefined, {
      tolerations: [{ operator: 'Equal', value: 'x' }, { key: 'k', operator: 'Exists', value: 'v' }, { key: 'k', tolerationSeconds: 5, effect: 'NoSchedule' }],
      nodeName: 'Node_1', activeDeadlineSeconds: 0,
    });
    const errs = create(p);
    expect(errs).toContain('spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"');
    expect(errs).toContain('spec.tolerations[2].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set');
    expect(errs.some((e) => e.startsWith('spec.tolerations[1].operator: Invalid value: {'))).toBe(true);
    expect(errs.some((e) => e.startsWith('spec.nodeName: Invalid value: "Node_1": a lowercase RFC 1123 subdomain'))).toBe(true);
    expect(errs).toContain('spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive');
  });

  it('forbids ephemeral containers and nodeName with scheduling gates on create', () => {
    const p = base(undefined, { nodeName: 'n1', schedulingGates: [{ name: 'example.com/wait' }], ephemeralContainers: [{ name: 'dbg', image: 'x' }] });
    expect(create(p)).toEqual([
      'spec.ephemeralContainers: Forbidden: cannot be set on create',
      'spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared',
    ]);
  });

  it('rejects images with surrounding whitespace in pods only', () => {
    expect(create(base([{ name: 'c', image: ' nginx' }]))).toEqual(['spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace']);
  });

  it('requires validation-time defaults to be present', () => {
    const raw = { metadata: { name: 'p', namespace: 'd' }, spec: { containers: [{ name: 'c', image: 'x' }] } };
    expect(validateCreate('Pod', raw).map((e) => e.field)).toEqual([
      'spec.terminationGracePeriodSeconds', 'spec.containers[0].terminationMessagePolicy', 'spec.containers[0].imagePullPolicy',
      'spec.restartPolicy', 'spec.dnsPolicy',
    ]);
  });
});

describe('Pod update', () => {
  const old = base([{ name: 'web', image: 'nginx:1.27' }], { activeDeadlineSeconds: 100 });
  const with_ = (f: (p: Pod) => void): Pod => {
    const p = JSON.parse(JSON.stringify(old)) as Pod;
    f(p);
    return p;
  };
  const update = (next: Pod) => validateUpdate('Pod', old, next).map(kubeFieldErrorMessage);

  it('allows image changes, a shorter deadline and added tolerations', () => {
    const next = with_((p) => {
      p.spec.containers[0].image = 'nginx:1.28';
      p.spec.activeDeadlineSeconds = 50;
      p.spec.tolerations = [...(p.spec.tolerations ?? []), { key: 'dedicated', operator: 'Equal', value: 'x', effect: 'NoSchedule' }];
      p.metadata.labels = { tier: 'web' };
    });
    expect(validateUpdate('Pod', old, next)).toEqual([]);
  });

  it('forbids other spec changes with kube\'s message', () => {
    const next = with_((p) => { p.spec.containers[0].ports = [{ containerPort: 80, protocol: 'TCP' }]; });
    const [msg] = update(next);
    expect(msg.split('\n')[0]).toBe('spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)');
    expect(msg).toContain('+ \tspec.containers[0].ports: [{"containerPort":80,"protocol":"TCP"}]');
  });

  it('does not let an update bind the pod (nodeName)', () => {
    const [msg] = update(with_((p) => { p.spec.nodeName = 'node-1'; }));
    expect(msg).toMatch(/^spec: Forbidden: pod updates may not change fields other than/);
    expect(msg).toContain('+ \tspec.nodeName: "node-1"');
  });

  it('rejects adding containers, longer deadlines and removed tolerations', () => {
    expect(update(with_((p) => { p.spec.containers.push({ name: 'b', image: 'x' }); }))).toContain('spec.containers: Forbidden: pod updates may not add or remove containers');
    expect(update(with_((p) => { p.spec.activeDeadlineSeconds = 200; }))).toContain('spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value');
    expect(update(with_((p) => { delete p.spec.activeDeadlineSeconds; }))).toContain('spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value');
    expect(update(with_((p) => { p.spec.tolerations = []; }))).toContain('spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds');
  });

  it('allows tolerationSeconds to change and scheduling gates to be removed', () => {
    const gated = base(undefined, { schedulingGates: [{ name: 'example.com/a' }] });
    const next = JSON.parse(JSON.stringify(gated)) as Pod;
    next.spec.schedulingGates = [];
    next.spec.tolerations![0].tolerationSeconds = 60;
    expect(validateUpdate('Pod', gated, next)).toEqual([]);
    const added = JSON.parse(JSON.stringify(gated)) as Pod;
    added.spec.schedulingGates = [{ name: 'example.com/a' }, { name: 'example.com/b' }];
    expect(validateUpdate('Pod', gated, added).map(kubeFieldErrorMessage)).toEqual([
      "spec.schedulingGates[1].name: Forbidden: only deletion is allowed, but found new scheduling gate 'example.com/b'",
    ]);
  });

  it('lets a gated pod gain node selectors but not change them', () => {
    const gated = base(undefined, { schedulingGates: [{ name: 'example.com/a' }], nodeSelector: { zone: 'a' } });
    const more = JSON.parse(JSON.stringify(gated)) as Pod;
    more.spec.nodeSelector = { zone: 'a', disk: 'ssd' };
    expect(validateUpdate('Pod', gated, more)).toEqual([]);
    const changed = JSON.parse(JSON.stringify(gated)) as Pod;
    changed.spec.nodeSelector = { zone: 'b' };
    expect(validateUpdate('Pod', gated, changed).map(kubeFieldErrorMessage)).toEqual([
      'spec.nodeSelector: Invalid value: map[string]string{"zone":"b"}: only additions to spec.nodeSelector are allowed (no mutations or deletions)',
    ]);
  });

  it('keeps metadata identity immutable', () => {
    expect(update(with_((p) => { p.metadata.uid = 'other'; }))).toEqual(['metadata.uid: Invalid value: "other": field is immutable']);
  });
});

describe('Pod status update and binding', () => {
  const running = base(undefined, { nodeName: 'n1', restartPolicy: 'Never' });
  running.status = { phase: 'Running', qosClass: 'BestEffort',
    containerStatuses: [{ name: 'web', ready: false, restartCount: 0, image: 'x', state: { terminated: { exitCode: 0 } } }] };

  it('may not move the pod or change its QoS class', () => {
    const next = JSON.parse(JSON.stringify(running)) as Pod;
    next.spec.nodeName = 'n2';
    next.status!.qosClass = 'Guaranteed';
    expect(validateStatusUpdate('Pod', running, next).map(kubeFieldErrorMessage)).toEqual([
      'status.nodeName: Forbidden: may not be changed directly',
      'status.qosClass: Invalid value: "Guaranteed": field is immutable',
    ]);
  });

  it('may not revive a terminated container when restartPolicy is Never', () => {
    const next = JSON.parse(JSON.stringify(running)) as Pod;
    next.status!.containerStatuses![0].state = { running: {} };
    expect(validateStatusUpdate('Pod', running, next).map(kubeFieldErrorMessage)).toEqual([
      'status.containerStatuses[0].state: Forbidden: may not be transitioned to non-terminated state',
    ]);
  });

  it('binding targets a node by name; a bound pod cannot be bound again', () => {
    expect(validateBinding({ metadata: { name: 'web' }, target: { kind: 'Node', name: 'n1' } })).toEqual([]);
    expect(validateBinding({ metadata: { name: 'web' }, target: { kind: 'Pod' } }).map(kubeFieldErrorMessage)).toEqual([
      'target.kind: Unsupported value: "Pod": supported values: "Node", "<empty>"',
      'target.name: Required value',
    ]);
    expect(bindingConflict(base())).toBeUndefined();
    expect(bindingConflict(running)).toBe('pod web is already assigned to node "n1"');
    expect(bindingConflict({ ...base(), metadata: { name: 'web', deletionTimestamp: 't' } })).toBe('pod web is being deleted, cannot be assigned to a host');
  });
});
