/** Runs inside the store thread: starts the embedded store, reports, and closes it on request. */
import { parentPort, workerData } from 'node:worker_threads';
import { StartupError, startEventStoreServer, type EventStoreServerOptions } from '@chronokube/eventstore';

// Prepared by store-thread.ts: data dir, port, host, limits, TLS material and the user.
const options = workerData as EventStoreServerOptions;

startEventStoreServer(options).then(
  (server) => {
    parentPort!.postMessage({ kind: 'ready', connectionString: server.connectionString });
    parentPort!.on('message', (m: { kind: string }) => {
      if (m.kind !== 'close') return;
      void server.close().then(() => parentPort!.postMessage({ kind: 'closed' }));
    });
  },
  (err: Error) => parentPort!.postMessage({ kind: 'failed', message: err.message, startup: err instanceof StartupError }),
);
