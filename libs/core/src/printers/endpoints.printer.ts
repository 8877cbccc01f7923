/**
 * Endpoints: NAME ENDPOINTS AGE, where ENDPOINTS lists at most three
 * ready addresses and counts the rest ("1.2.3.4:80,... + 2 more...").
 */
import type { KubeObject } from '../api/meta';
import type { Endpoints } from '../api/types';
import { ageColumn, column, nameColumn } from './columns';
import { joinHostPort, NONE } from './format';
import { ageSince } from './human-duration';
import type { KindPrinter } from './printer';

const COLUMNS = [
  nameColumn(),
  column('Endpoints', 'string',
    'The set of all endpoints is the union of all subsets. Addresses are placed into subsets according to the IPs they share.'),
  ageColumn(),
] as const;

const MAX_SHOWN = 3;

/**
 * The ENDPOINTS cell: one "ip:port" per ready address and port (bare IPs for
 * a subset without ports), the first three shown, "<none>" without subsets.
 * Not-ready addresses are not listed, as in kube.
 */
export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return NONE;
  const shown: string[] = [];
  let total = 0;
  for (const subset of subsets) {
    const addresses = subset.addresses ?? [];
    const ports = subset.ports ?? [];
    // A headless service may have no ports; its addresses are listed bare.
    const targets = ports.length === 0 ? [undefined] : ports.map((p) => p.port);
    for (const port of targets) {
      total += addresses.length;
      for (const a of addresses) {
        if (shown.length === MAX_SHOWN) break;
        shown.push(port === undefined ? a.ip : joinHostPort(a.ip, port));
      }
    }
  }
  const text = shown.join(',');
  return total > MAX_SHOWN ? `${text} + ${total - MAX_SHOWN} more...` : text;
}

function endpointsRow(obj: KubeObject, now: Date): unknown[] {
  const ep = obj as Endpoints;
  return [ep.metadata.name ?? '', formatEndpoints(ep), ageSince(ep.metadata.creationTimestamp, now)];
}

/** The Endpoints printer (kube's printEndpoints). */
export const endpointsPrinter: KindPrinter = { columns: COLUMNS, row: endpointsRow };
