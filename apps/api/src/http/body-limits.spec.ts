import { apiError } from '../testing/api-error';
import { MAX_JSON_DEPTH, decodeObjectBody, decodePatchBody, jsonDepth } from './body';

const YAML = 'application/yaml';

/** The classic "billion laughs": nine levels of nine aliases, about 500 bytes, 9^9 strings once expanded. */
function aliasBomb(): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: bomb}', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++) {
    const prev = names[i - 1];
    lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  lines.push('data: {x: "1"}');
  return lines.join('\n') + '\n';
}


describe('YAML alias limits', () => {
  it('refuses a YAML alias bomb with a 400 before anything expands it', () => {
    const bomb = aliasBomb();
    expect(bomb.length).toBeLessThan(600);
    const err = apiError(() => decodeObjectBody(YAML, Buffer.from(bomb)));
    expect(err.code).toBe(400);
    expect(err.message).toMatch(/^error decoding YAML: yaml: document contains excessive aliasing/);
    const apply = apiError(() => decodePatchBody('application/apply-patch+yaml', Buffer.from(bomb)));
    expect(apply.code).toBe(400);
  });

  it('still accepts ordinary anchors and aliases, as independent copies', () => {
    const doc = [
      'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: ok', '  labels: &l {app: web}', '  annotations: *l',
    ].join('\n');
    const obj = decodeObjectBody(YAML, Buffer.from(doc)) as { metadata: { labels: Record<string, string>; annotations: Record<string, string> } };
    expect(obj.metadata.annotations).toEqual({ app: 'web' });
    obj.metadata.labels.app = 'changed';
    expect(obj.metadata.annotations.app).toBe('web');
  });

  it('caps the number of aliases in one document', () => {
    const many = ['a: &a x', ...Array.from({ length: 10_001 }, (_, i) => `k${i}: *a`)].join('\n');
    const err = apiError(() => decodeObjectBody(YAML, Buffer.from(many)));
    expect(err.code).toBe(400);
    expect(err.message).toContain('maxAliases');
  });
});

describe('JSON nesting limit', () => {
  const nested = (depth: number): string => `{"metadata":{"name":"d"},"junk":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;

  it('measures nesting outside strings only', () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[{{{"}]}')).toBe(3);
    // An escaped quote does not end the string, so the bracket after it is text.
    expect(jsonDepth('"\\"[')).toBe(0);
    expect(jsonDepth(nested(50))).toBe(50);
  });

  it('refuses bodies and patches nested deeper than the limit with a 400, accepts the limit itself', () => {
    const deep = apiError(() => decodeObjectBody('application/json', Buffer.from(nested(MAX_JSON_DEPTH + 1))));
    expect(deep.code).toBe(400);
    expect(deep.message).toBe(`error decoding request body: json: exceeded max depth (${MAX_JSON_DEPTH} levels of nesting)`);
    expect(apiError(() => decodePatchBody('application/merge-patch+json', Buffer.from(nested(100_000)))).code).toBe(400);
    expect(() => decodeObjectBody('application/json', Buffer.from(nested(MAX_JSON_DEPTH)))).not.toThrow();
  });
});
