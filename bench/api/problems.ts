/**
 * What the server did wrong during the run: non-2xx answers, broken
 * connections, watches that ended early. A benchmark that silently drops
 * failed requests would report a server faster than it is, so every failure
 * is counted per scenario and the first few are kept verbatim (request and
 * response) for the report.
 */

/** One failed exchange, as sent and as answered. */
export interface ProblemSample {
  scenario: string;
  /** e.g. "POST /api/v1/namespaces/bench/pods". */
  request: string;
  requestBody?: string;
  /** HTTP status, or 0 when no response arrived (connection error, timeout). */
  status: number;
  /** Response body or error message, truncated. */
  response: string;
}

/** Failure count of one (scenario, status) pair. */
export interface ProblemCount {
  scenario: string;
  status: number;
  count: number;
}

const SAMPLES_PER_KIND = 3;
const MAX_TEXT = 600;

/** Collects failures; one instance per bench run. */
export class Problems {
  private readonly counts = new Map<string, ProblemCount>();
  private readonly kept: ProblemSample[] = [];

  /** Counts a failure and keeps it verbatim if it is among the first of its (scenario, status). */
  record(sample: ProblemSample): void {
    const key = `${sample.scenario}\u0000${sample.status}`;
    const entry = this.counts.get(key) ?? { scenario: sample.scenario, status: sample.status, count: 0 };
    entry.count++;
    this.counts.set(key, entry);
    if (entry.count <= SAMPLES_PER_KIND) {
      this.kept.push({
        ...sample,
        requestBody: sample.requestBody && truncate(sample.requestBody),
        response: truncate(sample.response),
      });
    }
  }

  /** Failures recorded for one scenario so far. */
  countFor(scenario: string): number {
    let n = 0;
    for (const c of this.counts.values()) if (c.scenario === scenario) n += c.count;
    return n;
  }

  get total(): number {
    let n = 0;
    for (const c of this.counts.values()) n += c.count;
    return n;
  }

  summary(): { counts: ProblemCount[]; samples: ProblemSample[] } {
    return { counts: [...this.counts.values()], samples: [...this.kept] };
  }
}

function truncate(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}... (${text.length} chars)` : text;
}
