import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Harness, startHarness } from '../testing/harness';

// The successor of @eventstore/db-client speaks the same v1 protocol for these
// operations. It runs in a child process: its protobuf runtime does not load
// cleanly inside Jest's module registry.
describe('@kurrent/kurrentdb-client against the embedded server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  it('appends, reads a stream and $all, subscribes, and reports wrong expected versions', async () => {
    const url = h.server.connectionString.replace(/^esdb:/, 'kurrentdb:');
    const probe = path.join(__dirname, '../testing/kurrentdb-probe.js');
    const { stdout } = await promisify(execFile)(process.execPath, [probe, url], { timeout: 30000 });
    expect(JSON.parse(stdout)).toEqual({
      nextExpectedRevision: '1',
      types: ['A', 'B'],
      all: 2,
      subscribed: ['0', '1'],
      conflict: 'wrong-expected-version',
    });
  });
});
