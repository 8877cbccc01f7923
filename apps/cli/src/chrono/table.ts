/**
 * Aligned columns as kubectl prints them (Go's tabwriter with minwidth 6 and
 * padding 3): every column but the last is padded to its widest cell + 3.
 */

/** Renders a header row and data rows; each line ends with a newline. */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [headers, ...rows];
  const widths = headers.map((_, i) => Math.max(6, ...all.map((r) => width(r[i] ?? '') + 3)));
  return all
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i] - width(cell)))).join('').trimEnd())
    .map((line) => `${line}\n`)
    .join('');
}

// Code points, not UTF-16 units, so "→" and accented names count once.
function width(text: string): number {
  return [...text].length;
}

/** kubectl's cell for a missing value. */
export const NONE = '<none>';

/** Collapses whitespace and cuts a cell at `max` characters with an ellipsis. */
export function cell(text: string | undefined, max = 60): string {
  if (text === undefined || text === '') return NONE;
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
}
