import type { WhatIf } from './contract';
import { cell, renderTable } from './table';
import { formatPoint } from './values';

/**
 * The what-if answer: a summary line, then one row per pod with where it
 * ran at the point and where the other profile would put it.
 */
export function formatWhatIf(result: WhatIf): string {
  const title = `What-if at ${formatPoint(result.at)}: ${result.changed} of ${result.placements.length} placement${result.placements.length === 1 ? '' : 's'} would change`;
  if (result.placements.length === 0) return `${title}\n`;
  const rows = result.placements.map((p) => [
    p.pod.namespace ?? '',
    p.pod.name,
    p.actual ?? '<none>',
    p.proposed ?? '<unschedulable>',
    p.changed ? 'yes' : 'no',
    cell(p.reason ?? topScores(p.scores), 60),
  ]);
  return `${title}\n${renderTable(['NAMESPACE', 'POD', 'ACTUAL', 'PROPOSED', 'CHANGED', 'WHY'], rows)}`;
}

function topScores(scores: Record<string, number> | undefined): string | undefined {
  if (!scores) return undefined;
  return Object.entries(scores).map(([plugin, n]) => `${plugin}=${n}`).join(' ') || undefined;
}
