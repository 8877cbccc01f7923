import { UsageError } from './errors';

/** How one long flag (`--name`) is read; `short` is a one-letter alias (`-h`). */
export interface FlagSpec {
  kind: 'string' | 'boolean';
  short?: string;
}

/** Flags a command accepts, keyed by long name without the dashes. */
export type FlagSpecs = Record<string, FlagSpec>;

/** Parsed values: booleans default to false, strings are undefined unless given. */
export type FlagValues<S extends FlagSpecs> = {
  [K in keyof S]: S[K] extends { kind: 'boolean' } ? boolean : string | undefined;
};

/** Result of {@link parseArgs}. */
export interface ParsedArgs<S extends FlagSpecs> {
  flags: FlagValues<S>;
  positionals: string[];
}

/** Options for {@link parseArgs}. */
export interface ParseOptions {
  /** Accept bare arguments; off by default so a typo is an error, not silently ignored. */
  allowPositionals?: boolean;
}

/**
 * Parses `argv` (without the command name) against `specs`. Accepts
 * `--name value`, `--name=value`, boolean `--name`, the `short` aliases and
 * `--` to end flags. A repeated flag keeps its last value. Pure: throws
 * {@link UsageError} (mentioning `--help` of `command`) instead of printing.
 */
export function parseArgs<S extends FlagSpecs>(
  argv: readonly string[],
  specs: S,
  command: string,
  options: ParseOptions = {},
): ParsedArgs<S> {
  const hint = `(see '${command} --help')`;
  const byShort = new Map<string, string>();
  const flags: Record<string, string | boolean | undefined> = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.short) byShort.set(spec.short, name);
    flags[name] = spec.kind === 'boolean' ? false : undefined;
  }
  const positionals: string[] = [];
  let flagsEnded = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (flagsEnded || arg === '-' || !arg.startsWith('-')) {
      if (!options.allowPositionals) throw new UsageError(`unexpected argument '${arg}' ${hint}`);
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      flagsEnded = true;
      continue;
    }
    let name: string | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
    } else {
      name = byShort.get(arg.slice(1));
    }
    // hasOwn: a flag named like an Object.prototype member ("--constructor") is still unknown.
    const spec = name !== undefined && Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (name === undefined || spec === undefined) {
      throw new UsageError(`unknown flag ${arg.split('=')[0]} ${hint}`);
    }
    if (spec.kind === 'boolean') {
      if (inline !== undefined) throw new UsageError(`flag --${name} takes no value ${hint}`);
      flags[name] = true;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next !== undefined && !looksLikeFlag(next)) {
        value = next;
        i++;
      }
    }
    // An empty value is as good as none: `--data=` would otherwise mean the cwd.
    if (value === undefined || value === '') throw new UsageError(`flag --${name} needs a value ${hint}`);
    flags[name] = value;
  }
  return { flags: flags as FlagValues<S>, positionals };
}

/**
 * True for a token that is a flag rather than a value. Negative numbers are
 * values, so `--port -1` reports a bad port instead of a missing value.
 */
function looksLikeFlag(token: string): boolean {
  return token.startsWith('-') && token !== '-' && !/^-\d/.test(token);
}

/**
 * Reads a TCP port: a decimal integer from 0 to 65535, where 0 asks the OS for
 * a free port. Anything else (signs, fractions, hex, blanks) is a UsageError.
 */
export function parsePort(value: string, flag = '--port'): number {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new UsageError(`invalid ${flag} '${value}': expected an integer from 0 to 65535`);
  }
  return port;
}

/** Reads a positive integer flag (a count), or throws a UsageError naming the flag. */
export function parseCount(value: string, flag: string, min = 1): number {
  const n = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!(n >= min)) throw new UsageError(`invalid ${flag} '${value}': expected an integer of at least ${min}`);
  return n;
}

/** Reads a duration: "250ms", "2s", "1m", or a bare number of milliseconds. */
export function parseDuration(value: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value);
  if (!m) throw new UsageError(`invalid ${flag} '${value}': expected a duration such as 500ms, 2s or 1m`);
  const n = Number(m[1]);
  return Math.round(m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n);
}
