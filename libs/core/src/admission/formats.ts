/**
 * Value formats other than names, with kube-apiserver's (v1.32) messages:
 * port numbers and IANA service names, environment variable names, config
 * keys, percentages, IPs and CIDRs.
 */
import { fieldError, type FieldError } from '../api/errors';
import { parseCidr, parseIP } from './cidr';
import { DNS1123_SUBDOMAIN_MAX, inclusiveRangeError, maxLenError, regexError, emptyError } from './names';
import { byteLength } from './util';

/** IsValidPortNum: 1..65535. */
export function isValidPortNum(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

/** IsValidPortName: an IANA_SVC_NAME (RFC 6335), lower case only. */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (port.length > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

function hasChDirPrefix(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
}

const ENV_FMT = '[-._a-zA-Z][-._a-zA-Z0-9]*';

/** IsEnvVarName: the strict rule, used when relaxed names are off. */
export function isEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (!new RegExp(`^${ENV_FMT}$`).test(value)) {
    errs.push(regexError("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
      ENV_FMT, 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1'));
  }
  return [...errs, ...hasChDirPrefix(value)];
}

/**
 * IsRelaxedEnvVarName: any printable ASCII but '='. This is the rule in
 * effect in 1.32, where RelaxedEnvironmentVariableValidation is beta and on.
 */
export function isRelaxedEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (value.length === 0) errs.push(`environment variable name ${emptyError()}`);
  for (const ch of value) {
    const c = ch.codePointAt(0) ?? 0;
    if (c > 0x7e || c < 0x20 || ch === '=') {
      errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
      break;
    }
  }
  return errs;
}

const CONFIG_KEY_FMT = '[-._a-zA-Z0-9]+';

/** IsConfigMapKey: keys of ConfigMap data/binaryData (and Secret data). */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX));
  if (!new RegExp(`^${CONFIG_KEY_FMT}$`).test(value)) {
    errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", CONFIG_KEY_FMT, 'key.name', 'KEY_NAME', 'key-name'));
  }
  return [...errs, ...hasChDirPrefix(value)];
}

/** IsValidPercent: `25%`. */
export function isValidPercent(value: string): string[] {
  return /^[0-9]+%$/.test(value)
    ? []
    : [regexError("a valid percent string must be a numeric string followed by an ending '%'", '[0-9]+%', '1%', '93%')];
}

/** IsValidIP (1.32 wording) as field errors. */
export function validateIP(field: string, value: string): FieldError[] {
  return parseIP(value) ? [] : [fieldError.invalid(field, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

/** IsValidCIDR (1.32 wording) as field errors. */
export function validateCIDR(field: string, value: string): FieldError[] {
  try {
    parseCidr(value);
    return [];
  } catch {
    return [fieldError.invalid(field, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
  }
}

/**
 * ValidateNonSpecialIP: endpoint and external IPs may not be unspecified,
 * loopback (unless allowed; see ValidationOptions.allowLoopbackIPs) or
 * link-local.
 */
export function validateNonSpecialIP(field: string, value: string, allowLoopback = false): FieldError[] {
  const ip = parseIP(value);
  if (!ip) return [fieldError.invalid(field, value, 'must be a valid IP address')];
  const errs: FieldError[] = [];
  const v4 = ip.family === 'IPv4';
  const v = ip.value;
  // IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
  const mapped = !v4 && v >> 32n === 0xffffn ? v & 0xffffffffn : undefined;
  const as4 = v4 ? v : mapped;
  if (v === 0n || as4 === 0n) errs.push(fieldError.invalid(field, value, `may not be unspecified (${value})`));
  const loopback = as4 !== undefined ? as4 >> 24n === 127n : v === 1n;
  if (loopback && !allowLoopback) errs.push(fieldError.invalid(field, value, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  const linkLocal = as4 !== undefined ? as4 >> 16n === 0xa9fen : v >> 118n === 0x3fan;
  if (linkLocal) errs.push(fieldError.invalid(field, value, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  const llMulticast = as4 !== undefined ? as4 >> 8n === 0xe00000n : v >> 112n === 0xff02n;
  if (llMulticast) errs.push(fieldError.invalid(field, value, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return errs;
}
