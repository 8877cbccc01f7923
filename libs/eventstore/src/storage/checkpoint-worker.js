'use strict';
/**
 * The event log's checkpoint thread. SQLite's automatic checkpoint runs
 * inside the commit that crosses the WAL threshold, so every few thousand
 * events one commit (and every append waiting on it) paid for copying the
 * WAL into the database and fsyncing it. Here a connection of its own
 * checkpoints in PASSIVE mode once a second instead: it never takes the
 * write lock, so commits go on while it works.
 *
 * Messages in: { kind: 'close' }   Messages out: { kind: 'closed' }
 */
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');

const db = new Database(workerData.file);
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or closing: the next tick tries again; nothing depends on one checkpoint.
  }
}, workerData.intervalMs || 1000);

parentPort.on('message', (msg) => {
  if (msg.kind !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort.postMessage({ kind: 'closed' });
});
