/**
 * The benches' plain-text report layout: a ruled table whose first two
 * columns (scenario, unit) are left-aligned and whose figures are
 * right-aligned so digits line up, and the goals under it.
 */

/** The ruled table, as lines: rule, header, rule, rows, rule. */
export function alignedTable(header: string[], cells: string[][]): string[] {
  const widths = header.map((h, col) => Math.max(h.length, ...cells.map((c) => c[col].length)));
  const line = (c: string[]) => c.map((v, col) => (col < 2 ? v.padEnd(widths[col]) : v.padStart(widths[col]))).join('  ');
  const rule = '-'.repeat(widths.reduce((a, b) => a + b + 2, -2));
  return [rule, line(header), rule, ...cells.map(line), rule];
}

/** "goals:" and one line per goal, its status first. */
export function goalLines(goals: readonly { goal: string; status: string; detail: string }[]): string[] {
  const width = Math.max(0, ...goals.map((g) => g.status.length));
  return ['goals:', ...goals.map((g) => `  ${g.status.padEnd(width)}  ${g.goal}: ${g.detail}`)];
}
