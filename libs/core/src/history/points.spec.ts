import { apiError } from '../api/api-error.test-helper';
import { formatTime, parseDuration, parsePoint } from './points';


describe('parsePoint', () => {
  it('given a decimal resourceVersion, then it is a position', () => {
    expect(parsePoint('4711')).toEqual({ type: 'rv', position: 4711 });
    expect(parsePoint('0')).toEqual({ type: 'rv', position: 0 });
  });

  it('given now, then it is now', () => {
    expect(parsePoint('now')).toEqual({ type: 'now' });
  });

  it('given RFC 3339 times, then they are epoch milliseconds honouring offsets and fractions', () => {
    expect(parsePoint('2026-12-05T03:12:00Z')).toEqual({ type: 'time', ms: Date.UTC(2026, 11, 5, 3, 12, 0) });
    expect(parsePoint('2026-12-05T04:12:00.25+01:00')).toEqual({ type: 'time', ms: Date.UTC(2026, 11, 5, 3, 12, 0, 250) });
    expect(parsePoint('2026-12-04T22:42:00-04:30')).toEqual({ type: 'time', ms: Date.UTC(2026, 11, 5, 3, 12, 0) });
    // Beyond milliseconds it truncates: an event at .123 is at or before .1239.
    expect(parsePoint('2026-12-05T03:12:00.123999Z')).toEqual({ type: 'time', ms: Date.UTC(2026, 11, 5, 3, 12, 0, 123) });
    expect(parsePoint('2024-02-29T00:00:00z')).toEqual({ type: 'time', ms: Date.UTC(2024, 1, 29) });
  });

  it.each(['', 'yesterday', 'NOW', '-1', '12a', '1e3', '2026-12-05', '2026-12-05T03:12:00', '2026-02-30T00:00:00Z',
    '2025-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-12-05T24:00:00Z', '99999999999999999999'])(
    'given %j, then it is the contract 400 naming the accepted forms', (text) => {
      const e = apiError(() => parsePoint(text));
      expect(e.code).toBe(400);
      expect(e.reason).toBe('BadRequest');
      expect(e.message).toBe(`invalid point ${JSON.stringify(text)}: expected a resourceVersion (decimal), an RFC 3339 time or "now"`);
    });
});

describe('formatTime', () => {
  it('renders RFC 3339 with milliseconds that parsePoint reads back', () => {
    const ms = Date.UTC(2026, 11, 5, 3, 12, 7, 42);
    expect(formatTime(ms)).toBe('2026-12-05T03:12:07.042Z');
    expect(parsePoint(formatTime(ms))).toEqual({ type: 'time', ms });
  });
});

describe('parseDuration (Go style)', () => {
  it.each([
    ['10s', 10_000], ['5m', 300_000], ['1h', 3_600_000], ['1h30m', 5_400_000], ['1.5h', 5_400_000],
    ['250ms', 250], ['2m0.5s', 120_500], ['0', 0], ['.5s', 500], ['-2s', -2000],
  ])('given %s, then %d ms', (text, ms) => {
    expect(parseDuration(text)).toBeCloseTo(ms, 6);
  });

  it.each(['', '10', 's', '5 m', '1d', '1h 2m', 'ten seconds', '1.2.3s'])('given %j, then a 400 naming the parameter', (text) => {
    const e = apiError(() => parseDuration(text, 'bucket'));
    expect(e.code).toBe(400);
    expect(e.message).toBe(`invalid bucket ${JSON.stringify(text)}: expected a duration such as 10s, 5m or 1h`);
  });
});
