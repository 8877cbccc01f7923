/**
 * Entry point of `kubectl-chrono`, the kubectl plugin (bin/kubectl-chrono.js
 * passes `process.argv.slice(2)`; kubectl passes everything after `chrono`).
 * Exit codes: 0 ok, 1 the server said no or could not be reached, 2 bad
 * command line. Every failure is one line on stderr, as kubectl prints it.
 */
import fs from 'node:fs';
import { CliError, oneLine, UsageError } from '../errors';
import { atVerb } from './at.verb';
import { auditVerb } from './audit.verb';
import { paintFor } from './color';
import { diffVerb } from './diff.verb';
import { discoverResource, type ResourceRef } from './discovery';
import { historyVerb } from './history.verb';
import { createClient } from './http-client';
import { incidentVerb } from './incident.verb';
import { loadAccess } from './kubeconfig';
import { logVerb } from './log.verb';
import { ServerError } from './server-error';
import { GLOBAL_HELP, type GlobalFlags, type Session, type Verb, type VerbContext } from './verb';
import { whatifVerb } from './whatif.verb';
import { whyVerb } from './why.verb';

/** Every verb, in the order the overall help lists them. */
export const VERBS: readonly Verb[] = [atVerb, diffVerb, historyVerb, logVerb, whyVerb, auditVerb, incidentVerb, whatifVerb];

/** `kubectl chrono --help`. */
export function overallUsage(): string {
  const width = Math.max(...VERBS.map((v) => v.name.length));
  return [
    'Usage: kubectl chrono <command> [args] [flags]',
    '',
    'Time travel for a chronokube cluster: every change since the cluster was born,',
    'who made it and what caused it. Uses your kubeconfig and context like kubectl.',
    'Points in time are a resourceVersion (4711), an RFC 3339 time or "now".',
    '',
    'Commands:',
    ...VERBS.map((v) => `  ${v.name.padEnd(width)}  ${v.summary}`),
    '',
    GLOBAL_HELP,
    '',
    'Use "kubectl chrono <command> --help" for a command\'s flags.',
    'Exit codes: 0 ok, 1 the server refused or could not be reached, 2 bad command line.',
    '',
  ].join('\n');
}

/** True when the command line asks for help (before any `--`). */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/**
 * Runs one command line against `ctx`. Throws CliError (UsageError for a
 * bad command line, ServerError when the server refused) instead of exiting.
 */
export async function dispatch(argv: readonly string[], ctx: VerbContext): Promise<void> {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError("missing command (see 'kubectl chrono --help')");
  if (first === '--help' || first === '-h' || first === 'help') {
    const verb = first === 'help' ? VERBS.find((v) => v.name === rest[0]) : undefined;
    ctx.out(verb ? verb.usage(rest.slice(1)) : overallUsage());
    return;
  }
  const verb = VERBS.find((v) => v.name === first);
  if (!verb) throw new UsageError(`unknown command "${first}" for "kubectl chrono" (see 'kubectl chrono --help')`);
  if (wantsHelp(rest)) {
    ctx.out(verb.usage(rest));
    return;
  }
  await verb.run(rest, ctx);
}

/** The context of a real run: the user's kubeconfig, this process's streams and clock. */
export function processContext(): VerbContext {
  return {
    connect(flags: GlobalFlags): Session {
      const access = loadAccess({ kubeconfig: flags.kubeconfig, context: flags.context, namespace: flags.namespace });
      const client = createClient(access);
      const cache = new Map<string, Promise<ResourceRef | undefined>>();
      return {
        client,
        namespace: access.namespace,
        resource(text) {
          let found = cache.get(text);
          if (!found) cache.set(text, (found = discoverResource(client, text)));
          return found;
        },
      };
    },
    out: (text) => process.stdout.write(text),
    note: (text) => process.stderr.write(text),
    paint: paintFor(process.stdout.isTTY, process.env),
    now: () => new Date(),
    readFile(file) {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch (err) {
        throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
    },
    writeFile(file, data) {
      try {
        fs.writeFileSync(file, data);
      } catch (err) {
        throw new CliError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
    },
  };
}

/** The line a failure prints: a server's Status verbatim, anything else kubectl's `error: ...`. */
export function failureLine(err: unknown): string {
  if (err instanceof ServerError) return oneLine(err);
  if (err instanceof CliError) return err.message.startsWith('Unable to connect') ? oneLine(err) : `error: ${oneLine(err)}`;
  // Anything else is a bug in the plugin, and its stack is what a bug report needs.
  return `error: unexpected: ${err instanceof Error && err.stack ? err.stack : oneLine(err)}`;
}

/** Runs the plugin and sets the exit code; called by bin/kubectl-chrono.js. */
export function main(argv: string[]): void {
  dispatch(argv, processContext()).then(
    () => undefined,
    (err: unknown) => {
      process.stderr.write(`${failureLine(err)}\n`);
      process.exitCode = err instanceof CliError ? err.exitCode : 1;
    },
  );
}
