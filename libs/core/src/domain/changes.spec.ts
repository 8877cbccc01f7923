import type { KubeObject } from '../api/meta';
import { sameButTimes } from './changes';

const entry = (manager: string, time: string) => ({ manager, operation: 'Apply' as const, apiVersion: 'v1', time, fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:a': {} } } });
const cm = (rv: string, managedFields: ReturnType<typeof entry>[], a = '1'): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', resourceVersion: rv, managedFields }, data: { a } });

describe('sameButTimes', () => {
  it('ignores resourceVersion and the times of managedFields entries', () => {
    expect(sameButTimes(cm('1', [entry('m', '2026-01-01T00:00:00Z')]), cm('2', [entry('m', '2026-02-02T00:00:00Z')]))).toBe(true);
  });

  it('sees a change of who owns what, and of any value', () => {
    expect(sameButTimes(cm('1', [entry('m', 't')]), cm('1', [entry('m', 't'), entry('n', 't')]))).toBe(false);
    expect(sameButTimes(cm('1', [entry('m', 't')]), cm('1', [entry('n', 't')]))).toBe(false);
    expect(sameButTimes(cm('1', [entry('m', 't')]), cm('1', [entry('m', 't')], '2'))).toBe(false);
  });
});
