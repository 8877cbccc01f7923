'use strict';
/**
 * Exercises the embedded server with @kurrent/kurrentdb-client in a plain
 * Node process (the client's bundled protobuf runtime does not load cleanly
 * inside Jest's module registry). Prints one JSON line with what it saw.
 * Usage: node kurrentdb-probe.js kurrentdb://127.0.0.1:PORT?tls=false
 */
const { KurrentDBClient, jsonEvent, START, WrongExpectedVersionError } = require('@kurrent/kurrentdb-client');

async function main() {
  const client = KurrentDBClient.connectionString(process.argv[2]);
  const out = {};
  try {
    const r = await client.appendToStream('k-1', [jsonEvent({ type: 'A', data: { a: 1 } }), jsonEvent({ type: 'B', data: {} })]);
    out.nextExpectedRevision = String(r.nextExpectedRevision);
    out.types = [];
    for await (const e of client.readStream('k-1')) out.types.push(e.event.type);
    out.all = 0;
    for await (const _e of client.readAll({ fromPosition: START })) out.all++;
    out.subscribed = [];
    for await (const e of client.subscribeToStream('k-1')) {
      out.subscribed.push(String(e.event.revision));
      if (out.subscribed.length === 2) break;
    }
    try {
      await client.appendToStream('k-1', jsonEvent({ type: 'C', data: {} }), { streamState: 'no_stream' });
      out.conflict = 'none';
    } catch (err) {
      out.conflict = err instanceof WrongExpectedVersionError ? 'wrong-expected-version' : String(err);
    }
  } finally {
    await client.dispose();
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((err) => {
  process.stderr.write(`kurrentdb probe failed: ${err && err.message}\n`);
  process.exit(1);
});
