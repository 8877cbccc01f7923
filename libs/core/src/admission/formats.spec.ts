import {
  isConfigMapKey, isEnvVarName, isRelaxedEnvVarName, isValidPercent, isValidPortName, isValidPortNum,
  validateCIDR, validateIP, validateNonSpecialIP,
} from './formats';
import { cidrContains, formatIP, parseCidr, parseIP } from './cidr';

describe('ports', () => {
  it('numbers are 1..65535', () => {
    expect(isValidPortNum(0)).toEqual(['must be between 1 and 65535, inclusive']);
    expect(isValidPortNum(65536)).toEqual(['must be between 1 and 65535, inclusive']);
    expect(isValidPortNum(80)).toEqual([]);
  });
  it('names follow IANA_SVC_NAME', () => {
    expect(isValidPortName('http-alt')).toEqual([]);
    expect(isValidPortName('HTTP')).toEqual(['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)']);
    expect(isValidPortName('8080')).toEqual(['must contain at least one letter (a-z)']);
    expect(isValidPortName('a--b')).toEqual(['must not contain consecutive hyphens']);
    expect(isValidPortName('-ab')).toEqual(['must not begin or end with a hyphen']);
    expect(isValidPortName('abcdefghijklmnop')).toEqual(['must be no more than 15 characters']);
  });
});

describe('environment variable names', () => {
  it('relaxed: any printable ASCII but =', () => {
    expect(isRelaxedEnvVarName('1$weird-name')).toEqual([]);
    expect(isRelaxedEnvVarName('A=B')).toEqual(["a valid environment variable name must consist only of printable ASCII characters other than '='"]);
    expect(isRelaxedEnvVarName('é')).toHaveLength(1);
    expect(isRelaxedEnvVarName('')).toEqual(['environment variable name must be non-empty']);
  });
  it('strict: C-identifier-like, no leading digit', () => {
    expect(isEnvVarName('MY_ENV.name-1')).toEqual([]);
    expect(isEnvVarName('1A')[0]).toMatch(/^a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '\.', and must not start with a digit \(e\.g\. 'my\.env-name',  or 'MY_ENV\.NAME',  or 'MyEnvName1'/);
    expect(isEnvVarName('..x')).toEqual(["must not start with '..'"]);
  });
});

describe('config keys', () => {
  it('allow alphanumerics, - _ .', () => {
    expect(isConfigMapKey('app.properties')).toEqual([]);
    expect(isConfigMapKey('a/b')[0]).toMatch(/^a valid config key must consist of alphanumeric characters, '-', '_' or '\.' \(e\.g\. 'key\.name',  or 'KEY_NAME',  or 'key-name'/);
    expect(isConfigMapKey('.')).toEqual(["must not be '.'"]);
    expect(isConfigMapKey('k'.repeat(254))).toEqual(['must be no more than 253 characters']);
  });
});

describe('percent', () => {
  it('needs digits and a percent sign', () => {
    expect(isValidPercent('25%')).toEqual([]);
    expect(isValidPercent('25')).toEqual(["a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"]);
  });
});

describe('IPs and CIDRs', () => {
  it('parse sloppily like Go (leading zeros) and format canonically', () => {
    expect(parseIP('010.0.0.1')?.value).toBe(parseIP('10.0.0.1')?.value);
    expect(parseIP('256.0.0.1')).toBeUndefined();
    expect(formatIP(parseIP('2001:db8:0:0:0:0:0:1')!.value, 'IPv6')).toBe('2001:db8::1');
    expect(formatIP(parseIP('::ffff:10.0.0.1')!.value, 'IPv6')).toBe('::ffff:a00:1');
    expect(parseIP('1::2::3')).toBeUndefined();
  });
  it('validate with 1.32 messages', () => {
    expect(validateIP('spec.clusterIPs[0]', 'nope')).toEqual([{ type: 'FieldValueInvalid', field: 'spec.clusterIPs[0]', value: 'nope',
      detail: 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)' }]);
    expect(validateCIDR('x', '10.0.0.0/33')[0].detail).toBe('must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)');
    expect(validateCIDR('x', '10.0.0.0/8')).toEqual([]);
  });
  it('parseCidr masks to the network and rejects junk', () => {
    const c = parseCidr('127.96.3.4/16');
    expect(c.text).toBe('127.96.0.0/16');
    expect(c.size).toBe(65536n);
    expect(cidrContains(c, parseIP('127.96.255.255')!)).toBe(true);
    expect(cidrContains(c, parseIP('127.97.0.0')!)).toBe(false);
    expect(() => parseCidr('10.0.0.0')).toThrow('invalid CIDR address: 10.0.0.0');
    expect(() => parseCidr('fd00::/129')).toThrow('invalid CIDR address: fd00::/129');
    expect(parseCidr('fd00::1/112').text).toBe('fd00::/112');
  });
  it('non-special IPs: loopback only when allowed', () => {
    expect(validateNonSpecialIP('ip', '127.0.0.1')[0].detail).toBe('may not be in the loopback range (127.0.0.0/8, ::1/128)');
    expect(validateNonSpecialIP('ip', '127.0.0.1', true)).toEqual([]);
    expect(validateNonSpecialIP('ip', '0.0.0.0')[0].detail).toBe('may not be unspecified (0.0.0.0)');
    expect(validateNonSpecialIP('ip', '169.254.1.1')[0].detail).toBe('may not be in the link-local range (169.254.0.0/16, fe80::/10)');
    expect(validateNonSpecialIP('ip', '224.0.0.5')[0].detail).toBe('may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)');
    expect(validateNonSpecialIP('ip', 'fe80::1')[0].detail).toBe('may not be in the link-local range (169.254.0.0/16, fe80::/10)');
    expect(validateNonSpecialIP('ip', '10.1.2.3')).toEqual([]);
  });
});
