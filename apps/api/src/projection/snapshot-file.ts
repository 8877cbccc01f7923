/**
 * The projection's snapshot on disk: a derived copy of ClusterState at a
 * position, so a restart folds only the events after it. Never the truth:
 * it names the id of the event at its position, and is ignored unless the
 * log still has that very event there (another store, a wiped log).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ClusterSnapshot } from '@chronokube/core';

export interface SnapshotFile {
  /** Id of the event at snapshot.position (undefined for an empty log). */
  eventId?: string;
  snapshot: ClusterSnapshot;
}

const FILE = 'projection.json';

/** The saved snapshot, or undefined when absent or unreadable (a full replay then). */
export function loadSnapshotFile(dir: string): SnapshotFile | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(dir, FILE), 'utf8')) as SnapshotFile;
    if (!parsed?.snapshot || parsed.snapshot.version !== 1 || typeof parsed.snapshot.position !== 'number') return undefined;
    return parsed;
  } catch {
    return undefined;
  }
}

/** Writes atomically (temp file + rename), so a crash leaves the old or the new file, never half of one. */
export function saveSnapshotFile(dir: string, file: SnapshotFile): void {
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `${FILE}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(file));
  fs.renameSync(tmp, path.join(dir, FILE));
}
