/** Runs inside the store thread: starts the embedded store, reports, and closes it on request. */
import { parentPort, workerData } from 'node:worker_threads';
import { StartupError, startEventStoreServer } from '@chronokube/eventstore';

const { dataDir, port, host, batchAppend } = workerData as { dataDir: string; port: number; host: string; batchAppend: boolean };

startEventStoreServer({ dataDir, port, host, batchAppend }).then(
  (server) => {
    parentPort!.postMessage({ kind: 'ready', connectionString: server.connectionString });
    parentPort!.on('message', (m: { kind: string }) => {
      if (m.kind !== 'close') return;
      void server.close().then(() => parentPort!.postMessage({ kind: 'closed' }));
    });
  },
  (err: Error) => parentPort!.postMessage({ kind: 'failed', message: err.message, startup: err instanceof StartupError }),
);
