/**
 * The check behind meta/v1 Time and MicroTime decoding: kube parses them
 * with Go's time.Parse(time.RFC3339, s), so a timestamp that is not RFC 3339
 * is refused with Go's ParseError text, which names the first layout
 * element that did not match:
 * `parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"`.
 */

const LAYOUT = '2006-01-02T15:04:05Z07:00';

/** [layout element, digits it takes or the literal it wants, range check] */
type Element = [string, number | string, [number, number, string]?];

const ELEMENTS: Element[] = [
  ['2006', 4],
  ['-', '-'],
  ['01', 2, [1, 12, 'month']],
  ['-', '-'],
  ['02', 2, [1, 31, 'day']],
  ['T', 'T'],
  ['15', 2, [0, 23, 'hour']],
  [':', ':'],
  ['04', 2, [0, 59, 'minute']],
  [':', ':'],
  ['05', 2, [0, 59, 'second']],
];

function quote(s: string): string {
  return JSON.stringify(s);
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Go's error for `value` as an RFC 3339 time, or undefined when it parses. Pure. */
export function rfc3339Error(value: string): string | undefined {
  const prefix = `parsing time ${quote(value)}`;
  const cannot = (rest: string, element: string): string => `${prefix} as ${quote(LAYOUT)}: cannot parse ${quote(rest)} as ${quote(element)}`;
  let rest = value;
  const numbers: number[] = [];
  for (const [element, want, range] of ELEMENTS) {
    if (typeof want === 'string') {
      if (!rest.startsWith(want)) return cannot(rest, element);
      rest = rest.slice(want.length);
      continue;
    }
    const digits = rest.slice(0, want);
    if (!new RegExp(`^\\d{${want}}$`).test(digits)) return cannot(rest, element);
    const n = Number(digits);
    if (range && (n < range[0] || n > range[1])) return `${prefix}: ${range[2]} out of range`;
    numbers.push(n);
    rest = rest.slice(want);
  }
  // Go takes fractional seconds after the seconds even where the layout has none.
  const fraction = /^[.,]\d+/.exec(rest);
  if (fraction) rest = rest.slice(fraction[0].length);
  if (rest.startsWith('Z')) rest = rest.slice(1);
  else {
    const zone = /^[+-](\d{2}):(\d{2})/.exec(rest);
    if (!zone) return cannot(rest, 'Z07:00');
    if (Number(zone[1]) > 23 || Number(zone[2]) > 59) return `${prefix}: time zone offset out of range`;
    rest = rest.slice(zone[0].length);
  }
  if (rest !== '') return `${prefix}: extra text: ${quote(rest)}`;
  const [year, month, day] = numbers;
  if (day > daysIn(year, month)) return `${prefix}: day out of range`;
  return undefined;
}
