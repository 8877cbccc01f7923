import { canonicalJson, computeTemplateHash, fnv1a32, safeEncodeString } from './template-hash';
import { podTemplate } from './fake-cluster.test-helper';
import { resolveFenceposts, scaledValue } from './int-or-percent';

describe('computeTemplateHash', () => {
  it('is stable, uses kube\'s safe alphabet and ignores key order', () => {
    const a = computeTemplateHash(podTemplate({ app: 'web', tier: 'x' }));
    const b = computeTemplateHash({ spec: podTemplate({ tier: 'x', app: 'web' }).spec, metadata: { labels: { tier: 'x', app: 'web' } } });
    expect(a).toBe(b);
    expect(a).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
  });

  it('changes with the template and with the collision count', () => {
    const base = computeTemplateHash(podTemplate({ app: 'web' }));
    expect(computeTemplateHash(podTemplate({ app: 'web' }, 'nginx:2'))).not.toBe(base);
    expect(computeTemplateHash(podTemplate({ app: 'web' }), 1)).not.toBe(base);
    expect(computeTemplateHash(podTemplate({ app: 'web' }), 1)).not.toBe(computeTemplateHash(podTemplate({ app: 'web' }), 2));
  });

  it('implements FNV-1a 32 and SafeEncodeString as kube does', () => {
    expect(fnv1a32(Buffer.from(''))).toBe(0x811c9dc5);
    expect(fnv1a32(Buffer.from('a'))).toBe(0xe40c292c);
    // '0' is byte 48 → 48 % 27 = 21 → '4'; '9' is 57 → 3 → 'f'.
    expect(safeEncodeString('09')).toBe('4f');
    expect(canonicalJson({ b: 1, a: [1, { d: undefined, c: 2 }] })).toBe('{"a":[1,{"c":2}],"b":1}');
  });
});

describe('maxSurge / maxUnavailable resolution', () => {
  it('rounds surge up and unavailable down, never both zero', () => {
    expect(scaledValue('25%', 10, true)).toBe(3);
    expect(scaledValue('25%', 10, false)).toBe(2);
    expect(resolveFenceposts('25%', '25%', 10)).toEqual([3, 2]);
    expect(resolveFenceposts('10%', '10%', 3)).toEqual([1, 0]);
    expect(resolveFenceposts(0, '10%', 3)).toEqual([0, 1]);
  });
});
