'use strict';
/**
 * The event log's writer thread. It owns the only writing SQLite connection
 * and does nothing but commit batches: while it waits for fsync, the main
 * thread keeps decoding requests and queueing the next batch, so concurrent
 * appends share one commit (group commit) without ever blocking the server's
 * event loop on the disk.
 *
 * Plain JavaScript so it runs the same under the launcher, Jest and node.
 *
 * Messages in:  { kind: 'commit', events: Row[], streams: StreamRow[] } | { kind: 'close' }
 * Messages out: { kind: 'committed' } | { kind: 'failed', message } | { kind: 'closed' }
 * One commit is in flight at a time, so replies need no id.
 */
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');

const db = new Database(workerData.file);
db.pragma('journal_mode = WAL');
// FULL: the WAL is fsynced at every commit, so an acknowledged write survives a crash or power loss.
db.pragma('synchronous = FULL');
// Checkpoints belong to checkpoint-worker.js, so no commit stalls on one.
db.pragma('wal_autocheckpoint = 0');

const insertEvent = db.prepare(
  'INSERT INTO events (position, stream_id, revision, event_id, type, content_type, created, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
);
const upsertStream = db.prepare(
  `INSERT INTO streams (id, name, last_revision, deleted_before, soft_deleted, tombstoned) VALUES (?, ?, ?, ?, ?, ?)
   ON CONFLICT(id) DO UPDATE SET last_revision = excluded.last_revision, deleted_before = excluded.deleted_before,
     soft_deleted = excluded.soft_deleted, tombstoned = excluded.tombstoned`,
);

const commit = db.transaction((events, streams) => {
  for (const e of events) insertEvent.run(e);
  for (const s of streams) upsertStream.run(s);
});

parentPort.on('message', (msg) => {
  if (msg.kind === 'close') {
    db.close();
    parentPort.postMessage({ kind: 'closed' });
    return;
  }
  try {
    commit(msg.events, msg.streams);
    parentPort.postMessage({ kind: 'committed' });
  } catch (err) {
    parentPort.postMessage({ kind: 'failed', message: String((err && err.message) || err) });
  }
});
