/**
 * Messages whose JSON form is not an object: metav1.Time is an RFC 3339
 * string, resource.Quantity a string, intstr.IntOrString a number or a
 * string, and so on. The decoder reads them with their ordinary descriptor,
 * then hands the decoded fields to the converter here.
 */
import { malformed } from './errors';
import { base64Bytes, utf8Text } from '../bytes/bytes';

/** Decoded fields of a well-known message -> its JSON value. */
export type WellKnownConverter = (fields: Readonly<Record<string, unknown>>) => unknown;

const NS_PER_SECOND = 1_000_000_000n;

function utcDate(seconds: number, what: string): Date {
  const d = new Date(seconds * 1000);
  // Go refuses to marshal a year outside [0, 9999], so a JSON client could
  // never have sent it; refusing here keeps the two paths alike.
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 0 || d.getUTCFullYear() > 9999) {
    throw malformed(`${what} ${seconds}s is outside years 0-9999`);
  }
  return d;
}

/** metav1.Time's JSON: RFC 3339 in UTC, whole seconds ("2026-01-02T03:04:05Z"). */
export function formatRfc3339(seconds: number): string {
  return utcDate(seconds, 'time').toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** metav1.MicroTime's JSON: RFC 3339 in UTC with six fractional digits. */
export function formatRfc3339Micro(seconds: number, nanos: number): string {
  const micros = String(Math.floor(nanos / 1000)).padStart(6, '0');
  return utcDate(seconds, 'micro time').toISOString().replace(/\.\d{3}Z$/, `.${micros}Z`);
}

function withFraction(value: bigint, unit: bigint): string {
  const whole = value / unit;
  const frac = value % unit;
  if (frac === 0n) return `${whole}`;
  const digits = String(unit).length - 1;
  return `${whole}.${String(frac).padStart(digits, '0').replace(/0+$/, '')}`;
}

/**
 * time.Duration.String(): "0s", "1.5s", "1h0m0s", "250ms", "3µs", "7ns".
 * metav1.Duration is marshalled to JSON this way.
 */
export function formatGoDuration(nanos: bigint): string {
  if (nanos === 0n) return '0s';
  const sign = nanos < 0n ? '-' : '';
  const u = nanos < 0n ? -nanos : nanos;
  if (u < NS_PER_SECOND) {
    if (u < 1000n) return `${sign}${u}ns`;
    if (u < 1_000_000n) return `${sign}${withFraction(u, 1000n)}µs`;
    return `${sign}${withFraction(u, 1_000_000n)}ms`;
  }
  const hours = u / (3600n * NS_PER_SECOND);
  const minutes = (u / (60n * NS_PER_SECOND)) % 60n;
  const secs = withFraction(u % (60n * NS_PER_SECOND), NS_PER_SECOND);
  const h = hours > 0n ? `${hours}h` : '';
  const m = hours > 0n || minutes > 0n ? `${minutes}m` : '';
  return `${sign}${h}${m}${secs}s`;
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

function isEmpty(fields: Readonly<Record<string, unknown>>): boolean {
  return Object.keys(fields).length === 0;
}

// An empty Time message is Go's zero time, which metav1.Time marshals as null.
// Time drops nanos on the way in (k8s does, to agree with its JSON form).
const time: WellKnownConverter = (f) => (isEmpty(f) ? null : formatRfc3339(num(f.seconds)));
const microTime: WellKnownConverter = (f) => (isEmpty(f) ? null : formatRfc3339Micro(num(f.seconds), num(f.nanos)));

const duration: WellKnownConverter = (f) => formatGoDuration(BigInt(num(f.duration)));

// IntOrString type 1 is a string; anything else is read as the int, as Go does.
const intOrString: WellKnownConverter = (f) => (f.type === 1 ? (typeof f.strVal === 'string' ? f.strVal : '') : num(f.intVal));

// A Quantity with no string is the zero quantity, which prints as "0".
const quantity: WellKnownConverter = (f) => (typeof f.string === 'string' && f.string !== '' ? f.string : '0');

// FieldsV1 carries managed-fields JSON verbatim; in JSON it is that object.
const fieldsV1: WellKnownConverter = (f) => {
  if (typeof f.Raw !== 'string' || f.Raw === '') return {};
  const text = utf8Text(base64Bytes(f.Raw));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw malformed('managedFields fieldsV1 is not JSON');
  }
};

/** Message name -> converter, for the messages with a non-object JSON form. */
export const WELL_KNOWN: Readonly<Record<string, WellKnownConverter>> = {
  'meta.Time': time,
  'meta.MicroTime': microTime,
  'meta.Duration': duration,
  'meta.FieldsV1': fieldsV1,
  'intstr.IntOrString': intOrString,
  'resource.Quantity': quantity,
};
