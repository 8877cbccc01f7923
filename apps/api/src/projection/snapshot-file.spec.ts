import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSnapshotFile, saveSnapshotFile } from './snapshot-file';

describe('snapshot file permissions', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-snap-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const save = (dir: string): Promise<void> =>
    saveSnapshotFile(dir, { eventId: 'e1', snapshot: { version: 1, position: 7, objects: [], streams: [] } });

  it('creates the directory 0700 and the file 0600', async () => {
    const dir = path.join(root, 'snapshots');
    await save(dir);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, 'projection.json')).mode & 0o777).toBe(0o600);
    expect(loadSnapshotFile(dir)?.snapshot.position).toBe(7);
  });

  it('tightens a directory and file an older version left world-readable', async () => {
    const dir = path.join(root, 'snapshots');
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    fs.writeFileSync(path.join(dir, 'projection.json'), '{}', { mode: 0o644 });
    fs.chmodSync(path.join(dir, 'projection.json'), 0o644);
    await save(dir);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, 'projection.json')).mode & 0o777).toBe(0o600);
  });
});
