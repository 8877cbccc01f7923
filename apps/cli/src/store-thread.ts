/**
 * The embedded store on a thread of its own, for `server` and `up`: the
 * store's gRPC encoding and SQLite reads then run on the other core while
 * the API decodes and folds, instead of taking turns on one event loop
 * (a full replay of 100,000 events was 10 s on one thread). Clients still
 * reach it only over gRPC, exactly as they would a remote EventStoreDB.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CliError } from './errors';
import { storeServerOptions, type EmbeddedStoreOptions, type RunningStore } from './embedded-store';

type FromThread = { kind: 'ready'; connectionString: string } | { kind: 'failed'; message: string; startup: boolean } | { kind: 'closed' };

/**
 * Starts the store in a worker thread; resolves once it accepts connections.
 * Its TLS material and user are prepared here and handed over, so the
 * thread only serves.
 */
export async function startStoreThread(options: EmbeddedStoreOptions): Promise<RunningStore> {
  const { dir, credentialsFile, server } = await storeServerOptions(options);
  const worker = new Worker(path.join(__dirname, 'store-thread-main.js'), { workerData: server });
  return new Promise((resolve, reject) => {
    const onStart = (m: FromThread): void => {
      if (m.kind === 'ready') {
        worker.off('message', onStart);
        resolve({ connectionString: m.connectionString, credentialsFile, dir, close: closer(worker) });
      } else if (m.kind === 'failed') {
        worker.off('message', onStart);
        void worker.terminate();
        reject(m.startup ? new CliError(m.message, 1) : new Error(m.message));
      }
    };
    worker.on('message', onStart);
    worker.once('error', (err) => reject(new Error(`event store thread failed: ${err.message}`)));
  });
}

function closer(worker: Worker): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () =>
    (closing ??= new Promise<void>((resolve) => {
      const done = (): void => {
        void worker.terminate().then(() => resolve());
      };
      worker.once('exit', resolve);
      worker.on('message', (m: FromThread) => m.kind === 'closed' && done());
      worker.postMessage({ kind: 'close' });
    }));
}
