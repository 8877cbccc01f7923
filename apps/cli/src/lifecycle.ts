import { oneLine } from './errors';

/**
 * Keeps the process serving until SIGINT or SIGTERM, then awaits `stop` (so
 * queued writes are committed and files closed) and exits 0, or 1 if stopping
 * failed. A second signal while stopping exits 1 at once, for a stuck shutdown.
 */
export function stopOnSignal(label: string, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      process.stderr.write(`chronokube: ${signal} again, exiting without a clean shutdown\n`);
      process.exit(1);
    }
    stopping = true;
    process.stdout.write(`${label}: ${signal} received, shutting down\n`);
    stop().then(
      () => {
        process.stdout.write(`${label}: stopped\n`);
        // Explicit exit: a client's idle keepalive timer must not keep us alive.
        process.exit(0);
      },
      (err: unknown) => {
        process.stderr.write(`chronokube: error while stopping ${label}: ${oneLine(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
