/**
 * Starting against a store that is not up yet (a compose file or systemd
 * starting both at once): wait for it, with backoff, instead of failing.
 */
import { isStoreUnavailable } from './store-health';

/** gRPC's DEADLINE_EXCEEDED: a store that does not answer at all (a black-holed address) while starting. */
const GRPC_DEADLINE_EXCEEDED = 4;

/**
 * Waits until the store answers, retrying with exponential backoff (250 ms
 * doubling up to 5 s) while it cannot be reached, and saying so in one line
 * when it first fails and one when it answers; any other failure (a
 * refused credential, a malformed URL) is thrown at once.
 */
export async function waitForStore(
  ping: () => Promise<void>,
  where: string,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<void> {
  let delay = 250;
  let waiting = false;
  for (;;) {
    try {
      await ping();
      if (waiting) log(`chronokube api: the event store at ${where} answers; starting`);
      return;
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code;
      if (!isStoreUnavailable(err) && code !== GRPC_DEADLINE_EXCEEDED) throw err;
      if (!waiting) {
        const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
        log(`chronokube api: waiting for the event store at ${where} (${why}); retrying with backoff`);
        waiting = true;
      }
      await sleep(delay);
      delay = Math.min(delay * 2, 5000);
    }
  }
}
