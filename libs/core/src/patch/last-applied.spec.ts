import type { KubeObject } from '../api/meta';
import { LAST_APPLIED_ANNOTATION, lastAppliedFields, syncLastApplied } from './last-applied';

const withAnnotation = (value?: string): KubeObject => ({
  apiVersion: 'v1', kind: 'ConfigMap',
  metadata: { name: 'x', ...(value === undefined ? {} : { annotations: { [LAST_APPLIED_ANNOTATION]: value, other: 'kept' } }) },
  data: { a: '1' },
});

describe('lastAppliedFields', () => {
  it('is the field set of the last-applied configuration', () => {
    const fields = lastAppliedFields('ConfigMap', withAnnotation('{"apiVersion":"v1","kind":"ConfigMap","data":{"a":"1"}}'))!;
    expect(fields.has(JSON.stringify(['f:data', 'f:a']))).toBe(true);
    expect(fields.has(JSON.stringify(['f:data', 'f:b']))).toBe(false);
  });

  it('is undefined without the annotation or with one that is not a JSON object', () => {
    expect(lastAppliedFields('ConfigMap', withAnnotation())).toBeUndefined();
    expect(lastAppliedFields('ConfigMap', withAnnotation('not json'))).toBeUndefined();
    expect(lastAppliedFields('ConfigMap', withAnnotation('[1]'))).toBeUndefined();
    expect(lastAppliedFields('ConfigMap', undefined)).toBeUndefined();
  });
});

describe('syncLastApplied', () => {
  const applied = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', annotations: { [LAST_APPLIED_ANNOTATION]: 'stale' } }, data: { b: '2', a: '1' } } as KubeObject;

  it('rewrites the annotation to the applied configuration, keys sorted, without itself', () => {
    const out = syncLastApplied(withAnnotation('{}'), applied);
    expect(out.metadata.annotations).toEqual({ other: 'kept', [LAST_APPLIED_ANNOTATION]: '{"apiVersion":"v1","data":{"a":"1","b":"2"},"kind":"ConfigMap","metadata":{"name":"x"}}\n' });
  });

  it('adds no annotation to an object that has none', () => {
    const live = withAnnotation();
    expect(syncLastApplied(live, applied)).toBe(live);
  });
});
