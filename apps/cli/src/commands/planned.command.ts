import { CliError } from '../errors';
import { PLANNED_USAGE } from '../usage';
import { Command } from './command';

/**
 * A command from the contract that is not built yet: `--help` shows its
 * planned flags (exit 0); anything else fails with one line and exit 1, so a
 * script that relies on it fails loudly rather than doing nothing.
 */
export function plannedCommand(name: string): Command {
  return {
    name,
    async run(argv) {
      // Help is honoured anywhere before `--`, whatever else is on the line.
      const end = argv.indexOf('--');
      const flags = end < 0 ? argv : argv.slice(0, end);
      if (flags.includes('--help') || flags.includes('-h')) {
        process.stdout.write(PLANNED_USAGE[name]);
        return;
      }
      throw new CliError(`${name} is not implemented yet (see 'chronokube --help')`, 1);
    },
  };
}
