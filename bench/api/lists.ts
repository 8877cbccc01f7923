import { performance } from 'node:perf_hooks';
import { runClosedLoop } from '../eventstore/load';
import { summarize, type LatencySummary } from '../eventstore/stats';
import type { ApiClient } from './client';
import { createPod, listPods, podsPath } from './pods';

export const FILL = 'fill to list size';
export const JSON_LISTS = 'list (JSON)';
export const TABLE_LISTS = 'list (Table, paged)';

/** Server-side printing as `kubectl get` asks for it (its first choice). */
const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io';

export interface FillResult {
  existing: number;
  created: number;
  errors: number;
  ms: number;
  /** Pods in the namespace afterwards, by a list. */
  total: number;
}

/**
 * Tops `namespace` up to `target` pods (new names f-0, f-1, ...) with a
 * closed loop, so the list scenario always lists the same size whatever the
 * creates before it achieved. Not a measurement, but its rate is reported.
 */
export async function fillNamespace(
  client: ApiClient,
  s: { namespace: string; target: number; concurrency: number; timeoutMs: number },
): Promise<FillResult> {
  const existing = (await listPods(client, s.namespace)).items.length;
  const missing = Math.max(0, s.target - existing);
  let next = 0;
  let errors = 0;
  const started = performance.now();
  if (missing > 0) {
    await runClosedLoop({
      concurrency: s.concurrency,
      warmupMs: 0,
      durationMs: s.timeoutMs,
      maxOps: missing,
      op: async () => {
        if (!(await createPod(client, s.namespace, `f-${next++}`, FILL))) errors++;
      },
    });
  }
  const ms = performance.now() - started;
  const total = (await listPods(client, s.namespace)).items.length;
  return { existing, created: missing - errors, errors, ms, total };
}

export interface JsonListFigures {
  runs: number;
  /** Request start to last body byte. */
  latencyMs: LatencySummary;
  /** Each list's time, in order (the first is often the slowest). */
  samplesMs: number[];
  bytes: number;
  /** Items in each response (checked after timing). */
  items: number[];
  errors: number;
}

/** `runs` sequential full (unpaged) JSON lists of the namespace's pods. */
export async function measureJsonLists(client: ApiClient, s: { namespace: string; runs: number }): Promise<JsonListFigures> {
  const latencies: number[] = [];
  const items: number[] = [];
  let bytes = 0;
  let errors = 0;
  for (let i = 0; i < s.runs; i++) {
    const t0 = performance.now();
    const res = await client.send('GET', podsPath(s.namespace), { scenario: JSON_LISTS });
    const t1 = performance.now();
    if (!res.ok) {
      errors++;
      continue;
    }
    latencies.push(t1 - t0);
    bytes = res.body.length;
    items.push((JSON.parse(res.body.toString('utf8')) as { items: unknown[] }).items.length);
  }
  return { runs: s.runs, latencyMs: summarize(latencies), samplesMs: latencies, bytes, items, errors };
}

export interface TableListFigures {
  runs: number;
  /** Total time of each complete paged walk (all pages, parsing included, as kubectl does). */
  totalMs: LatencySummary;
  pages: number;
  rows: number;
  bytes: number;
  errors: number;
}

/**
 * What `kubectl get pods` does: Table responses, `limit` rows per page,
 * following `continue` until the list is complete; repeated `runs` times.
 */
export async function measureTableLists(
  client: ApiClient,
  s: { namespace: string; limit: number; runs: number },
): Promise<TableListFigures> {
  const totals: number[] = [];
  let pages = 0;
  let rows = 0;
  let bytes = 0;
  let errors = 0;
  for (let run = 0; run < s.runs; run++) {
    const t0 = performance.now();
    let token: string | undefined;
    let failed = false;
    pages = rows = bytes = 0;
    do {
      const query = `limit=${s.limit}${token ? `&continue=${encodeURIComponent(token)}` : ''}`;
      const res = await client.send('GET', `${podsPath(s.namespace)}?${query}`, { accept: TABLE_ACCEPT, scenario: TABLE_LISTS });
      if (!res.ok) {
        failed = true;
        break;
      }
      const table = JSON.parse(res.body.toString('utf8')) as { kind?: string; rows?: unknown[]; metadata?: { continue?: string } };
      // A server that ignored the Table request would otherwise pass as 0 rows per page.
      if (table.kind !== 'Table') {
        client.problems.record({
          scenario: TABLE_LISTS,
          request: `GET ${podsPath(s.namespace)}?${query} (Accept: ${TABLE_ACCEPT})`,
          status: res.status,
          response: `kind ${table.kind}, not Table: ${res.body.toString('utf8')}`,
        });
        failed = true;
        break;
      }
      pages++;
      rows += table.rows?.length ?? 0;
      bytes += res.body.length;
      token = table.metadata?.continue || undefined;
    } while (token);
    if (failed) errors++;
    else totals.push(performance.now() - t0);
  }
  return { runs: s.runs, totalMs: summarize(totals), pages, rows, bytes, errors };
}
