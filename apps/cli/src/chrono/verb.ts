/**
 * What every verb of `kubectl chrono` shares: the kubectl-style global
 * flags, the output formats, and the context a verb runs in (a lazily
 * opened session, stdout/stderr, colour and the clock), so verbs stay
 * small and their parsing and printing stay testable without a server.
 */
import * as yaml from 'js-yaml';
import { parseArgs, type FlagSpecs, type FlagValues } from '../args';
import { UsageError } from '../errors';
import type { Paint } from './color';
import type { ResourceRef } from './discovery';
import type { ChronoClient } from './http-client';

/** Flags every verb accepts, in any position, as kubectl's global flags. */
export const GLOBAL_FLAGS = {
  kubeconfig: { kind: 'string' },
  context: { kind: 'string' },
  namespace: { kind: 'string', short: 'n' },
  output: { kind: 'string', short: 'o' },
  help: { kind: 'boolean', short: 'h' },
} as const satisfies FlagSpecs;

/** The parsed global flags; connect() reads kubeconfig, context and namespace from them. */
export type GlobalFlags = FlagValues<typeof GLOBAL_FLAGS>;

/** The global flags' lines for every help page. */
export const GLOBAL_HELP = [
  'Global flags:',
  '  --kubeconfig FILE      kubeconfig to use (default: $KUBECONFIG, else ~/.kube/config)',
  '  --context NAME         kubeconfig context (default: the current context)',
  '  -n, --namespace NS     namespace (default: the context\'s namespace)',
  '  -o, --output FORMAT    json or yaml instead of the human table',
  '  -h, --help             show help',
].join('\n');

/** A connection to the cluster of the chosen context. */
export interface Session {
  client: ChronoClient;
  /** -n, else the context's namespace, else "default". */
  namespace: string;
  /** Looks a kind up in discovery (po, pods, Pod, deployments.apps). */
  resource(text: string): Promise<ResourceRef | undefined>;
}

/** Where a verb reads and writes; main builds the real one, tests may build their own. */
export interface VerbContext {
  connect(flags: GlobalFlags): Session;
  out(text: string): void;
  note(text: string): void;
  paint: Paint;
  now(): Date;
  readFile(file: string): string;
  writeFile(file: string, data: Buffer | string): void;
}

/** One verb: `kubectl chrono <name> ...`. */
export interface Verb {
  name: string;
  summary: string;
  /** The help page; `rest` lets a verb with sub-commands (incident) show one of theirs. */
  usage(rest: readonly string[]): string;
  run(argv: string[], ctx: VerbContext): Promise<void>;
}

/**
 * Parses a verb's argv with the global flags merged in; positionals are
 * allowed. Short string flags also take kubectl's attached forms
 * (`-ndemo`, `-n=demo`, `-ojson`).
 */
export function parseVerbArgs<S extends FlagSpecs>(argv: readonly string[], specs: S, command: string) {
  const all: FlagSpecs = { ...GLOBAL_FLAGS, ...specs };
  const shortStrings = new Set(Object.values(all).filter((f) => f.kind === 'string' && f.short).map((f) => f.short));
  const end = argv.indexOf('--');
  const expanded = argv.flatMap((arg, i) => {
    const m = (end < 0 || i < end) && /^-([A-Za-z])=?(.+)$/.exec(arg);
    return m && shortStrings.has(m[1]) ? [`-${m[1]}`, m[2]] : [arg];
  });
  return parseArgs(expanded, all, `kubectl chrono ${command}`, { allowPositionals: true }) as {
    flags: FlagValues<S> & GlobalFlags;
    positionals: string[];
  };
}

/** Exactly `names.length` positionals, else a usage error naming the missing or extra one. */
export function expectPositionals(positionals: readonly string[], names: readonly string[], command: string, optional = 0): string[] {
  const required = names.length - optional;
  if (positionals.length < required) {
    throw new UsageError(`${command}: missing ${names[positionals.length]} (see 'kubectl chrono ${command} --help')`);
  }
  if (positionals.length > names.length) {
    throw new UsageError(`${command}: unexpected argument '${positionals[names.length]}' (see 'kubectl chrono ${command} --help')`);
  }
  return [...positionals];
}

/** The machine-readable formats; undefined means the human table. */
export type OutputFormat = 'json' | 'yaml' | 'wide' | undefined;

/** Checks -o against what a verb can print. */
export function outputFormat(value: string | undefined, allowed: readonly string[] = ['json', 'yaml']): OutputFormat {
  if (value === undefined) return undefined;
  if (!allowed.includes(value)) {
    throw new UsageError(`unable to match a printer suitable for the output format "${value}", allowed formats are: ${allowed.join(',')}`);
  }
  return value as OutputFormat;
}

/** JSON (2-space, as kubectl) or YAML of a response. */
export function renderMachine(value: unknown, format: 'json' | 'yaml'): string {
  return format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : yaml.dump(value);
}

/** `kind/name`, split for history and why; a missing half is a usage error. */
export function splitKindName(text: string, command: string): { kind: string; name: string } {
  const slash = text.indexOf('/');
  const kind = slash < 0 ? '' : text.slice(0, slash);
  const name = slash < 0 ? '' : text.slice(slash + 1);
  if (!kind || !name || name.includes('/')) {
    throw new UsageError(`${command}: expected KIND/NAME such as configmap/web-config, got '${text}'`);
  }
  return { kind, name };
}

/** A positive integer flag (a count), as a string for the query. */
export function countFlag(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) throw new UsageError(`invalid ${flag} '${value}': expected a positive integer`);
  return String(Number(value));
}
