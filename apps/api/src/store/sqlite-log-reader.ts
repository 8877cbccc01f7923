/**
 * Bulk history reads straight from the embedded store's SQLite file
 * (DIR/eventstore/events.sqlite), opened read-only beside the store.
 *
 * Why not through @eventstore/db-client, as ARCHITECTURE.md has every read
 * go: the official client decodes about 17k events/s here (google-protobuf
 * plus its event conversion), and the history issue needs a replay of
 * 300k events/s (read + verify + fold). These reads are read-only and serve
 * derived paths only (history, replay, event pages, object streams); every
 * write and the live $all subscription stay on the client, and with a real
 * EventStoreDB/KurrentDB by URL everything does.
 *
 * The store runs SQLite in WAL mode, so this connection sees what the store
 * has committed (an acknowledged append is committed). The rows give the
 * same RecordedEvent fields as the client: the 16-byte event_id as the
 * canonical lower-case UUID, `created` (ms) as the time, JSON data parsed
 * (its text when it is not JSON, bytes for another content type), metadata
 * parsed or undefined when empty.
 *
 * Metadata is parsed eagerly: a lazy getter measured no faster (the fold
 * reads each event's metadata for its change entries anyway), and a v2
 * signature is checked on the stored texts, so verifying parses nothing.
 */
import Database from 'better-sqlite3';
import type { RecordedEvent } from '@chronokube/core';

/**
 * Whether a row is kept: given the event (data parsed; metadata parsed only
 * when asked) and the stored JSON texts the signature covers.
 */
export type StoredEventCheck = (event: RecordedEvent, dataJson: string, metadataJson: string) => boolean;

/** Readers of a stream the store keeps rules for ($$ metadata, tombstone) use the client instead. */
export const NEEDS_CLIENT = Symbol('needs-client');

const JSON_TYPE = 'application/json';
/** position, stream name, revision, id hex, type, content type, created, data (text if JSON), metadata text. */
const COLUMNS = `e.position, s.name, e.revision, hex(e.event_id), e.type, e.content_type, e.created,
  CASE WHEN e.content_type = '${JSON_TYPE}' THEN CAST(e.data AS TEXT) ELSE e.data END, CAST(e.metadata AS TEXT)`;
/**
 * Rows per page at most: a page's parsed events live until it is consumed,
 * and bigger pages outgrow V8's young generation (measured: 5000-row pages
 * read 4x slower than 250-row ones, nearly all of it GC).
 */
const MAX_PAGE = 256;
/** Positions per `IN (...)` query. */
const IN_CHUNK = MAX_PAGE;

type Row = [number, string, number, string, string, string, number, string | Buffer, string];

export class SqliteLogReader {
  private readonly db: Database.Database;
  private readonly range: Database.Statement;
  private readonly byStream: Database.Statement;
  private readonly streamRow: Database.Statement;
  private readonly idAt: Database.Statement;
  private readonly inChunk: Database.Statement;

  constructor(file: string, private readonly keep: StoredEventCheck) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    this.range = this.db.prepare(`SELECT ${COLUMNS} FROM events e JOIN streams s ON s.id = e.stream_id WHERE e.position > ? AND e.position <= ? ORDER BY e.position LIMIT ?`).raw(true);
    this.byStream = this.db.prepare(`SELECT ${COLUMNS} FROM events e JOIN streams s ON s.id = e.stream_id WHERE e.stream_id = ? AND e.revision >= ? ORDER BY e.revision`).raw(true);
    this.streamRow = this.db.prepare('SELECT id, last_revision, deleted_before, soft_deleted, tombstoned FROM streams WHERE name = ?').raw(true);
    this.idAt = this.db.prepare('SELECT hex(event_id) FROM events WHERE position = ?').pluck(true);
    this.inChunk = this.inStatement(IN_CHUNK);
  }

  private inStatement(n: number): Database.Statement {
    const marks = new Array<string>(n).fill('?').join(',');
    return this.db.prepare(`SELECT ${COLUMNS} FROM events e JOIN streams s ON s.id = e.stream_id WHERE e.position IN (${marks}) ORDER BY e.position`).raw(true);
  }

  /** Events with position in (after, upTo], in order, $-types and refused ones left out; read `pageSize` rows at a time. */
  *readRange(after: number, upTo: number, pageSize = MAX_PAGE): Generator<RecordedEvent[]> {
    pageSize = Math.min(pageSize, MAX_PAGE);
    for (let from = after; from < upTo; ) {
      const rows = this.range.all(from, upTo, pageSize) as Row[];
      if (rows.length === 0) return;
      yield this.convert(rows);
      if (rows.length < pageSize) return;
      from = rows[rows.length - 1][0];
    }
  }

  /**
   * Every event of one stream, oldest first ([] when it does not exist or
   * was soft-deleted); NEEDS_CLIENT when the store applies rules to it that
   * only it knows ($$ stream metadata: $maxCount, $maxAge, $tb) or it is
   * tombstoned (the client's error is the answer then).
   */
  readStream(stream: string): RecordedEvent[] | typeof NEEDS_CLIENT {
    const s = this.streamRow.get(stream) as [number, number, number, number, number] | undefined;
    if (!s) return [];
    const [id, lastRevision, deletedBefore, softDeleted, tombstoned] = s;
    if (tombstoned || this.streamRow.get(`$$${stream}`)) return NEEDS_CLIENT;
    if (softDeleted || lastRevision < 0) return [];
    return this.convert(this.byStream.all(id, deletedBefore) as Row[]);
  }

  /** Id of the event at exactly `position` (whatever its type), or undefined. */
  eventIdAt(position: number): string | undefined {
    const hex = this.idAt.get(position) as string | undefined;
    return hex === undefined ? undefined : uuidOfHex(hex);
  }

  /** The events at these positions, in position order; positions with no (kept) event are left out. */
  readPositions(positions: number[]): RecordedEvent[] {
    const wanted = [...new Set(positions)].sort((a, b) => a - b);
    const out: RecordedEvent[] = [];
    for (let i = 0; i < wanted.length; i += IN_CHUNK) {
      const chunk = wanted.slice(i, i + IN_CHUNK);
      const statement = chunk.length === IN_CHUNK ? this.inChunk : this.inStatement(chunk.length);
      for (const e of this.convert(statement.all(...chunk) as Row[])) out.push(e);
    }
    return out;
  }

  close(): void {
    this.db.close();
  }

  private convert(rows: Row[]): RecordedEvent[] {
    const out: RecordedEvent[] = [];
    for (const r of rows) {
      const type = r[4];
      if (type.charCodeAt(0) === 0x24) continue; // '$': system and link events, as the client path skips them
      const raw = r[7];
      const isJson = r[5] === JSON_TYPE;
      const dataJson = typeof raw === 'string' ? raw : '';
      const metadataJson = r[8] ?? '';
      const event: RecordedEvent = {
        streamId: r[1],
        revision: BigInt(r[2]),
        type,
        data: isJson ? parseOr(dataJson, asText) : new Uint8Array(raw as Buffer),
        position: r[0],
        id: uuidOfHex(r[3]),
        metadata: metadataOf(metadataJson),
        time: r[6],
      };
      if (this.keep(event, isJson ? dataJson : '', metadataJson)) out.push(event);
    }
    return out;
  }
}

function parseOr(text: string, fallback: (text: string) => unknown): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fallback(text);
  }
}

const asText = (text: string) => text;
const asBytes = (text: string) => new TextEncoder().encode(text);

/** As the client: none when empty, parsed JSON, else the bytes. */
function metadataOf(text: string): Record<string, unknown> | undefined {
  if (text.length === 0) return undefined;
  return parseOr(text, asBytes) as Record<string, unknown>;
}

/** SQLite's upper-case hex of 16 bytes as the canonical lower-case UUID the client gives. */
function uuidOfHex(hex: string): string {
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
