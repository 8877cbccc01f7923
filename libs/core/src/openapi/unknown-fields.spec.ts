import { strictDecodingMessage, unknownFieldMessage, unknownFields, unknownFieldsIn } from './unknown-fields';
import { Definitions } from './schema-dsl';

const pod = (container: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'p',
    labels: { 'app.kubernetes.io/name': 'web', tier: 'front' },
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
    creationTimestamp: null,
  },
  spec: { containers: [{ name: 'c', image: 'busybox', ...container }], ...extra },
});

describe('unknownFields', () => {
  it('finds a misspelled nested field by its path', () => {
    expect(unknownFields('Pod', pod({ imagee: 'x' }))).toEqual(['.spec.containers[0].imagee']);
  });

  it('accepts a well-formed object, including label and annotation maps and null values', () => {
    expect(unknownFields('Pod', pod({
      ports: [{ containerPort: 80, name: 'http' }],
      resources: { limits: { cpu: 1, memory: '64Mi' } },
      readinessProbe: { httpGet: { port: 'http', path: '/' } },
    }, { nodeSelector: { 'kubernetes.io/os': 'linux' } }))).toEqual([]);
  });

  it('reports every unknown field, at any depth, in document order', () => {
    const obj = pod({ env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'x', extra: 1 } } }] }, { bogus: true });
    (obj as Record<string, unknown>).statuss = {};
    expect(unknownFields('Pod', obj)).toEqual(['.spec.containers[0].env[0].valueFrom.fieldRef.extra', '.spec.bogus', '.statuss']);
  });

  it('checks Deployment templates through the shared pod schema', () => {
    const deploy = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' },
      spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', imagee: 'x' }] } },
        strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailble: 1 } } },
    };
    expect(unknownFields('Deployment', deploy)).toEqual(['.spec.template.spec.containers[0].imagee', '.spec.strategy.rollingUpdate.maxUnavailble']);
  });

  it('accepts anything under a preserve-unknown-fields subtree, such as a watch event object or owned fields', () => {
    expect(unknownFields('WatchEvent', { type: 'ADDED', object: { kind: 'Anything', deep: { nested: [1, { x: 2 }] } } })).toEqual([]);
    expect(unknownFields('WatchEvent', { type: 'ADDED', objectt: {} })).toEqual(['.objectt']);
    expect(unknownFields('ConfigMap', {
      metadata: { name: 'c', managedFields: [{ manager: 'm', fieldsV1: { 'f:data': { 'f:a': {} } } }] }, data: { a: '1' },
    })).toEqual([]);
  });

  it('still checks the declared fields of a preserve-unknown-fields node', () => {
    const defs: Definitions = {
      Open: {
        type: 'object', description: 'open', extensions: { 'x-kubernetes-preserve-unknown-fields': true },
        properties: { spec: { ref: 'Closed', description: 'closed' } },
      },
      Closed: { type: 'object', description: 'closed', properties: { a: { type: 'string', description: 'a' } } },
    };
    expect(unknownFieldsIn({ ref: 'Open' }, { free: { x: 1 }, spec: { a: 'ok', b: 1 } }, defs)).toEqual(['.spec.b']);
  });

  it('walks the values of maps of objects', () => {
    const defs: Definitions = {
      M: { type: 'object', description: 'm', additionalProperties: { ref: 'V' } },
      V: { type: 'object', description: 'v', properties: { n: { type: 'integer', description: 'n' } } },
    };
    expect(unknownFieldsIn({ ref: 'M' }, { one: { n: 1 }, two: { m: 2 } }, defs)).toEqual(['.two.m']);
  });

  it('leaves wrong types and unknown kinds alone', () => {
    expect(unknownFields('Pod', { spec: { containers: 'not-a-list' }, metadata: [] })).toEqual([]);
    expect(unknownFields('Widget', { anything: 1 })).toEqual([]);
  });
});

describe('messages', () => {
  it('words unknown fields as kube does', () => {
    expect(unknownFieldMessage('.spec.containers[0].imagee')).toBe('unknown field "spec.containers[0].imagee"');
    expect(strictDecodingMessage(['.spec.a', '.b'])).toBe('strict decoding error: unknown field "spec.a", unknown field "b"');
  });
});
