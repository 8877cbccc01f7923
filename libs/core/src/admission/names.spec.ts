import {
  isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, isValidPathSegmentName,
  nameIsDNSLabel, nameIsDNSSubdomain, nameValidatorFor, regexError, validatePathSegmentName,
} from './names';

const SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

describe('regexError', () => {
  it('reproduces Go\'s double space before "or"', () => {
    expect(regexError('m', 'f', 'a', 'b')).toBe("m (e.g. 'a',  or 'b', regex used for validation is 'f')");
    expect(regexError('m', 'f')).toBe("m (regex used for validation is 'f')");
  });
});

describe('isDNS1123Subdomain', () => {
  it('accepts dotted lower-case names', () => {
    expect(isDNS1123Subdomain('web.example-1.com')).toEqual([]);
  });
  it('rejects upper case with kube\'s exact message', () => {
    expect(isDNS1123Subdomain('Web')).toEqual([SUBDOMAIN_MSG]);
  });
  it('limits length to 253', () => {
    const long = `${'a'.repeat(63)}.`.repeat(4).slice(0, 254);
    expect(isDNS1123Subdomain(long.replace(/\.$/, 'a'))).toContain('must be no more than 253 characters');
    expect(isDNS1123Subdomain('a'.repeat(253))).toEqual([]);
  });
  it('rejects leading/trailing dash and dot', () => {
    for (const bad of ['-a', 'a-', '.a', 'a.', 'a..b', '']) expect(isDNS1123Subdomain(bad)).toEqual([SUBDOMAIN_MSG]);
  });
});

describe('isDNS1123Label', () => {
  it('rejects dots and keeps the 63 limit', () => {
    expect(isDNS1123Label('a.b')).toEqual([LABEL_MSG]);
    expect(isDNS1123Label('a'.repeat(63))).toEqual([]);
    expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });
  it('allows a leading digit', () => {
    expect(isDNS1123Label('123-abc')).toEqual([]);
  });
});

describe('isDNS1035Label', () => {
  it('requires a leading letter', () => {
    expect(isDNS1035Label('1web')).toEqual([DNS1035_MSG]);
    expect(isDNS1035Label('web-1')).toEqual([]);
  });
});

describe('isQualifiedName', () => {
  it('accepts names with and without prefix', () => {
    expect(isQualifiedName('app')).toEqual([]);
    expect(isQualifiedName('example.com/My_Name.1')).toEqual([]);
  });
  it('reports prefix and name parts separately', () => {
    expect(isQualifiedName('/x')).toEqual(['prefix part must be non-empty']);
    expect(isQualifiedName('Bad_Prefix/x')[0]).toMatch(/^prefix part a lowercase RFC 1123 subdomain/);
    expect(isQualifiedName('a/')).toEqual([
      'name part must be non-empty',
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
    expect(isQualifiedName(`a/${'n'.repeat(64)}`)).toEqual(['name part must be no more than 63 characters']);
  });
  it('rejects more than one slash', () => {
    expect(isQualifiedName('a/b/c')[0]).toMatch(/^a qualified name must consist of .* with an optional DNS subdomain prefix and '\/' \(e\.g\. 'example\.com\/MyName'\)$/);
  });
});

describe('isValidLabelValue', () => {
  it('allows empty and 63 characters', () => {
    expect(isValidLabelValue('')).toEqual([]);
    expect(isValidLabelValue('v'.repeat(63))).toEqual([]);
  });
  it('rejects bad characters with kube\'s message', () => {
    expect(isValidLabelValue('a b')).toEqual([
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]);
  });
});

describe('path segment names', () => {
  it('forbids . and .. and / and %', () => {
    expect(isValidPathSegmentName('..')).toEqual(["may not be '..'"]);
    expect(isValidPathSegmentName('a/b%c')).toEqual(["may not contain '/'", "may not contain '%'"]);
    expect(isValidPathSegmentName('Web.Event:1')).toEqual([]);
    expect(validatePathSegmentName('.', true)).toEqual([]);
  });
});

describe('name validators', () => {
  it('accept a generateName prefix ending in a dash', () => {
    expect(nameIsDNSSubdomain('web-', true)).toEqual([]);
    expect(nameIsDNSSubdomain('web-', false)).toEqual([SUBDOMAIN_MSG]);
    expect(nameIsDNSLabel('ns-', true)).toEqual([]);
  });
  it('pick the rule per kind', () => {
    expect(nameValidatorFor('Namespace')('a.b', false)).toEqual([LABEL_MSG]);
    expect(nameValidatorFor('Service')('1svc', false)).toEqual([DNS1035_MSG]);
    expect(nameValidatorFor('Pod')('a.b', false)).toEqual([]);
    expect(nameValidatorFor('Node')('node-1.example.com', false)).toEqual([]);
    expect(nameValidatorFor('Event')('web.17a8Bc', false)).toEqual([]);
    expect(nameValidatorFor('Event')('a/b', false)).toEqual(["may not contain '/'"]);
    for (const kind of ['ConfigMap', 'Endpoints', 'Deployment', 'ReplicaSet', 'Lease']) {
      expect(nameValidatorFor(kind)('Upper', false)).toEqual([SUBDOMAIN_MSG]);
    }
  });
});
