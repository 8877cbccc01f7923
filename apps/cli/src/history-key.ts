/**
 * The install's history key, DIR/history-key: 32 random bytes (0600) made
 * at first start. The API server signs every event it appends with it and
 * ignores any event whose signature does not match, so a process that can
 * reach the store but not this file cannot put words in the cluster's mouth.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { CliError, oneLine } from './errors';

export const HISTORY_KEY_BYTES = 32;

/** The key, and up to which $all position unsigned events are the install's own (0: none). */
export interface HistoryKey {
  key: Buffer;
  unsignedUpTo: number;
}

/**
 * Returns DIR/history-key, creating it when absent. A log written before
 * signatures existed holds unsigned events that are nonetheless this
 * install's history: when the key is first made, the log's head position
 * (from `head`, asked only then) is recorded in DIR/history-key.unsigned-until
 * before the key, so those events keep being served and nothing written
 * after the key exists can pass unsigned. A key of the wrong size is
 * refused, never replaced: a new key would disown the whole history.
 */
export async function ensureHistoryKey(dir: string, head: () => Promise<number>): Promise<HistoryKey> {
  const file = path.join(dir, 'history-key');
  const horizonFile = `${file}.unsigned-until`;
  let key: Buffer;
  try {
    if (!fs.existsSync(file)) {
      const position = await head();
      if (position > 0) fs.writeFileSync(horizonFile, `${position}\n`, { mode: 0o600 });
      fs.writeFileSync(file, randomBytes(HISTORY_KEY_BYTES), { mode: 0o600, flag: 'wx' });
    }
    fs.chmodSync(file, 0o600);
    key = fs.readFileSync(file);
  } catch (err) {
    throw new CliError(`cannot use the history key ${file}: ${oneLine(err)}`, 1);
  }
  if (key.length !== HISTORY_KEY_BYTES) {
    throw new CliError(`the history key ${file} is damaged (${key.length} bytes, expected ${HISTORY_KEY_BYTES}); restore it from a backup`, 1);
  }
  let unsignedUpTo = 0;
  if (fs.existsSync(horizonFile)) {
    const text = fs.readFileSync(horizonFile, 'utf8').trim();
    if (!/^\d{1,15}$/.test(text)) throw new CliError(`${horizonFile} is damaged: expected a log position`, 1);
    unsignedUpTo = Number(text);
  }
  return { key, unsignedUpTo };
}

/** The position of the newest event in the store's $all (0 when empty): where a first key starts signing. */
export async function storeHead(connectionString: string): Promise<number> {
  const { BACKWARDS, END, EventStoreDBClient } = await import('@eventstore/db-client');
  const client = EventStoreDBClient.connectionString(connectionString);
  try {
    let head = 0;
    for await (const resolved of client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })) {
      if (resolved.event?.position) head = Number(resolved.event.position.commit);
    }
    return head;
  } finally {
    await client.dispose();
  }
}
