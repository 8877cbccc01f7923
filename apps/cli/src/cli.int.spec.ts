import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Exit, killAll, launch, Launched, REPO_ROOT, run, withCredentials } from './testing/launch';

// The launcher is judged from the outside: a real child process, the real
// official client, and only what a user sees (stdout, stderr, exit code).

const READY = /^eventstore listening on (esdb:\/\/localhost:(\d+)\?tls=true&tlsCAFile=\S+) \(credentials: (.+), data: (.+)\)$/;

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chronokube-cli-'));
  tempDirs.push(dir);
  return dir;
}

/** Starts `chronokube eventstore` on a free port in `dataDir` and waits for its ready line. */
async function startStore(dataDir: string, ...extra: string[]) {
  const proc = launch(['eventstore', '--data', dataDir, '--port', '0', ...extra]);
  const [, shown, port, credentialsFile, storeDir] = await proc.waitForLine(READY);
  return { proc, connectionString: withCredentials(shown, credentialsFile), port: Number(port), storeDir };
}

/** Sends SIGTERM and returns how the process ended. */
async function stop(proc: Launched): Promise<Exit> {
  proc.child.kill('SIGTERM');
  return proc.exited;
}

async function withClient<T>(connectionString: string, fn: (c: EventStoreDBClient) => Promise<T>): Promise<T> {
  const client = EventStoreDBClient.connectionString(connectionString);
  try {
    return await fn(client);
  } finally {
    await client.dispose();
  }
}

async function readAll(client: EventStoreDBClient, stream: string) {
  const events = [];
  for await (const resolved of client.readStream(stream)) {
    events.push({ type: resolved.event!.type, data: resolved.event!.data, revision: resolved.event!.revision });
  }
  return events;
}

/** The error contract: exactly one non-empty `chronokube: ` line on stderr, no stack trace. */
function expectOneErrorLine(exit: Exit): string {
  expect(exit.stderr).toMatch(/^chronokube: [^\n]+\n$/);
  return exit.stderr.trim();
}

afterEach(killAll);
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('chronokube eventstore', () => {
  it('serves the official client on the port it reports, and exits 0 on SIGTERM', async () => {
    const dataDir = tempDir();
    const { proc, connectionString, port, storeDir } = await startStore(dataDir);
    expect(port).toBeGreaterThan(0);
    expect(storeDir).toBe(path.join(dataDir, 'eventstore'));

    const events = await withClient(connectionString, async (client) => {
      await client.appendToStream('cli-smoke', jsonEvent({ type: 'Pinged', data: { n: 1 } }));
      return readAll(client, 'cli-smoke');
    });
    expect(events).toEqual([{ type: 'Pinged', data: { n: 1 }, revision: 0n }]);
    expect(fs.readdirSync(storeDir).length).toBeGreaterThan(0);

    const exit = await stop(proc);
    expect(exit).toMatchObject({ code: 0, signal: null, stderr: '' });
  });

  it('keeps its data across a restart on the same --data directory', async () => {
    const dataDir = tempDir();
    const first = await startStore(dataDir, '--no-batch-append');
    await withClient(first.connectionString, (client) =>
      client.appendToStream('cli-durable', [
        jsonEvent({ type: 'Created', data: { step: 1 } }),
        jsonEvent({ type: 'Renamed', data: { step: 2 } }),
      ]),
    );
    expect((await stop(first.proc)).code).toBe(0);

    const second = await startStore(dataDir);
    const events = await withClient(second.connectionString, async (client) => {
      // Continuing the stream at the expected revision proves the revision survived too.
      await client.appendToStream('cli-durable', jsonEvent({ type: 'Deleted', data: { step: 3 } }), {
        expectedRevision: 1n,
      });
      return readAll(client, 'cli-durable');
    });
    expect(events.map((e) => [e.type, e.revision])).toEqual([
      ['Created', 0n],
      ['Renamed', 1n],
      ['Deleted', 2n],
    ]);
    expect((await stop(second.proc)).code).toBe(0);
  });

  it('refuses a port that is taken, naming it, with exit 1', async () => {
    const holder = await startStore(tempDir());
    const exit = await run(['eventstore', '--data', tempDir(), '--port', String(holder.port)]);
    expect(exit.code).toBe(1);
    expect(expectOneErrorLine(exit)).toContain(String(holder.port));
    expect(exit.stdout).toBe('');
    // The first server is unharmed by the attempt.
    expect((await stop(holder.proc)).code).toBe(0);
  });

  it('refuses a data directory it cannot create (a path under a regular file), with one line', async () => {
    const file = path.join(tempDir(), 'not-a-dir');
    fs.writeFileSync(file, 'x');
    const exit = await run(['eventstore', '--data', path.join(file, 'sub'), '--port', '0']);
    expect(exit.code).toBe(1);
    expect(expectOneErrorLine(exit)).toContain(path.join(file, 'sub'));
  });
});

describe('chronokube command line', () => {
  it.each([
    [['eventstore', '--bogus'], '--bogus'],
    [['eventstore', '--port'], '--port'],
    [['eventstore', '--port', 'abc'], 'abc'],
    [['eventstore', '--port=70000'], '70000'],
    [['eventstore', '--port', '-1'], '-1'],
    [['eventstore', 'stray'], 'stray'],
    [['no-such-command'], 'no-such-command'],
    [['--bogus'], '--bogus'],
  ])('%j is a usage error: exit 2 and one line naming %s', async (args, culprit) => {
    const exit = await run(args);
    expect(exit.code).toBe(2);
    expect(expectOneErrorLine(exit)).toContain(culprit);
    expect(exit.stdout).toBe('');
  });

  it('web without a cluster to show fails in one line with exit 1, and a bad port is a usage error', async () => {
    const ui = fs.mkdtempSync(path.join(os.tmpdir(), 'chronokube-ui-'));
    try {
      fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>ui</title>');
      const missing = path.join(ui, 'no-such-kubeconfig');
      const exit = await run(['web', '--ui-dir', ui, '--kubeconfig', missing, '--port', '0']);
      expect(exit.code).toBe(1);
      expect(expectOneErrorLine(exit)).toContain(missing);
      const unbuilt = await run(['web', '--ui-dir', path.join(ui, 'nothing'), '--port', '0']);
      expect(unbuilt.code).toBe(1);
      expect(expectOneErrorLine(unbuilt)).toContain('not built');
    } finally {
      fs.rmSync(ui, { recursive: true, force: true });
    }
    const bad = await run(['web', '--port', '70000']);
    expect(bad.code).toBe(2);
    expect(expectOneErrorLine(bad)).toContain('70000');
  });

  it('prints the overall usage for --help with exit 0, listing every command', async () => {
    const exit = await run(['--help']);
    expect(exit).toMatchObject({ code: 0, stderr: '' });
    for (const name of ['up', 'eventstore', 'server', 'agent', 'sim', 'web']) {
      expect(exit.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
  });

  it.each(['up', 'eventstore', 'server', 'agent', 'sim', 'web'])('%s --help and -h print its usage with exit 0', async (name) => {
    for (const flag of ['--help', '-h']) {
      const exit = await run([name, flag]);
      expect(exit).toMatchObject({ code: 0, stderr: '' });
      expect(exit.stdout).toMatch(new RegExp(`^Usage: chronokube ${name}`));
    }
  });

  it('prints the usage on stderr with exit 2 when given no arguments', async () => {
    const exit = await run([]);
    expect(exit.code).toBe(2);
    expect(exit.stdout).toBe('');
    expect(exit.stderr).toMatch(/^Usage: chronokube <command>/);
  });

  it('prints the root package version for --version', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    const exit = await run(['--version']);
    expect(exit).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});
