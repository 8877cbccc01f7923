import { invalid } from '../api/errors';
import { kubeFieldErrorMessage } from './go-format';
import {
  carryOverSystemFields, metaRulesFor, resolveNamespace, validateAnnotations, validateFinalizers, validateObjectMeta,
  validateObjectMetaUpdate, validateOwnerReferences, TOTAL_ANNOTATION_SIZE_LIMIT,
} from './object-meta';

const pod = metaRulesFor('Pod');
const ns = metaRulesFor('Namespace');
const lines = (errs: Parameters<typeof kubeFieldErrorMessage>[0][]) => errs.map(kubeFieldErrorMessage);

describe('validateObjectMeta', () => {
  it('requires a name unless generateName is set', () => {
    expect(lines(validateObjectMeta({ namespace: 'default' }, pod))).toEqual(['metadata.name: Required value: name or generateName is required']);
    expect(validateObjectMeta({ generateName: 'web-', namespace: 'default' }, pod)).toEqual([]);
    expect(lines(validateObjectMeta({ generateName: 'Web-', namespace: 'default' }, pod))[0]).toMatch(/^metadata\.generateName: Invalid value: "Web-": a lowercase RFC 1123 subdomain/);
  });

  it('gives the exact 422 message for a bad name', () => {
    const err = invalid('Pod', 'Bad_Name', validateObjectMeta({ name: 'Bad_Name', namespace: 'default' }, pod));
    expect(err.message).toBe("Pod \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    expect(err.code).toBe(422);
  });

  it('requires a namespace for namespaced kinds and forbids one otherwise', () => {
    expect(lines(validateObjectMeta({ name: 'a' }, pod))).toEqual(['metadata.namespace: Required value']);
    expect(lines(validateObjectMeta({ name: 'a', namespace: 'Bad' }, pod))[0]).toMatch(/^metadata\.namespace: Invalid value: "Bad": a lowercase RFC 1123 label/);
    expect(lines(validateObjectMeta({ name: 'a', namespace: 'default' }, ns))).toEqual(['metadata.namespace: Forbidden: not allowed on this type']);
    expect(validateObjectMeta({ name: 'a', namespace: '' }, ns)).toEqual([]);
  });

  it('checks labels without naming the key', () => {
    const errs = validateObjectMeta({ name: 'a', namespace: 'd', labels: { 'bad key': 'ok', good: 'bad value' } }, pod);
    expect(errs.map((e) => [e.field, e.value])).toEqual([['metadata.labels', 'bad key'], ['metadata.labels', 'bad value']]);
  });

  it('rejects a negative generation', () => {
    expect(lines(validateObjectMeta({ name: 'a', namespace: 'd', generation: -1 }, pod))).toEqual(['metadata.generation: Invalid value: -1: must be greater than or equal to 0']);
  });
});

describe('annotations', () => {
  it('keys are case-insensitive qualified names', () => {
    expect(validateAnnotations({ 'Example.COM/Key': 'x' }, 'metadata.annotations')).toEqual([]);
    expect(validateAnnotations({ 'a b': 'x' }, 'metadata.annotations')[0].value).toBe('a b');
  });
  it('total size is at most 256 KiB', () => {
    const big = { k: 'v'.repeat(TOTAL_ANNOTATION_SIZE_LIMIT - 1) };
    expect(validateAnnotations(big, 'metadata.annotations')).toEqual([]);
    const tooBig = { k: 'v'.repeat(TOTAL_ANNOTATION_SIZE_LIMIT) };
    expect(lines(validateAnnotations(tooBig, 'metadata.annotations'))).toEqual(['metadata.annotations: Too long: may not be more than 262144 bytes']);
  });
});

describe('ownerReferences', () => {
  it('reports missing fields without an index, as kube does', () => {
    const errs = validateOwnerReferences([{ apiVersion: '', kind: '', name: '', uid: '' }], 'metadata.ownerReferences');
    expect(lines(errs)).toEqual([
      'metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty',
      'metadata.ownerReferences.kind: Invalid value: "": must not be empty',
      'metadata.ownerReferences.name: Invalid value: "": must not be empty',
      'metadata.ownerReferences.uid: Invalid value: "": must not be empty',
    ]);
  });
  it('bans Events as owners and allows one controller', () => {
    const ref = { apiVersion: 'v1', kind: 'Event', name: 'e', uid: 'u' };
    expect(validateOwnerReferences([ref], 'o')[0].detail).toBe('/v1, Kind=Event is disallowed from being an owner');
    const a = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: '1', controller: true };
    const b = { ...a, name: 'b', uid: '2' };
    expect(validateOwnerReferences([a], 'o')).toEqual([]);
    expect(validateOwnerReferences([a, b], 'o')[0].detail).toBe('Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b');
  });
});

describe('finalizers', () => {
  it('need a domain unless standard', () => {
    expect(validateFinalizers(['kubernetes', 'example.com/cleanup', 'foregroundDeletion'], 'metadata.finalizers')).toEqual([]);
    expect(lines(validateFinalizers(['a', 'cleanup'], 'metadata.finalizers'))).toEqual([
      'metadata.finalizers[0]: Invalid value: "a": name is neither a standard finalizer name nor is it fully qualified',
      'metadata.finalizers[1]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });
  it('cannot both orphan and delete dependents', () => {
    const [e] = validateFinalizers(['orphan', 'foregroundDeletion'], 'metadata.finalizers');
    expect(kubeFieldErrorMessage(e)).toBe('metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set');
  });
});

describe('validateObjectMetaUpdate', () => {
  const old = { name: 'x', namespace: 'default', uid: 'u1', creationTimestamp: '2025-01-01T00:00:00Z', generation: 3 };
  it('accepts label and annotation changes', () => {
    expect(validateObjectMetaUpdate({ ...old, labels: { a: 'b' }, annotations: { c: 'd' } }, old)).toEqual([]);
  });
  it('makes identity fields immutable with kube\'s wording', () => {
    expect(lines(validateObjectMetaUpdate({ ...old, name: 'y' }, old))).toEqual(['metadata.name: Invalid value: "y": field is immutable']);
    expect(lines(validateObjectMetaUpdate({ ...old, uid: 'u2', namespace: 'other' }, old))).toEqual([
      'metadata.namespace: Invalid value: "other": field is immutable',
      'metadata.uid: Invalid value: "u2": field is immutable',
    ]);
  });
  it('never lets generation go back', () => {
    expect(lines(validateObjectMetaUpdate({ ...old, generation: 2 }, old))).toEqual(['metadata.generation: Invalid value: 2: must not be decremented']);
  });
  it('forbids new finalizers once deletion started', () => {
    const deleting = { ...old, deletionTimestamp: '2025-01-02T00:00:00Z', finalizers: ['kubernetes'] };
    const errs = validateObjectMetaUpdate({ ...deleting, finalizers: ['kubernetes', 'example.com/x'] }, deleting);
    expect(lines(errs)).toEqual(['metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/x"}']);
    expect(validateObjectMetaUpdate({ ...deleting, finalizers: [] }, deleting)).toEqual([]);
  });
});

describe('carryOverSystemFields', () => {
  it('restores what a client cannot change, without touching its input', () => {
    const before = { metadata: { name: 'x', uid: 'u', creationTimestamp: 't0', generation: 4, deletionTimestamp: 't1', deletionGracePeriodSeconds: 30 } };
    const after = { metadata: { name: 'x', creationTimestamp: 'forged', generation: 99, labels: { a: 'b' } } };
    const out = carryOverSystemFields(before, after);
    expect(out.metadata).toEqual({ name: 'x', uid: 'u', creationTimestamp: 't0', generation: 4, deletionTimestamp: 't1', deletionGracePeriodSeconds: 30, labels: { a: 'b' } });
    expect(after.metadata.generation).toBe(99);
  });
  it('drops a generation the stored object never had', () => {
    expect(carryOverSystemFields({ metadata: {} }, { metadata: { generation: 5 } }).metadata.generation).toBeUndefined();
  });
});

describe('resolveNamespace', () => {
  it('fills, clears or refuses', () => {
    expect(resolveNamespace({}, 'team', true)).toEqual({ namespace: 'team' });
    expect(resolveNamespace({ namespace: 'team' }, 'team', true)).toEqual({ namespace: 'team' });
    expect(resolveNamespace({ namespace: 'x' }, '', false)).toEqual({ namespace: '' });
    expect(resolveNamespace({ namespace: 'x' }, 'team', true)).toEqual({ error: 'the namespace of the provided object does not match the namespace sent on the request' });
  });
});
