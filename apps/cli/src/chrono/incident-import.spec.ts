import { createHash } from 'node:crypto';
import { encodeBundle } from '@chronokube/core';
import { CliError } from '../errors';
import { INCIDENTS } from './chrono.fixtures';
import { PLAIN } from './color';
import { dispatch, failureLine } from './main';
import type { VerbContext } from './verb';

/** A context with files and no cluster: import must never connect. */
function fileContext(files: Record<string, string>) {
  let out = '';
  const ctx: VerbContext = {
    connect: () => {
      throw new Error('incident import must not connect to a cluster');
    },
    out: (t) => (out += t),
    note: (t) => (out += t),
    paint: PLAIN,
    now: () => new Date('2026-12-05T04:00:00Z'),
    readFile: (f) => {
      if (!(f in files)) throw new CliError(`cannot read ${f}: ENOENT`);
      return files[f];
    },
    writeFile: () => {
      throw new Error('incident import must not write');
    },
  };
  return { ctx, out: () => out };
}

const sha = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');
const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'demo' } });
const event = (position: number, stream: string) => ({ id: `e-${position}`, position, stream, revision: '1', type: 'ConfigMapUpdated', time: '2026-12-05T03:13:00.000Z', data: {}, metadata: {} });
const TEXT = encodeBundle({
  incident: { ...INCIDENTS.items[0], to: { resourceVersion: '300', time: '2026-12-05T03:20:00.000Z' } },
  exportedAt: '2026-12-05T04:00:00.000Z',
  from: { resourceVersion: '100', time: '2026-12-05T03:12:00.000Z' },
  to: { resourceVersion: '300', time: '2026-12-05T03:20:00.000Z' },
  snapshot: { version: 1, position: 100, objects: [['ConfigMap', '0', 90, cm('a')], ['ConfigMap', '0', 95, cm('b')]], streams: [] },
  events: [event(150, 'configmap-demo.a'), event(200, 'configmap-demo.a'), event(300, 'configmap-demo.b')],
}, sha);

describe('kubectl chrono incident import (no server)', () => {
  it('verifies the bundle, summarises it and prints the command that serves it', async () => {
    const f = fileContext({ 'b.json': TEXT });
    await dispatch(['incident', 'import', 'b.json'], f.ctx);
    const lines = f.out().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^Incident "${INCIDENTS.items[0].name}" \\(id ${INCIDENTS.items[0].id}\\).*: bundle verified \\(sha256:[0-9a-f]{12}…\\)$`));
    expect(lines[1]).toBe('  range:   rv 100 (2026-12-05T03:12:00Z) → rv 300 (2026-12-05T03:20:00Z)');
    expect(lines[2]).toBe('  events:  3 on 2 objects');
    expect(lines[3]).toBe('  objects: 2 at the start');
    expect(lines[5]).toBe('  chronokube server --replay b.json --data DIR');
  });

  it('-o json is the summary, with the file quoted for a shell', async () => {
    const f = fileContext({ 'my bundle.json': TEXT });
    await dispatch(['incident', 'import', 'my bundle.json', '-o', 'json'], f.ctx);
    expect(JSON.parse(f.out())).toMatchObject({
      kind: 'IncidentBundleSummary', events: 3, objectsAtStart: 2, objectsChanged: 2,
      from: { resourceVersion: '100' }, to: { resourceVersion: '300' },
      serve: "chronokube server --replay 'my bundle.json' --data DIR",
    });
  });

  it.each([
    ['damaged', TEXT.replace('"configmap-demo.b"', '"configmap-demo.c"'), 'checksum mismatch: the bundle is damaged'],
    ['truncated', TEXT.slice(0, 100), 'not a chronokube incident bundle: the file is not JSON'],
    ['foreign', '{"kind":"List","items":[]}', 'not a chronokube incident bundle'],
    ['newer', TEXT.replace('"formatVersion": 1', '"formatVersion": 2'), 'unsupported formatVersion 2: this chronokube reads formatVersion 1'],
  ])('a %s file is one line and exit 1, nothing on stdout', async (_what, body, reason) => {
    const f = fileContext({ 'x.json': body });
    const err = await dispatch(['incident', 'import', 'x.json'], f.ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(1);
    expect(failureLine(err)).toBe(`error: cannot import x.json: ${reason}`);
    expect(f.out()).toBe('');
  });

  it('a missing file is the read error, exit 1', async () => {
    const err = await dispatch(['incident', 'import', 'nope.json'], fileContext({}).ctx).catch((e: unknown) => e);
    expect(failureLine(err)).toBe('error: cannot read nope.json: ENOENT');
    expect((err as CliError).exitCode).toBe(1);
  });
});
