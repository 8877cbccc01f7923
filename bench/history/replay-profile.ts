/**
 * Where a full replay's time goes: seeds a log through a real server (the
 * deciders, signed as the server signs), stops the server's writers, then
 * replays it in this process as bench/history does, printing the rate.
 * With PROFILE=file.cpuprofile, the replay alone is CPU-profiled into it
 * (open in Chrome's DevTools):
 *
 *   PROFILE=/tmp/replay.cpuprofile node bin/run-ts.js bench/history/replay-profile.ts [events] [objects]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiServer } from '../api/server';
import { seedHistory } from './seed';
import { replayFromStore } from './replay';

async function main(): Promise<void> {
  const events = Number(process.argv[2] ?? 100_000);
  const objects = Number(process.argv[3] ?? 10_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'chronokube-replay-profile-'));
  const server = await startApiServer(dataDir, ['--api-only']);
  try {
    const key = readFileSync(join(dataDir, 'history-key'));
    const log = await seedHistory(server.eventstore, key, events, objects, () => undefined);
    const head = log.positions[log.positions.length - 1];
    const session = new Session();
    if (process.env.PROFILE) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const r = await replayFromStore(server.eventstore, key, head, join(dataDir, 'eventstore', 'events.sqlite'));
    if (process.env.PROFILE) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(process.env.PROFILE, JSON.stringify(profile));
      session.disconnect();
    }
    console.log(`replay ${r.events} events: ${Math.round(r.replayPerSec)} ev/s (${r.readPath}); JSON.parse floor ${Math.round(r.parsePerSec)} ev/s; raw client read ${Math.round(r.rawReadPerSec)} ev/s; ${r.snapshots} snapshots`);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
