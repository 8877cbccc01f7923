import { parseArgs, parsePort } from '../args';
import { startControlPlane } from '../control-plane';
import { DEFAULT_API_PORT, DEFAULT_DATA_DIR, DEFAULT_EVENTSTORE_PORT, DEFAULT_HOST } from '../defaults';
import { stopOnSignal } from '../lifecycle';
import { UP_USAGE } from '../usage';
import { Command } from './command';

const FLAGS = {
  data: { kind: 'string' },
  port: { kind: 'string' },
  help: { kind: 'boolean', short: 'h' },
} as const;

/** Components of `up` that later issues add; listed so nobody waits for them. */
const NOT_YET = ['node agent (for now: chronokube sim --nodes N)', 'web UI'];

/**
 * `chronokube up`: everything on embedded defaults. For now that is the
 * event store and the API server; it says plainly what is still missing,
 * and prints the URLs and the kubeconfig path.
 */
export const upCommand: Command = {
  name: 'up',
  async run(argv) {
    const { flags } = parseArgs(argv, FLAGS, 'chronokube up');
    if (flags.help) {
      process.stdout.write(UP_USAGE);
      return;
    }
    const cp = await startControlPlane({
      dataDir: flags.data ?? DEFAULT_DATA_DIR,
      host: DEFAULT_HOST,
      port: flags.port === undefined ? DEFAULT_API_PORT : parsePort(flags.port),
      eventstorePort: DEFAULT_EVENTSTORE_PORT,
      insecureHttp: false,
      eventstoreUrl: process.env.EVENTSTORE_URL || undefined,
    });
    stopOnSignal('chronokube up', () => cp.close());
    process.stdout.write(
      [
        'chronokube is up',
        `  eventstore  ${cp.eventstore}`,
        `  api         ${cp.url}`,
        ...(cp.kubeconfig ? [`  kubeconfig  ${cp.kubeconfig}`, `  try: KUBECONFIG=${cp.kubeconfig} kubectl get nodes`] : []),
        `not yet available: ${NOT_YET.join(', ')}; they arrive in later releases`,
        'press Ctrl+C to stop',
        '',
      ].join('\n'),
    );
  },
};
