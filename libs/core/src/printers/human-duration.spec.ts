import { ageSince, humanDuration, parseTimestamp, shortHumanDuration } from './human-duration';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

describe('humanDuration (the AGE format)', () => {
  it.each([
    [-2 * S, '<invalid>'],
    [-1999, '0s'],
    [-1 * S, '0s'],
    [0, '0s'],
    [999, '0s'],
    [45 * S, '45s'],
    [119 * S, '119s'],
    [120 * S, '2m'],
    [121 * S, '2m1s'],
    [302 * S, '5m2s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M, '10m'],
    [10 * M + 30 * S, '10m'],
    [179 * M + 59 * S, '179m'],
    [3 * H, '3h'],
    [3 * H + 4 * M, '3h4m'],
    [7 * H + 59 * M, '7h59m'],
    [8 * H, '8h'],
    [8 * H + 30 * M, '8h'],
    [47 * H + 59 * M, '47h'],
    [48 * H, '2d'],
    [2 * D + 3 * H, '2d3h'],
    [7 * D + 23 * H, '7d23h'],
    [8 * D, '8d'],
    [8 * D + 5 * H, '8d'],
    [729 * D, '729d'],
    [730 * D, '2y'],
    [2 * Y + 10 * D, '2y10d'],
    [8 * Y - D, '7y364d'],
    [8 * Y, '8y'],
    [8 * Y + 100 * D, '8y'],
  ])('%d ms -> %s', (ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });
});

describe('shortHumanDuration', () => {
  it.each([
    [-5 * S, '<invalid>'],
    [-1 * S, '0s'],
    [59 * S, '59s'],
    [60 * S, '1m'],
    [59 * M + 59 * S, '59m'],
    [H, '1h'],
    [23 * H + 59 * M, '23h'],
    [D, '1d'],
    [364 * D, '364d'],
    [Y, '1y'],
  ])('%d ms -> %s', (ms, expected) => {
    expect(shortHumanDuration(ms)).toBe(expected);
  });
});

describe('parseTimestamp', () => {
  it('treats missing, null, empty, garbage and Go zero time as unset', () => {
    for (const ts of [undefined, null, '', 'yesterday', '0001-01-01T00:00:00Z']) {
      expect(parseTimestamp(ts)).toBeUndefined();
    }
  });

  it('parses RFC 3339 times, micro-precision included', () => {
    expect(parseTimestamp('2024-01-01T00:00:00Z')).toBe(Date.UTC(2024, 0, 1));
    expect(parseTimestamp('2024-01-01T00:00:01.500000Z')).toBe(Date.UTC(2024, 0, 1, 0, 0, 1, 500));
  });
});

describe('ageSince', () => {
  const now = new Date('2024-05-01T12:00:00Z');

  it('measures from now', () => {
    expect(ageSince('2024-05-01T11:55:00Z', now)).toBe('5m');
    expect(ageSince('2024-04-29T09:00:00Z', now)).toBe('2d3h');
  });

  it('prints <unknown> for an unset timestamp', () => {
    expect(ageSince(undefined, now)).toBe('<unknown>');
  });

  it('prints 0s for a timestamp slightly in the future (clock skew)', () => {
    expect(ageSince('2024-05-01T12:00:01Z', now)).toBe('0s');
    expect(ageSince('2024-05-01T12:00:05Z', now)).toBe('<invalid>');
  });
});
