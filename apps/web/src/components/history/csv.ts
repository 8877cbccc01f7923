/**
 * CSV the way spreadsheets read it (RFC 4180): comma-separated, CRLF line
 * ends, a field quoted when it holds a comma, a quote or a line break, and
 * quotes inside doubled. Text that a spreadsheet would run as a formula
 * (starting with = + - @ or a tab/CR) gets a leading apostrophe: audit rows
 * carry what clients sent (user agents, URIs of refused requests), and an
 * exported audit must not execute anything when opened.
 */

/** One column: its header and how to read the cell from a row. */
export interface CsvColumn<T> {
  header: string;
  value(row: T): string | number | boolean | null | undefined | readonly string[];
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field, quoted when needed. Numbers and booleans are written as they are; a list is joined with "; ". */
export function csvField(value: string | number | boolean | null | undefined | readonly string[]): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = Array.isArray(value) ? value.join('; ') : (value as string);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: a header line, then one line per row, each ended by CRLF. */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map((c) => csvField(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
