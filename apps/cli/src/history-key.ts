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

/**
 * Returns DIR/history-key, creating it when absent. A key of the wrong size
 * is refused, never replaced: a new key would disown the whole history.
 */
export function ensureHistoryKey(dir: string): Buffer {
  const file = path.join(dir, 'history-key');
  let key: Buffer;
  try {
    if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(HISTORY_KEY_BYTES), { mode: 0o600, flag: 'wx' });
    fs.chmodSync(file, 0o600);
    key = fs.readFileSync(file);
  } catch (err) {
    throw new CliError(`cannot use the history key ${file}: ${oneLine(err)}`, 1);
  }
  if (key.length !== HISTORY_KEY_BYTES) {
    throw new CliError(`the history key ${file} is damaged (${key.length} bytes, expected ${HISTORY_KEY_BYTES}); restore it from a backup`, 1);
  }
  return key;
}
