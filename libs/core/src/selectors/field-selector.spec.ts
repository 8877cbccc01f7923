import { ApiError } from '../api/errors';
import type { KubeObject } from '../api/meta';
import { escapeFieldValue, parseFieldSelector, unescapeFieldValue } from './field-selector';
import { isSelectableField, selectableFieldValue, supportedFieldLabels } from './selectable-fields';

const pod = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, ...extra,
});

function error(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('expected an error');
}

describe('parseFieldSelector', () => {
  it('matches metadata.name and metadata.namespace on any kind', () => {
    const s = parseFieldSelector('ConfigMap', 'metadata.name=a,metadata.namespace=ns');
    expect(s({ metadata: { name: 'a', namespace: 'ns' } })).toBe(true);
    expect(s({ metadata: { name: 'b', namespace: 'ns' } })).toBe(false);
    expect(s.matches({ metadata: { name: 'a', namespace: 'other' } })).toBe(false);
  });

  it('gives cluster-scoped objects an empty namespace', () => {
    expect(parseFieldSelector('Node', 'metadata.namespace=')({ metadata: { name: 'n1' } })).toBe(true);
    expect(parseFieldSelector('Node', 'metadata.namespace!=')({ metadata: { name: 'n1' } })).toBe(false);
  });

  it('supports =, == and !=', () => {
    const running = pod('a', { status: { phase: 'Running' } });
    expect(parseFieldSelector('Pod', 'status.phase=Running')(running)).toBe(true);
    expect(parseFieldSelector('Pod', 'status.phase==Running')(running)).toBe(true);
    expect(parseFieldSelector('Pod', 'status.phase!=Running')(running)).toBe(false);
    expect(parseFieldSelector('Pod', 'status.phase!=Pending')(running)).toBe(true);
  });

  it('compares missing values as the empty string (unscheduled pods have spec.nodeName=)', () => {
    const s = parseFieldSelector('Pod', 'spec.nodeName=');
    expect(s(pod('a'))).toBe(true);
    expect(s(pod('b', { spec: { nodeName: 'n1' } }))).toBe(false);
    expect(parseFieldSelector('Pod', 'spec.nodeName!=')(pod('b', { spec: { nodeName: 'n1' } }))).toBe(true);
  });

  it('ANDs terms', () => {
    const s = parseFieldSelector('Pod', 'spec.nodeName=n1,status.phase=Running');
    expect(s(pod('a', { spec: { nodeName: 'n1' }, status: { phase: 'Running' } }))).toBe(true);
    expect(s(pod('a', { spec: { nodeName: 'n1' }, status: { phase: 'Pending' } }))).toBe(false);
  });

  it('matches everything when empty', () => {
    const s = parseFieldSelector('Pod', '');
    expect(s.empty).toBe(true);
    expect(s(pod('x'))).toBe(true);
    expect(s.toString()).toBe('');
  });

  it('renders booleans and numbers as Go does, zero values included', () => {
    const node = (spec?: Record<string, unknown>): KubeObject => ({ metadata: { name: 'n' }, ...(spec ? { spec } : {}) });
    expect(parseFieldSelector('Node', 'spec.unschedulable=true')(node({ unschedulable: true }))).toBe(true);
    expect(parseFieldSelector('Node', 'spec.unschedulable=false')(node())).toBe(true);
    expect(parseFieldSelector('Node', 'spec.unschedulable=false')(node({ unschedulable: true }))).toBe(false);
    const rs = (replicas?: number): KubeObject => ({ metadata: { name: 'r' }, status: replicas === undefined ? {} : { replicas } });
    expect(parseFieldSelector('ReplicaSet', 'status.replicas=3')(rs(3))).toBe(true);
    expect(parseFieldSelector('ReplicaSet', 'status.replicas=0')(rs())).toBe(true);
    expect(parseFieldSelector('ReplicaSet', 'status.replicas!=0')(rs(2))).toBe(true);
  });

  it('reads every Pod field', () => {
    const p = pod('a', {
      spec: { nodeName: 'n1', restartPolicy: 'Never', schedulerName: 'custom', serviceAccountName: 'sa', hostNetwork: true },
      status: { phase: 'Running', podIPs: [{ ip: '10.0.0.2' }], podIP: '10.0.0.9', nominatedNodeName: 'n2' },
    });
    const want: Record<string, string> = {
      'spec.nodeName': 'n1', 'spec.restartPolicy': 'Never', 'spec.schedulerName': 'custom', 'spec.serviceAccountName': 'sa',
      'spec.hostNetwork': 'true', 'status.phase': 'Running', 'status.podIP': '10.0.0.2', 'status.nominatedNodeName': 'n2',
    };
    for (const [field, value] of Object.entries(want)) expect([field, selectableFieldValue('Pod', field, p)]).toEqual([field, value]);
    expect(selectableFieldValue('Pod', 'status.podIP', pod('b', { status: { podIP: '10.1.1.1' } }))).toBe('10.1.1.1');
  });

  it('reads Event fields, including source from reportingController', () => {
    const ev: KubeObject = {
      metadata: { name: 'e', namespace: 'default' },
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', uid: 'u1', apiVersion: 'v1', resourceVersion: '7', fieldPath: 'spec.containers{c}' },
      reason: 'Scheduled', reportingController: 'default-scheduler', type: 'Normal',
    };
    const want: Record<string, string> = {
      'involvedObject.kind': 'Pod', 'involvedObject.namespace': 'default', 'involvedObject.name': 'web', 'involvedObject.uid': 'u1',
      'involvedObject.apiVersion': 'v1', 'involvedObject.resourceVersion': '7', 'involvedObject.fieldPath': 'spec.containers{c}',
      reason: 'Scheduled', reportingComponent: 'default-scheduler', source: 'default-scheduler', type: 'Normal',
    };
    for (const [field, value] of Object.entries(want)) expect([field, selectableFieldValue('Event', field, ev)]).toEqual([field, value]);
    expect(selectableFieldValue('Event', 'source', { ...ev, source: { component: 'kubelet' } })).toBe('kubelet');
    expect(parseFieldSelector('Event', 'involvedObject.name=web,type=Normal')(ev)).toBe(true);
  });

  it('reads Namespace status.phase', () => {
    expect(parseFieldSelector('Namespace', 'status.phase=Active')({ metadata: { name: 'x' }, status: { phase: 'Active' } })).toBe(true);
  });

  it('rejects a field the kind does not support, in kube\'s words', () => {
    const e = error(() => parseFieldSelector('Pod', 'spec.unschedulable=true'));
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe(400);
    expect(e.message).toBe('field label not supported: spec.unschedulable');
    expect(error(() => parseFieldSelector('ConfigMap', 'status.phase=x')).message).toBe('field label not supported: status.phase');
    expect(error(() => parseFieldSelector('Unknown', 'spec.nodeName=x')).message).toBe('field label not supported: spec.nodeName');
  });

  it('rejects a term without an operator', () => {
    const e = error(() => parseFieldSelector('Pod', 'metadata.name=a,bogus'));
    expect(e.code).toBe(400);
    expect(e.message).toBe("invalid selector: 'metadata.name=a,bogus'; can't understand 'bogus'");
  });

  it('unescapes values and rejects bare separators', () => {
    const s = parseFieldSelector('Pod', 'metadata.name=a\\,b\\=c\\\\d');
    expect(s.requirements[0].value).toBe('a,b=c\\d');
    expect(s(pod('a,b=c\\d'))).toBe(true);
    expect(s.toString()).toBe('metadata.name=a\\,b\\=c\\\\d');
    expect(error(() => parseFieldSelector('Pod', 'metadata.name=a=b')).message).toBe('invalid field selector: unescaped character in value: 61');
    expect(error(() => parseFieldSelector('Pod', 'metadata.name=a\\x')).message).toBe('invalid field selector: invalid escape sequence: \\x');
    expect(error(() => unescapeFieldValue('a\\')).message).toBe('invalid field selector: invalid escape sequence: \\');
    expect(unescapeFieldValue(escapeFieldValue('x,=\\y'))).toBe('x,=\\y');
  });

  it('splits a term at its first operator, trying != and == before =', () => {
    expect(parseFieldSelector('Pod', 'metadata.name!=x').requirements[0]).toEqual({ field: 'metadata.name', operator: '!=', value: 'x' });
    expect(parseFieldSelector('Pod', 'metadata.name==x').requirements[0]).toEqual({ field: 'metadata.name', operator: '=', value: 'x' });
    expect(parseFieldSelector('Pod', 'metadata.name=!x').requirements[0].value).toBe('!x');
  });

  it('exposes exact-match requirements for lookups', () => {
    const s = parseFieldSelector('Pod', 'status.phase!=Failed,metadata.name=web');
    expect(s.exactMatch('metadata.name')).toBe('web');
    expect(s.exactMatch('status.phase')).toBeUndefined();
    expect(s.exactMatch('metadata.namespace')).toBeUndefined();
  });

  it('orders terms canonically, like kube', () => {
    expect(parseFieldSelector('Pod', 'status.phase=Running,metadata.name=a').toString()).toBe('metadata.name=a,status.phase=Running');
    expect(parseFieldSelector('Pod', ',metadata.name=a,').requirements).toHaveLength(1);
  });

  it('lists the supported fields per kind', () => {
    expect(supportedFieldLabels('ConfigMap')).toEqual(['metadata.name', 'metadata.namespace']);
    expect(supportedFieldLabels('Node')).toContain('spec.unschedulable');
    expect(isSelectableField('Pod', 'toString')).toBe(false);
    expect(isSelectableField('Pod', 'spec.nodeName')).toBe(true);
  });
});
