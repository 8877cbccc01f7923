import { jsonEvent } from '@eventstore/db-client';
import fs from 'node:fs';
import path from 'node:path';
import { startHarness, tempDir } from '../testing/harness';

const mode = (p: string) => fs.statSync(p).mode & 0o777;

it('keeps the data dir 0700 and events.sqlite with its -wal and -shm 0600, tightening an older install', async () => {
  const parent = tempDir();
  const dataDir = path.join(parent, 'store');
  // An install from before: a world-readable directory and log file.
  fs.mkdirSync(dataDir, { mode: 0o755 });
  fs.chmodSync(dataDir, 0o755);
  fs.writeFileSync(path.join(dataDir, 'events.sqlite'), '', { mode: 0o644 });
  fs.chmodSync(path.join(dataDir, 'events.sqlite'), 0o644);
  const h = await startHarness({ dataDir });
  try {
    await h.client.appendToStream('s', [jsonEvent({ type: 'A', data: {} })]);
    const files = ['events.sqlite', 'events.sqlite-wal', 'events.sqlite-shm'].map((f) => path.join(dataDir, f));
    expect(mode(dataDir)).toBe(0o700);
    for (const f of files) expect([f, mode(f)]).toEqual([f, 0o600]);
  } finally {
    await h.stop();
    fs.rmSync(parent, { recursive: true, force: true });
  }
});
