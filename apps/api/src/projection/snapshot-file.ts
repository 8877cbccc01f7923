/**
 * The projection's snapshot on disk: a derived copy of ClusterState at a
 * position, so a restart folds only the events after it. Never the truth:
 * it names the id of the event at its position, and is ignored unless the
 * log still has that very event there (another store, a wiped log).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ClusterSnapshot } from '@chronokube/core';
import { objectJson } from '../json-cache';

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

/**
 * Creates the directory owner-only (0700), and tightens one an older
 * version left world-readable, so the snapshot never leaks to other users.
 */
async function privateDir(dir: string): Promise<void> {
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  const { mode } = await fs.promises.stat(dir);
  if ((mode & 0o077) !== 0) await fs.promises.chmod(dir, 0o700);
}

/** Yields to the event loop, so requests are served between slices of a long job. */
const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Writes atomically (temp file + rename), so a crash leaves the old or the
 * new file, never half of one. The snapshot holds references to immutable
 * object versions, so it is serialized and written in slices, with the
 * event loop free in between: a restart cache must never stall requests.
 */
export async function saveSnapshotFile(dir: string, file: SnapshotFile, sliceSize = 500): Promise<void> {
  const { snapshot } = file;
  await privateDir(dir);
  const tmp = path.join(dir, `${FILE}.${process.pid}.tmp`);
  // The cluster's every object (Secrets included) is in here: readable by the owner only.
  const handle = await fs.promises.open(tmp, 'w', 0o600);
  try {
    await handle.chmod(0o600); // a leftover temp file keeps its old mode otherwise

    const eventId = file.eventId === undefined ? '' : `"eventId":${JSON.stringify(file.eventId)},`;
    await handle.write(`{${eventId}"snapshot":{"version":1,"position":${snapshot.position},"objects":[`);
    for (let i = 0; i < snapshot.objects.length; i += sliceSize) {
      const parts = snapshot.objects.slice(i, i + sliceSize).map(([kind, revision, position, object]) =>
        `[${JSON.stringify(kind)},"${revision}",${position},${objectJson(object)}]`);
      await handle.write((i === 0 ? '' : ',') + parts.join(','));
      await breathe();
    }
    await handle.write(`],"streams":${JSON.stringify(snapshot.streams)}}}`);
  } finally {
    await handle.close();
  }
  await fs.promises.rename(tmp, path.join(dir, FILE));
}
