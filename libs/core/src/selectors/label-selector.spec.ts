import { ApiError } from '../api/errors';
import {
  everythingSelector, labelSelectorMatches, nothingSelector, parseLabelSelector,
  selectorFromLabelSelector, selectorFromSet, validateLabelSelector, validateLabels,
} from './label-selector';

function parseError(text: string): ApiError {
  try {
    parseLabelSelector(text);
  } catch (e) {
    return e as ApiError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('parseLabelSelector: matching', () => {
  const web = { app: 'web', tier: 'front' };

  it.each([
    ['app=web', web, true],
    ['app=db', web, false],
    ['app==web', web, true],
    ['app!=web', web, false],
    ['app!=db', web, true],
    ['missing!=x', web, true],
    ['app in (web,db)', web, true],
    ['app in (db)', web, false],
    ['missing in (x)', web, false],
    ['app notin (db)', web, true],
    ['app notin (web)', web, false],
    ['missing notin (x)', web, true],
    ['app', web, true],
    ['missing', web, false],
    ['!missing', web, true],
    ['!app', web, false],
    ['app=web,tier=front', web, true],
    ['app=web,tier=back', web, false],
    ['', web, true],
    ['   ', web, true],
  ])('%s on %j -> %s', (text, labels, want) => {
    expect(parseLabelSelector(text)(labels)).toBe(want);
  });

  it('treats missing labels as an empty set', () => {
    expect(parseLabelSelector('app')(undefined)).toBe(false);
    expect(parseLabelSelector('!app')(undefined)).toBe(true);
    expect(parseLabelSelector('app!=x')(undefined)).toBe(true);
    expect(parseLabelSelector('')(undefined)).toBe(true);
  });

  it('offers the test as a .matches method too', () => {
    const s = parseLabelSelector('app=web');
    expect(s.matches({ app: 'web' })).toBe(true);
    expect(s.matches({ app: 'x' })).toBe(false);
  });

  it('tolerates whitespace everywhere between tokens', () => {
    const s = parseLabelSelector('  app = web ,  tier  in ( front , back ) , ! canary ');
    expect(s({ app: 'web', tier: 'back' })).toBe(true);
    expect(s({ app: 'web', tier: 'back', canary: 'x' })).toBe(false);
    expect(s.toString()).toBe('app=web,!canary,tier in (back,front)');
  });

  it('reads `a=` as "a is the empty string" and `a in ()` as the empty-string set', () => {
    expect(parseLabelSelector('a=')({ a: '' })).toBe(true);
    expect(parseLabelSelector('a=')({ a: 'x' })).toBe(false);
    expect(parseLabelSelector('a=,b=1')({ a: '', b: '1' })).toBe(true);
    expect(parseLabelSelector('a in ()')({ a: '' })).toBe(true);
    expect(parseLabelSelector('a in (,x)')({ a: '' })).toBe(true);
    expect(parseLabelSelector('a in (x,)').requirements[0].values).toEqual(['', 'x']);
    expect(parseLabelSelector('a in (x,,y)').requirements[0].values).toEqual(['', 'x', 'y']);
  });

  it('lets keywords be keys and values', () => {
    expect(parseLabelSelector('in=notin')({ in: 'notin' })).toBe(true);
    expect(parseLabelSelector('notin in (in)')({ notin: 'in' })).toBe(true);
  });

  it('supports the integer comparisons gt and lt', () => {
    expect(parseLabelSelector('n>5')({ n: '6' })).toBe(true);
    expect(parseLabelSelector('n>5')({ n: '5' })).toBe(false);
    expect(parseLabelSelector('n<5')({ n: '-1' })).toBe(true);
    expect(parseLabelSelector('n<5')({ n: 'abc' })).toBe(false);
    expect(parseLabelSelector('n<5')({})).toBe(false);
    expect(parseLabelSelector('n>9007199254740993')({ n: '9007199254740994' })).toBe(true);
    expect(parseLabelSelector('n>1').toString()).toBe('n>1');
  });

  it('accepts qualified keys with a DNS prefix', () => {
    expect(parseLabelSelector('app.kubernetes.io/name=web')({ 'app.kubernetes.io/name': 'web' })).toBe(true);
  });

  it('sorts requirements by key and dedupes set values', () => {
    const s = parseLabelSelector('z=1,a in (y,x,y),m');
    expect(s.requirements.map((r) => r.key)).toEqual(['a', 'm', 'z']);
    expect(s.requirements[0].values).toEqual(['x', 'y']);
    expect(s.toString()).toBe('a in (x,y),m,z=1');
    expect(s.empty).toBe(false);
    expect(parseLabelSelector('').empty).toBe(true);
  });

  it('prints == and != as written', () => {
    expect(parseLabelSelector('a==b,c!=d').toString()).toBe('a==b,c!=d');
  });
});

describe('parseLabelSelector: errors', () => {
  it.each([
    ['a in', "unable to parse requirement: found '' expected: '('"],
    ['a in (b', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['a in (b c)', "unable to parse requirement: found 'c', expected: ',' or ')'"],
    ['a in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['a=b=c', "found '=', expected: ',' or 'end of string'"],
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ['a=b c', "found 'c', expected: ',' or 'end of string'"],
    ['a=(', "unable to parse requirement: found '(', expected: identifier"],
    ['a,', "found '', expected: identifier after ','"],
    [',a', "found ',', expected: !, identifier, or 'end of string'"],
    ['=a', "found '=', expected: !, identifier, or 'end of string'"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['!a=b', "found '=', expected: ',' or 'end of string'"],
    ['a (b)', "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
    ['a>b', "unable to parse requirement: values[0]: Invalid value: \"b\": for 'Gt', 'Lt' operators, the value must be an integer"],
  ])('%j -> %s', (text, message) => {
    const e = parseError(text);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe(400);
    expect(e.reason).toBe('BadRequest');
    expect(e.message).toBe(message);
  });

  it('rejects an invalid key with kube\'s qualified-name message', () => {
    expect(parseError('-a=b').message).toBe(
      'unable to parse requirement: <nil>: Invalid value: "-a": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')',
    );
  });

  it('rejects a key with a bad prefix, an empty prefix, or two slashes', () => {
    expect(parseError('Bad_Prefix/a').message).toContain('prefix part a lowercase RFC 1123 subdomain');
    expect(parseError('/a').message).toContain('prefix part must be non-empty');
    expect(parseError('a/b/c').message).toContain("a qualified name must consist of");
    expect(parseError(`${'k'.repeat(64)}=v`).message).toContain('name part must be no more than 63 characters');
  });

  it('rejects invalid values, naming the value index and key', () => {
    expect(parseError('app=-web').message).toBe(
      'unable to parse requirement: values[0][app]: Invalid value: "-web": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')',
    );
    expect(parseError(`app=${'v'.repeat(64)}`).message).toContain('must be no more than 63 characters');
    expect(parseError('app in (ok,bad!)').message).toContain("found '!'");
  });

  it('aggregates several errors in brackets', () => {
    expect(parseError(`a=${'-'.repeat(64)}`).message).toMatch(/^unable to parse requirement: values\[0\]\[a\]: Invalid value: "-+": must be no more than 63 characters; a valid label/);
  });
});

describe('selectorFromLabelSelector', () => {
  it('matches matchLabels and every expression operator', () => {
    const s = selectorFromLabelSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['b', 'a'] },
        { key: 'env', operator: 'NotIn', values: ['prod'] },
        { key: 'team', operator: 'Exists' },
        { key: 'canary', operator: 'DoesNotExist' },
      ],
    });
    expect(s({ app: 'web', tier: 'a', team: 'x' })).toBe(true);
    expect(s({ app: 'web', tier: 'a', team: 'x', env: 'prod' })).toBe(false);
    expect(s({ app: 'web', tier: 'c', team: 'x' })).toBe(false);
    expect(s({ app: 'web', tier: 'a' })).toBe(false);
    expect(s({ app: 'web', tier: 'a', team: 'x', canary: '' })).toBe(false);
    expect(s.toString()).toBe('app=web,!canary,env notin (prod),team,tier in (a,b)');
  });

  it('prints like kube: sorted keys, sorted set values', () => {
    expect(selectorFromLabelSelector({ matchLabels: { tier: 'x', app: 'web' } }).toString()).toBe('app=web,tier=x');
  });

  it('treats {} as everything and null/undefined as nothing', () => {
    const all = selectorFromLabelSelector({});
    expect(all({})).toBe(true);
    expect(all.empty).toBe(true);
    expect(all.matchesNothing).toBe(false);
    for (const sel of [null, undefined]) {
      const none = selectorFromLabelSelector(sel);
      expect(none({ a: 'b' })).toBe(false);
      expect(none(undefined)).toBe(false);
      expect(none.matchesNothing).toBe(true);
      expect(none.empty).toBe(false);
    }
    expect(labelSelectorMatches({ matchLabels: { a: 'b' } }, { a: 'b' })).toBe(true);
    expect(labelSelectorMatches(undefined, { a: 'b' })).toBe(false);
  });

  it('rejects an invalid selector with 400', () => {
    expect(() => selectorFromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Foo' as 'In' }] })).toThrow(
      '"Foo" is not a valid label selector operator',
    );
    expect(() => selectorFromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })).toThrow(
      "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty",
    );
    expect(() => selectorFromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] })).toThrow(
      'values set must be empty for exists and does not exist',
    );
    expect(() => selectorFromLabelSelector({ matchLabels: { '-bad': 'x' } })).toThrow('key: Invalid value: "-bad"');
  });
});

describe('everything, nothing and label sets', () => {
  it('everything matches all, nothing matches none', () => {
    expect(everythingSelector()(undefined)).toBe(true);
    expect(everythingSelector().toString()).toBe('');
    expect(nothingSelector()({})).toBe(false);
    expect(nothingSelector().toString()).toBe('');
  });

  it('selectorFromSet requires every pair, and an empty set selects everything', () => {
    const s = selectorFromSet({ app: 'web', tier: 'x' });
    expect(s({ app: 'web', tier: 'x', extra: '1' })).toBe(true);
    expect(s({ app: 'web' })).toBe(false);
    expect(s.toString()).toBe('app=web,tier=x');
    expect(selectorFromSet({})({ any: 'thing' })).toBe(true);
    expect(selectorFromSet(undefined).empty).toBe(true);
  });
});

describe('validateLabelSelector', () => {
  it('accepts a valid selector and null', () => {
    expect(validateLabelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'a', operator: 'In', values: ['x'] }] }, 'spec.selector')).toEqual([]);
    expect(validateLabelSelector(undefined, 'spec.selector')).toEqual([]);
  });

  it('reports each problem with its field path', () => {
    const errs = validateLabelSelector(
      {
        matchLabels: { '-k': 'v' },
        matchExpressions: [
          { key: 'a', operator: 'In' },
          { key: 'b', operator: 'Exists', values: ['x'] },
          { key: 'c', operator: 'Bogus' as 'In' },
          { key: 'd e', operator: 'NotIn', values: ['ok', '-bad'] },
        ],
      },
      'spec.selector',
    );
    expect(errs.map((e) => [e.type, e.field])).toEqual([
      ['FieldValueInvalid', 'spec.selector.matchLabels'],
      ['FieldValueRequired', 'spec.selector.matchExpressions[0].values'],
      ['FieldValueForbidden', 'spec.selector.matchExpressions[1].values'],
      ['FieldValueInvalid', 'spec.selector.matchExpressions[2].operator'],
      ['FieldValueInvalid', 'spec.selector.matchExpressions[3].key'],
      ['FieldValueInvalid', 'spec.selector.matchExpressions[3].values[1]'],
    ]);
    expect(errs[1].detail).toBe("must be specified when `operator` is 'In' or 'NotIn'");
    expect(errs[3].detail).toBe('not a valid selector operator');
  });

  it('validateLabels checks keys and values, naming the map', () => {
    const errs = validateLabels({ ok: 'fine', 'a/b/c': 'x', k: '_bad' }, 'metadata.labels');
    expect(errs).toHaveLength(2);
    expect(errs.every((e) => e.field === 'metadata.labels')).toBe(true);
    expect(errs.map((e) => e.value)).toEqual(['a/b/c', '_bad']);
  });
});
