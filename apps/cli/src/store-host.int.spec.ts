/**
 * The embedded store's interface: `chronokube server --host 0.0.0.0` exposes
 * the API on every interface but keeps the store on loopback, unless
 * --eventstore-host asks otherwise. Judged by the kernel's own table of
 * listening sockets (/proc/net/tcp), not by what the server prints.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { killAll, launch, run } from './testing/launch';

const dirs: string[] = [];
afterAll(async () => {
  await killAll();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** The IPv4 addresses listening on `port`, from /proc/net/tcp (state 0A = LISTEN). */
function listeners(port: number): string[] {
  const out: string[] = [];
  for (const line of fs.readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const [, local, , state] = line.trim().split(/\s+/);
    if (!local || state !== '0A') continue;
    const [hexAddr, hexPort] = local.split(':');
    if (parseInt(hexPort, 16) !== port) continue;
    // Little-endian bytes: 0100007F is 127.0.0.1.
    out.push(hexAddr.match(/../g)!.reverse().map((b) => parseInt(b, 16)).join('.'));
  }
  return out;
}

async function storeAndApiPorts(args: string[]): Promise<{ store: number; api: number; stop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chronokube-host-'));
  dirs.push(dir);
  const proc = launch(['server', '--data', dir, '--port', '0', '--eventstore-port', '0', ...args]);
  const [, api] = await proc.waitForLine(/^chronokube server listening on https:\/\/[^:]+:(\d+) /);
  const [, store] = await proc.waitForLine(/^\s+eventstore\s+esdb:\/\/[^:/]+:(\d+)/);
  return {
    store: Number(store),
    api: Number(api),
    stop: async () => {
      proc.child.kill('SIGTERM');
      expect((await proc.exited).code).toBe(0);
    },
  };
}

it('--host 0.0.0.0 serves the API on every interface and keeps the store on 127.0.0.1', async () => {
  const s = await storeAndApiPorts(['--host', '0.0.0.0']);
  expect(listeners(s.api)).toEqual(['0.0.0.0']);
  expect(listeners(s.store)).toEqual(['127.0.0.1']);
  await s.stop();
});

it('--eventstore-host puts the store where asked', async () => {
  const s = await storeAndApiPorts(['--eventstore-host', '0.0.0.0']);
  expect(listeners(s.api)).toEqual(['127.0.0.1']);
  expect(listeners(s.store)).toEqual(['0.0.0.0']);
  await s.stop();
});

it('refuses a malformed --eventstore-host with one line', async () => {
  const exit = await run(['server', '--eventstore-host', 'a b', '--port', '0']);
  expect(exit.code).toBe(2);
  expect(exit.stderr.trim().split('\n')[0]).toContain("invalid --eventstore-host 'a b'");
});
