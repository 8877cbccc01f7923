/** `chronokube server --replay BUNDLE`: reads and verifies the bundle before anything is served. */
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import type { IncidentBundle } from '@chronokube/core';
import { CliError, oneLine } from '../errors';

/** The verified bundle; a missing, damaged or foreign file is one CliError line (exit 1). */
export async function readReplayBundle(file: string): Promise<IncidentBundle> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot replay ${file}: ${oneLine(err)}`, 1);
  }
  const { verifyBundle } = await import('@chronokube/core');
  try {
    return verifyBundle(text, (t) => createHash('sha256').update(t, 'utf8').digest('hex'));
  } catch (err) {
    throw new CliError(`cannot replay ${file}: ${oneLine(err)}`, 1);
  }
}
