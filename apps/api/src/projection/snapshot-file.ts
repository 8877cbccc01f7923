/**
 * The projection's snapshot on disk: a derived copy of ClusterState at a
 * position, so a restart folds only the events after it. Never the truth:
 * it names the id of the event at its position, and is ignored unless the
 * log still has that very event there (another store, a wiped log).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ClusterSnapshot } from '@chronokube/core';
import { objectJson } from '../http/json-cache';

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

/** The file's JSON, built from the cached JSON of each object (the same bytes JSON.stringify would give). */
function snapshotText(file: SnapshotFile): string {
  const { snapshot } = file;
  const objects = snapshot.objects.map(([kind, revision, position, object]) => `[${JSON.stringify(kind)},"${revision}",${position},${objectJson(object)}]`);
  const eventId = file.eventId === undefined ? '' : `"eventId":${JSON.stringify(file.eventId)},`;
  return `{${eventId}"snapshot":{"version":1,"position":${snapshot.position},"objects":[${objects.join(',')}],"streams":${JSON.stringify(snapshot.streams)}}}`;
}

/**
 * Writes atomically (temp file + rename), so a crash leaves the old or the
 * new file, never half of one. The text is built at once (the state must
 * not move under it); the disk writes do not hold up the event loop.
 */
export async function saveSnapshotFile(dir: string, file: SnapshotFile): Promise<void> {
  const text = snapshotText(file);
  await fs.promises.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `${FILE}.${process.pid}.tmp`);
  await fs.promises.writeFile(tmp, text);
  await fs.promises.rename(tmp, path.join(dir, FILE));
}
