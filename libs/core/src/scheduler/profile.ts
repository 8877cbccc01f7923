/**
 * A scheduler profile: which filters run (in order), which scores count
 * and how much, how many nodes to sample, and how NodeResourcesFit scores.
 * Parsed from YAML or JSON with every problem reported at once, so an
 * operator fixes a config in one go.
 */
import * as yaml from 'js-yaml';
import { DEFAULT_FILTERS, FILTER_PLUGINS } from './filters';
import type { ScoringStrategy } from './framework';
import { DEFAULT_SCORES, SCORE_PLUGINS } from './scores';

/** The scheduler's configuration. */
export interface SchedulerProfile {
  /** Filter plugin names, run in this order; a node stops at the first failure. */
  filters: string[];
  /** Score plugins and their weights (positive integers). */
  scores: { name: string; weight: number }[];
  /**
   * Share of nodes (1..100) to find feasible before scoring; 0 means kube's
   * adaptive default (50% - nodes/125, at least 5%, and never fewer than 100 nodes).
   */
  percentageOfNodesToScore: number;
  /** NodeResourcesFit's scoring. */
  scoringStrategy: ScoringStrategy;
}

/** kube-scheduler's defaults, for the plugins chronokube has. A fresh copy each call. */
export function defaultProfile(): SchedulerProfile {
  return {
    filters: [...DEFAULT_FILTERS],
    scores: DEFAULT_SCORES.map((s) => ({ ...s })),
    percentageOfNodesToScore: 0,
    scoringStrategy: 'LeastAllocated',
  };
}

/** A profile that did not parse or validate; `problems` lists every issue. */
export class InvalidProfileError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid scheduler profile: ${problems.join('; ')}`);
    this.name = 'InvalidProfileError';
  }
}

const STRATEGIES: readonly ScoringStrategy[] = ['LeastAllocated', 'MostAllocated'];
const KEYS = ['filters', 'scores', 'percentageOfNodesToScore', 'scoringStrategy'];

function known(names: Record<string, unknown>): string {
  return Object.keys(names).join(', ');
}

function parseFilters(v: unknown, problems: string[]): string[] | undefined {
  if (!Array.isArray(v)) {
    problems.push('filters: must be a list of plugin names');
    return undefined;
  }
  const seen = new Set<string>();
  v.forEach((name, i) => {
    if (typeof name !== 'string') problems.push(`filters[${i}]: must be a plugin name`);
    else if (!(name in FILTER_PLUGINS)) problems.push(`filters[${i}]: unknown filter plugin "${name}" (known: ${known(FILTER_PLUGINS)})`);
    else if (seen.has(name)) problems.push(`filters[${i}]: duplicate plugin "${name}"`);
    else seen.add(name);
  });
  return v as string[];
}

function parseWeight(w: unknown, at: string, problems: string[]): number {
  if (w === undefined) return 1; // kube defaults an unset score weight to 1
  if (typeof w !== 'number' || !Number.isInteger(w) || w < 1) {
    problems.push(`${at}.weight: must be a positive integer, got ${JSON.stringify(w)}`);
  }
  return w as number;
}

/** Scores as a list of {name, weight} or a map name -> weight. */
function parseScores(v: unknown, problems: string[]): { name: string; weight: number }[] | undefined {
  let entries: { name: unknown; weight: unknown; at: string }[];
  if (Array.isArray(v)) {
    entries = v.map((e, i) => (typeof e === 'string'
      ? { name: e, weight: undefined, at: `scores[${i}]` }
      : { name: (e as Record<string, unknown>)?.name, weight: (e as Record<string, unknown>)?.weight, at: `scores[${i}]` }));
  } else if (v !== null && typeof v === 'object') {
    entries = Object.entries(v).map(([name, weight]) => ({ name, weight, at: `scores.${name}` }));
  } else {
    problems.push('scores: must be a list of {name, weight} or a map of name to weight');
    return undefined;
  }
  const seen = new Set<string>();
  return entries.map(({ name, weight, at }) => {
    if (typeof name !== 'string') problems.push(`${at}.name: must be a plugin name`);
    else if (!(name in SCORE_PLUGINS)) problems.push(`${at}: unknown score plugin "${name}" (known: ${known(SCORE_PLUGINS)})`);
    else if (seen.has(name)) problems.push(`${at}: duplicate plugin "${name}"`);
    else seen.add(name);
    return { name: name as string, weight: parseWeight(weight, at, problems) };
  });
}

/**
 * Validate a profile object; missing fields take their defaults. Throws
 * InvalidProfileError listing every problem.
 */
export function validateProfile(input: unknown): SchedulerProfile {
  const profile = defaultProfile();
  if (input === undefined || input === null) return profile;
  if (typeof input !== 'object' || Array.isArray(input)) throw new InvalidProfileError(['must be a mapping']);
  const o = input as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(o)) {
    if (!KEYS.includes(key)) problems.push(`${key}: unknown field (known: ${KEYS.join(', ')})`);
  }
  if (o.filters !== undefined) profile.filters = parseFilters(o.filters, problems) ?? profile.filters;
  if (o.scores !== undefined) profile.scores = parseScores(o.scores, problems) ?? profile.scores;
  if (o.percentageOfNodesToScore !== undefined) {
    const p = o.percentageOfNodesToScore;
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || p > 100) {
      problems.push(`percentageOfNodesToScore: ${JSON.stringify(p)} not in valid range [0-100]`);
    } else profile.percentageOfNodesToScore = p;
  }
  if (o.scoringStrategy !== undefined) {
    const s = o.scoringStrategy;
    if (!STRATEGIES.includes(s as ScoringStrategy)) {
      problems.push(`scoringStrategy: ${JSON.stringify(s)} is not one of ${STRATEGIES.join(', ')}`);
    } else profile.scoringStrategy = s as ScoringStrategy;
  }
  if (problems.length) throw new InvalidProfileError(problems);
  return profile;
}

/**
 * Parse a profile from YAML or JSON text (JSON is YAML). Empty (or
 * comment-only) text gives the default profile. Throws InvalidProfileError.
 */
export function parseProfile(text: string): SchedulerProfile {
  // js-yaml 5 rejects a document with no content; for a profile that means "all defaults".
  if (text.split('\n').every((line) => /^\s*(#.*)?$/.test(line))) return defaultProfile();
  let doc: unknown;
  try {
    doc = yaml.load(text);
  } catch (e) {
    throw new InvalidProfileError([`not valid YAML or JSON: ${(e as Error).message.split('\n')[0]}`]);
  }
  return validateProfile(doc);
}
