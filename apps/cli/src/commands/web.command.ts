import path from 'node:path';
import { parseArgs, parsePort } from '../args';
import { DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_WEB_PORT } from '../defaults';
import { stopOnSignal } from '../lifecycle';
import { WEB_USAGE } from '../usage';
import { startWeb } from '../web/start-web';
import { Command } from './command';

const FLAGS = {
  port: { kind: 'string' },
  host: { kind: 'string' },
  kubeconfig: { kind: 'string' },
  data: { kind: 'string' },
  'ui-dir': { kind: 'string' },
  help: { kind: 'boolean', short: 'h' },
} as const;

/**
 * `chronokube web`: the dashboard for the server in --kubeconfig. Prints
 * "chronokube web: dashboard on URL" and then a one-time login link; tests
 * wait for those lines.
 */
export const webCommand: Command = {
  name: 'web',
  async run(argv) {
    const { flags } = parseArgs(argv, FLAGS, 'chronokube web');
    if (flags.help) {
      process.stdout.write(WEB_USAGE);
      return;
    }
    const log = (line: string) => process.stderr.write(`chronokube web: ${line}\n`);
    const web = await startWeb({
      host: flags.host ?? DEFAULT_HOST,
      port: flags.port === undefined ? DEFAULT_WEB_PORT : parsePort(flags.port),
      kubeconfig: flags.kubeconfig ?? path.join(flags.data ?? DEFAULT_DATA_DIR, 'kubeconfig'),
      uiDir: flags['ui-dir'],
      log,
    });
    stopOnSignal('chronokube web', () => web.close());
    process.stdout.write(`chronokube web: dashboard on ${web.url}\nchronokube web: sign in (one-time link): ${web.loginUrl()}\n`);
  },
};
