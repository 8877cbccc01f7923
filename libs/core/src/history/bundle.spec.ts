import { createHash } from 'node:crypto';
import { ClusterState } from '../domain/cluster-state';
import { encodeBundle, InvalidBundleError, shellWord, verifyBundle, type BundleParts } from './bundle';

// The hash is injected; tests use Node's, as the server does.
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

function parts(): BundleParts {
  const state = new ClusterState();
  state.apply({ streamId: 'configmap-a.x', revision: 0n, type: 'ConfigMapCreated', position: 5,
    data: { object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'a', uid: 'u' }, data: { k: 'v' } } } });
  return {
    incident: {
      kind: 'Incident', id: 'i1', name: 'outage', notes: 'api down', tags: ['sev1'],
      from: { resourceVersion: '5' }, to: { resourceVersion: '9' }, createdBy: 'alice', createdAt: '2026-12-05T03:12:00.000Z',
    },
    exportedAt: '2026-12-05T04:00:00.000Z',
    from: { resourceVersion: '5', time: '2026-12-05T03:12:00.000Z' },
    to: { resourceVersion: '9', time: '2026-12-05T03:20:00.000Z' },
    snapshot: state.toSnapshot(),
    events: [
      { id: 'e6', position: 6, stream: 'configmap-a.x', revision: '1', type: 'ConfigMapUpdated', time: '2026-12-05T03:13:00.000Z',
        data: { patch: [{ op: 'replace', path: '/data/k', value: 'w' }] }, metadata: { actor: 'bob', correlationId: 'c' } },
      { id: 'e9', position: 9, stream: 'configmap-a.x', revision: '2', type: 'ConfigMapDeleted', time: '2026-12-05T03:20:00.000Z', data: {}, metadata: { actor: 'bob' } },
    ],
  };
}

function refusal(text: string): string {
  try {
    verifyBundle(text, sha256);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidBundleError);
    return (e as Error).message;
  }
  throw new Error('expected the bundle to be refused');
}

function tamper(text: string, edit: (b: Record<string, any>) => void): string {
  const b = JSON.parse(text);
  edit(b);
  return JSON.stringify(b);
}

describe('encodeBundle / verifyBundle', () => {
  const text = encodeBundle(parts(), sha256);

  it('given parts, then a versioned bundle that verifies back to the same content', () => {
    const b = verifyBundle(text, sha256);
    expect(b.format).toBe('chronokube.incident');
    expect(b.formatVersion).toBe(1);
    expect(b.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect({ ...b, format: undefined, formatVersion: undefined, checksum: undefined }).toEqual({ ...JSON.parse(JSON.stringify(parts())), format: undefined, formatVersion: undefined, checksum: undefined });
    expect(ClusterState.fromSnapshot(b.snapshot).position).toBe(5);
  });

  it('given equal parts in another key order, then the same checksum (canonical JSON)', () => {
    const p = parts();
    const reordered = { events: p.events, snapshot: p.snapshot, to: p.to, from: p.from, exportedAt: p.exportedAt, incident: p.incident };
    expect(JSON.parse(encodeBundle(reordered, sha256)).checksum).toBe(JSON.parse(text).checksum);
  });

  it('given a re-indented but unchanged file, then it still verifies', () => {
    expect(() => verifyBundle(JSON.stringify(JSON.parse(text)), sha256)).not.toThrow();
  });

  it.each<[string, (t: string) => string, string]>([
    ['not JSON', (t) => t.slice(0, 100), 'not a chronokube incident bundle: the file is not JSON'],
    ['another format', (t) => tamper(t, (b) => { b.format = 'kubectl.dump'; }), 'not a chronokube incident bundle'],
    ['a JSON array', () => '[1,2]', 'not a chronokube incident bundle'],
    ['a future version', (t) => tamper(t, (b) => { b.formatVersion = 2; }), 'unsupported formatVersion 2: this chronokube reads formatVersion 1'],
    ['an edited event', (t) => tamper(t, (b) => { b.events[0].metadata.actor = 'mallory'; }), 'checksum mismatch: the bundle is damaged'],
    ['a dropped event', (t) => tamper(t, (b) => { b.events.pop(); }), 'checksum mismatch: the bundle is damaged'],
    ['no checksum', (t) => tamper(t, (b) => { delete b.checksum; }), 'checksum mismatch: the bundle has no valid checksum'],
  ])('given %s, then one clear refusal', (_what, damage, message) => {
    expect(refusal(damage(text))).toBe(message);
  });

  it('given a consistent checksum over a malformed body, then the shape is refused', () => {
    const p = parts();
    p.events = [p.events[1], p.events[0]];
    expect(refusal(encodeBundle(p, sha256))).toBe('invalid bundle: events[1].position is not ascending within (5, 9]');
    const q = parts();
    q.snapshot = { ...q.snapshot, position: 4 };
    expect(refusal(encodeBundle(q, sha256))).toBe('invalid bundle: snapshot position differs from from');
  });
});

describe('shellWord', () => {
  it('leaves a plain path as it is and single-quotes anything a shell would split or expand', () => {
    expect(shellWord('incident-a.chronokube.json')).toBe('incident-a.chronokube.json');
    expect(shellWord('my bundle.json')).toBe("'my bundle.json'");
    expect(shellWord("it's $HOME")).toBe(`'it'\\''s $HOME'`);
  });
});
