import { apiError } from '../api/api-error.test-helper';
import { typeMismatch } from './type-check';
import { admitApplyTypes, admitBodyTypes, admitPatchedTypes } from '../admission/type-admission';

const pod = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'p' }): Record<string, unknown> => ({
  apiVersion: 'v1', kind: 'Pod', metadata, spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec },
});


describe('typeMismatch', () => {
  it("words a string nodeSelector as Go's decoder does", () => {
    expect(typeMismatch('Pod', pod({ nodeSelector: 'a=b' }))?.message).toBe(
      'json: cannot unmarshal string into Go struct field PodSpec.spec.nodeSelector of type map[string]string',
    );
  });

  it('names the innermost struct and the whole json path for nested fields', () => {
    const found = typeMismatch('Pod', pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: 'x' } } } }));
    expect(found?.message).toBe(
      'json: cannot unmarshal string into Go struct field NodeSelector.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms of type []v1.NodeSelectorTerm',
    );
    expect(found?.path).toBe('.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms');
  });

  it('checks metadata, list items and map values', () => {
    expect(typeMismatch('Pod', pod({}, { name: 'p', ownerReferences: 'x' }))?.message).toBe(
      'json: cannot unmarshal string into Go struct field ObjectMeta.metadata.ownerReferences of type []v1.OwnerReference',
    );
    expect(typeMismatch('Pod', pod({ containers: ['x'] }))?.message).toBe(
      'json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type v1.Container',
    );
    expect(typeMismatch('ConfigMap', { metadata: { name: 'c', labels: { a: 1 } } })?.message).toBe(
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    );
    expect(typeMismatch('Pod', pod({}, 'x' as unknown as Record<string, unknown>))?.message).toBe(
      'json: cannot unmarshal string into Go struct field Pod.metadata of type v1.ObjectMeta',
    );
  });

  it('checks integers, their width and booleans', () => {
    expect(typeMismatch('Deployment', { spec: { replicas: '3' } })?.message).toBe(
      'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
    expect(typeMismatch('Deployment', { spec: { replicas: 1.5 } })?.message).toBe(
      'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
    expect(typeMismatch('Deployment', { spec: { replicas: 2 ** 31 } })?.found).toBe('number 2147483648');
    expect(typeMismatch('Deployment', { spec: { paused: 'yes' } })?.expected).toBe('bool');
  });

  it('accepts what Go accepts: null anywhere, unknown fields, numbers for quantities, ints or strings for IntOrString', () => {
    expect(typeMismatch('Pod', pod({ nodeSelector: null, unknownThing: 5 }))).toBeUndefined();
    expect(typeMismatch('Pod', pod({ containers: [{ name: 'c', image: 'i', resources: { limits: { cpu: 1, memory: '1Gi' } } }] }))).toBeUndefined();
    expect(typeMismatch('Service', { spec: { ports: [{ port: 80, targetPort: 'http' }, { port: 81, targetPort: 8080 }] } })).toBeUndefined();
    expect(typeMismatch('Service', { spec: { ports: [{ port: 80, targetPort: true }] } })?.message).toBe(
      'json: cannot unmarshal bool into Go value of type int32',
    );
    expect(typeMismatch('Pod', pod({ containers: [{ name: 'c', resources: { limits: { cpu: true } } }] }))?.message).toMatch(/^quantities must match/);
  });

  it('passes every well-formed kind untouched', () => {
    expect(typeMismatch('Service', { spec: { selector: { a: 'b' }, ports: [{ port: 80 }] } })).toBeUndefined();
    expect(typeMismatch('Service', { spec: { selector: 'a=b' } })?.message).toBe(
      'json: cannot unmarshal string into Go struct field ServiceSpec.spec.selector of type map[string]string',
    );
  });
});

describe('type admission', () => {
  it('answers a wrongly-typed body with kube-apiserver\'s 400', () => {
    const err = apiError(() => admitBodyTypes({ apiVersion: 'v1', kind: 'Pod' }, pod({ nodeSelector: 'a=b' })));
    expect(err.code).toBe(400);
    expect(err.reason).toBe('BadRequest');
    expect(err.message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field PodSpec.spec.nodeSelector of type map[string]string',
    );
    expect(apiError(() => admitBodyTypes({ apiVersion: 'apps/v1', kind: 'Deployment' }, { spec: { replicas: 'x' } })).message)
      .toMatch(/^Deployment in version "v1" cannot be handled as a Deployment: /);
  });

  it('answers a patched object that would not decode with 422 on field patch', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };
    const asSecret = apiError(() => admitPatchedTypes({ apiVersion: 'v1', kind: 'ConfigMap' }, { ...cm, kind: 'Secret' }));
    expect(asSecret.code).toBe(422);
    expect(asSecret.message).toMatch(/^ "" is invalid: patch: Invalid value: ".*": converting \(v1\.Secret\) to \(core\.ConfigMap\): unknown conversion$/);
    expect(asSecret.details?.causes?.[0].field).toBe('patch');
    const v2 = apiError(() => admitPatchedTypes({ apiVersion: 'v1', kind: 'ConfigMap' }, { ...cm, apiVersion: 'v2' }));
    expect(v2.code).toBe(422);
    expect(v2.message).toContain('no kind "ConfigMap" is registered for version "v2"');
    const typed = apiError(() => admitPatchedTypes({ apiVersion: 'v1', kind: 'ConfigMap' }, { ...cm, data: ['a'] }));
    expect(typed.message).toContain('json: cannot unmarshal array into Go struct field ConfigMap.data of type map[string]string');
    expect(() => admitPatchedTypes({ apiVersion: 'v1', kind: 'ConfigMap' }, { metadata: { name: 'c' }, data: { a: 'b' } })).not.toThrow();
  });

  it('answers a wrongly-typed apply configuration with 400', () => {
    const err = apiError(() => admitApplyTypes({ apiVersion: 'v1', kind: 'Service' }, 'default', 's', { spec: { selector: 'a=b' } }));
    expect(err.code).toBe(400);
    expect(err.message).toBe('failed to create typed patch object (default/s; /v1, Kind=Service): .spec.selector: expected map, got string');
  });
});

describe('timestamps', () => {
  it("refuses what Go's time.Parse(RFC3339) refuses, in its words", () => {
    const at = (ts: unknown): string | undefined => typeMismatch('ConfigMap', { metadata: { name: 'c', creationTimestamp: ts } })?.message;
    expect(at('2026-01-02T03:04:05Z')).toBeUndefined();
    expect(at('2026-01-02T03:04:05.123456+02:00')).toBeUndefined();
    expect(at(null)).toBeUndefined();
    expect(at('yesterday')).toBe('parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"');
    expect(at('2026-01-02 03:04:05Z')).toBe('parsing time "2026-01-02 03:04:05Z" as "2006-01-02T15:04:05Z07:00": cannot parse " 03:04:05Z" as "T"');
    expect(at('2026-13-02T03:04:05Z')).toBe('parsing time "2026-13-02T03:04:05Z": month out of range');
    expect(at('2026-02-30T03:04:05Z')).toBe('parsing time "2026-02-30T03:04:05Z": day out of range');
    expect(at('2026-01-02T03:04:05')).toBe('parsing time "2026-01-02T03:04:05" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"');
    expect(at('2026-01-02T03:04:05Zjunk')).toBe('parsing time "2026-01-02T03:04:05Zjunk": extra text: "junk"');
    expect(at(5)).toBe('json: cannot unmarshal number into Go value of type string');
  });
});
