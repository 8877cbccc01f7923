import { parseArgs, parseCount, parsePort } from '../args';
import { DEFAULT_DATA_DIR, DEFAULT_EVENTSTORE_PORT, DEFAULT_HOST } from '../defaults';
import { startEmbeddedStore } from '../embedded-store';
import { redactConnectionString } from '../store-security';
import { UsageError } from '../errors';
import { stopOnSignal } from '../lifecycle';
import { EVENTSTORE_USAGE } from '../usage';
import { Command } from './command';

const FLAGS = {
  data: { kind: 'string' },
  port: { kind: 'string' },
  host: { kind: 'string' },
  'no-batch-append': { kind: 'boolean' },
  'max-append-size': { kind: 'string' },
  help: { kind: 'boolean', short: 'h' },
} as const;

/**
 * `chronokube eventstore`: the embedded store alone. Prints exactly one
 * "eventstore listening on <connection string without password> (credentials:
 * <file>, data: <dir>)" line once it accepts connections; scripts and tests
 * wait for that line and put the file's `user:password` into the string.
 */
export const eventstoreCommand: Command = {
  name: 'eventstore',
  async run(argv) {
    const { flags } = parseArgs(argv, FLAGS, 'chronokube eventstore');
    if (flags.help) {
      process.stdout.write(EVENTSTORE_USAGE);
      return;
    }
    const port = flags.port === undefined ? DEFAULT_EVENTSTORE_PORT : parsePort(flags.port);
    const host = flags.host ?? DEFAULT_HOST;
    // The connection string is built from the host, so it must not be able to carry junk.
    if (/[\s/?#@]/.test(host)) throw new UsageError(`invalid --host '${host}'`);
    const store = await startEmbeddedStore({
      dataDir: flags.data ?? DEFAULT_DATA_DIR,
      port,
      host,
      batchAppend: !flags['no-batch-append'],
      maxAppendSize: flags['max-append-size'] === undefined ? undefined : parseCount(flags['max-append-size'], '--max-append-size'),
    });
    stopOnSignal('eventstore', () => store.close());
    const shown = redactConnectionString(store.connectionString);
    process.stdout.write(`eventstore listening on ${shown} (credentials: ${store.credentialsFile}, data: ${store.dir})\n`);
  },
};
