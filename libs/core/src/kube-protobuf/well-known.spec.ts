import { WELL_KNOWN, formatGoDuration, formatRfc3339, formatRfc3339Micro } from './well-known';

describe('time formats', () => {
  it('formats metav1.Time as RFC 3339 seconds in UTC', () => {
    expect(formatRfc3339(Date.UTC(2026, 0, 2, 3, 4, 5) / 1000)).toBe('2026-01-02T03:04:05Z');
    expect(formatRfc3339(0)).toBe('1970-01-01T00:00:00Z');
  });

  it('formats metav1.MicroTime with six fractional digits', () => {
    const s = Date.UTC(2026, 0, 2, 3, 4, 5) / 1000;
    expect(formatRfc3339Micro(s, 123_456_789)).toBe('2026-01-02T03:04:05.123456Z');
    expect(formatRfc3339Micro(s, 0)).toBe('2026-01-02T03:04:05.000000Z');
    expect(formatRfc3339Micro(s, 5_000)).toBe('2026-01-02T03:04:05.000005Z');
  });

  it('refuses years Go cannot marshal', () => {
    expect(() => formatRfc3339(1e12)).toThrow(/outside years 0-9999/);
  });

  it('reads an empty Time as Go zero time, which marshals to null', () => {
    expect(WELL_KNOWN['meta.Time']({})).toBeNull();
    expect(WELL_KNOWN['meta.MicroTime']({})).toBeNull();
    expect(WELL_KNOWN['meta.Time']({ seconds: 0 })).toBe('1970-01-01T00:00:00Z');
  });

  it('drops Time nanos, as metav1.Time does', () => {
    expect(WELL_KNOWN['meta.Time']({ seconds: 60, nanos: 999 })).toBe('1970-01-01T00:01:00Z');
  });
});

describe('formatGoDuration', () => {
  it.each([
    [0n, '0s'],
    [7n, '7ns'],
    [1_500n, '1.5µs'],
    [250_000_000n, '250ms'],
    [1_500_000_000n, '1.5s'],
    [90_000_000_000n, '1m30s'],
    [3_600_000_000_000n, '1h0m0s'],
    [259_380_500_000_000n, '72h3m0.5s'],
    [-2_000_000_000n, '-2s'],
  ])('%s ns is %s', (ns, text) => {
    expect(formatGoDuration(ns)).toBe(text);
  });
});

describe('other well-known messages', () => {
  it('reads IntOrString by its type', () => {
    expect(WELL_KNOWN['intstr.IntOrString']({ type: 0, intVal: 8080, strVal: '' })).toBe(8080);
    expect(WELL_KNOWN['intstr.IntOrString']({ type: 1, intVal: 0, strVal: 'http' })).toBe('http');
    expect(WELL_KNOWN['intstr.IntOrString']({})).toBe(0);
  });

  it('reads Quantity as its string, the zero quantity as "0"', () => {
    expect(WELL_KNOWN['resource.Quantity']({ string: '500m' })).toBe('500m');
    expect(WELL_KNOWN['resource.Quantity']({})).toBe('0');
  });

  it('reads FieldsV1 as the JSON it carries', () => {
    const raw = Buffer.from('{"f:data":{".":{}}}').toString('base64');
    expect(WELL_KNOWN['meta.FieldsV1']({ Raw: raw })).toEqual({ 'f:data': { '.': {} } });
    expect(() => WELL_KNOWN['meta.FieldsV1']({ Raw: Buffer.from('{nope').toString('base64') })).toThrow(/not JSON/);
  });

  it('reads Duration as a Go duration string', () => {
    expect(WELL_KNOWN['meta.Duration']({ duration: 90_000_000_000 })).toBe('1m30s');
  });
});
