import fs from 'node:fs';
import path from 'node:path';
import { Command } from './commands/command';
import { agentCommand } from './commands/agent.command';
import { eventstoreCommand } from './commands/eventstore.command';
import { serverCommand } from './commands/server.command';
import { simCommand } from './commands/sim.command';
import { upCommand } from './commands/up.command';
import { webCommand } from './commands/web.command';
import { CliError, oneLine, UsageError } from './errors';
import { overallUsage } from './usage';

const COMMANDS: ReadonlyMap<string, Command> = new Map(
  [upCommand, eventstoreCommand, serverCommand, simCommand, agentCommand, webCommand].map((c) => [c.name, c]),
);

/**
 * Entry point of the `chronokube` launcher (bin/chronokube.js passes
 * `process.argv.slice(2)`). Returns at once; the outcome is the process exit
 * code: 0 ok, 1 runtime failure, 2 bad command line. Servers keep running
 * until SIGINT/SIGTERM. Failures the user caused print one `chronokube: ` line.
 */
export function main(argv: string[]): void {
  dispatch(argv).catch(fail);
}

async function dispatch(argv: string[]): Promise<void> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    // Bare `chronokube` is a mistake more often than a question: usage, but as an error.
    process.stderr.write(overallUsage());
    process.exitCode = 2;
    return;
  }
  if (first === '--help' || first === '-h') {
    process.stdout.write(overallUsage());
    return;
  }
  if (first === '--version') {
    process.stdout.write(`${rootVersion()}\n`);
    return;
  }
  if (first === 'help') {
    // `chronokube help eventstore` is the same as `chronokube eventstore --help`.
    const command = rest[0] === undefined ? undefined : findCommand(rest[0]);
    if (command) return command.run(['--help']);
    process.stdout.write(overallUsage());
    return;
  }
  if (first.startsWith('-')) throw new UsageError(`unknown flag ${first.split('=')[0]} (see 'chronokube --help')`);
  return findCommand(first).run(rest);
}

function findCommand(name: string): Command {
  const command = COMMANDS.get(name);
  if (!command) throw new UsageError(`unknown command '${name}' (see 'chronokube --help')`);
  return command;
}

/** The root package.json's version: the launcher is released with the repository. */
function rootVersion(): string {
  const file = path.resolve(__dirname, '../../../package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

function fail(err: unknown): never {
  if (err instanceof CliError) {
    process.stderr.write(`chronokube: ${oneLine(err)}\n`);
    process.exit(err.exitCode);
  }
  // Anything else is a bug in chronokube, and its stack is what a bug report needs.
  const detail = err instanceof Error && err.stack ? err.stack : oneLine(err);
  process.stderr.write(`chronokube: unexpected error: ${detail}\n`);
  process.exit(1);
}
