import type Database from 'better-sqlite3';

/**
 * The on-disk layout. `events.position` is the $all position (commit and
 * prepare position are the same number); `streams` holds what a stream is
 * beyond its events: its last revision and its deletion state.
 */
export const SCHEMA_VERSION = 1;

export function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(`data directory was written by a newer chronokube (schema ${version}, this one reads ${SCHEMA_VERSION})`);
  }
  if (version === SCHEMA_VERSION) return;
  db.exec(`
    CREATE TABLE IF NOT EXISTS streams (
      id              INTEGER PRIMARY KEY,
      name            TEXT    NOT NULL UNIQUE,
      last_revision   INTEGER NOT NULL DEFAULT -1,
      -- revisions below this were soft-deleted
      deleted_before  INTEGER NOT NULL DEFAULT 0,
      soft_deleted    INTEGER NOT NULL DEFAULT 0,
      tombstoned      INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE IF NOT EXISTS events (
      position      INTEGER PRIMARY KEY,
      stream_id     INTEGER NOT NULL,
      revision      INTEGER NOT NULL,
      event_id      BLOB    NOT NULL,
      type          TEXT    NOT NULL,
      content_type  TEXT    NOT NULL,
      created       INTEGER NOT NULL,
      data          BLOB    NOT NULL,
      metadata      BLOB    NOT NULL
    );
    CREATE UNIQUE INDEX IF NOT EXISTS events_by_stream ON events(stream_id, revision);
    CREATE INDEX IF NOT EXISTS events_by_id ON events(event_id);
  `);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}
