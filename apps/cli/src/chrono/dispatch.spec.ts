import { CliError, UsageError } from '../errors';
import { PLAIN } from './color';
import { DIFF, EVENTS, INCIDENTS, TIMELINE, WHATIF, WHY } from './chrono.fixtures';
import { matchResource, type ApiResourceList } from './discovery';
import type { ChronoClient, Query } from './http-client';
import { dispatch, failureLine, VERBS } from './main';
import { serverError } from './server-error';
import type { Session, VerbContext } from './verb';

const LISTS: ApiResourceList[] = [
  { groupVersion: 'v1', resources: [
    { name: 'pods', singularName: 'pod', kind: 'Pod', namespaced: true, shortNames: ['po'] },
    { name: 'pods/log', kind: 'Pod', namespaced: true },
    { name: 'configmaps', singularName: 'configmap', kind: 'ConfigMap', namespaced: true, shortNames: ['cm'] },
    { name: 'nodes', singularName: 'node', kind: 'Node', namespaced: false, shortNames: ['no'] },
  ] },
  { groupVersion: 'apps/v1', resources: [{ name: 'deployments', singularName: 'deployment', kind: 'Deployment', namespaced: true, shortNames: ['deploy'] }] },
];

interface Call { method: string; path: string; query?: Query; accept?: string; body?: unknown }

/** A context whose client answers from `answers` by path and records every call. */
function fakeContext(answers: Record<string, unknown> = {}, files: Record<string, string> = {}) {
  const calls: Call[] = [];
  const written: Record<string, string> = {};
  let out = '';
  let connected = 0;
  const answer = (path: string): unknown => {
    const key = Object.keys(answers).find((k) => path.endsWith(k));
    if (!key) throw new Error(`no fixture for ${path}`);
    return answers[key];
  };
  const client: ChronoClient = {
    async getJson<T>(path: string, query?: Query, accept?: string) {
      calls.push({ method: 'GET', path, query, accept });
      return answer(path) as T;
    },
    async sendJson<T>(method: 'POST' | 'PATCH', path: string, body: unknown) {
      calls.push({ method, path, body });
      return answer(path) as T;
    },
    async getRaw(path: string) {
      calls.push({ method: 'GET', path });
      return { status: 200, headers: { 'content-disposition': 'attachment; filename="../incident-outage.chronokube.json"' }, body: Buffer.from(JSON.stringify(answer(path))) };
    },
  };
  const ctx: VerbContext = {
    connect: (flags): Session => {
      connected++;
      return { client, namespace: flags.namespace ?? 'demo', resource: async (t) => matchResource(LISTS, t) };
    },
    out: (t) => (out += t),
    note: (t) => (out += t),
    paint: PLAIN,
    now: () => new Date('2026-12-05T04:00:00Z'),
    readFile: (f) => {
      if (!(f in files)) throw new CliError(`cannot read ${f}: ENOENT`);
      return files[f];
    },
    writeFile: (f, d) => (written[f] = String(d)),
  };
  return { ctx, calls, written, out: () => out, connected: () => connected };
}

async function usageError(argv: string[]): Promise<string> {
  const f = fakeContext();
  const err = await dispatch(argv, f.ctx).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(UsageError);
  expect((err as UsageError).exitCode).toBe(2);
  expect(f.connected()).toBe(0);
  expect(failureLine(err)).not.toContain('\n');
  return (err as Error).message;
}

describe('kubectl chrono: help', () => {
  it.each(VERBS.map((v) => v.name))('%s --help prints its usage without touching a kubeconfig', async (name) => {
    const f = fakeContext();
    await dispatch([name, '--help'], f.ctx);
    expect(f.out()).toMatch(new RegExp(`^Usage: kubectl chrono ${name}`));
    expect(f.out()).toContain('--kubeconfig FILE');
    expect(f.connected()).toBe(0);
  });

  it('lists every verb for --help and help; a sub-command has its own page', async () => {
    const f = fakeContext();
    await dispatch(['--help'], f.ctx);
    for (const v of VERBS) expect(f.out()).toMatch(new RegExp(`^  ${v.name}\\s+\\S`, 'm'));
    const g = fakeContext();
    await dispatch(['incident', 'export', '-h'], g.ctx);
    expect(g.out()).toMatch(/^Usage: kubectl chrono incident export <id\|name> \[-f FILE\]/);
  });
});

describe('kubectl chrono: bad command lines are one-line usage errors', () => {
  it.each([
    [[], 'missing command'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['at', '4711'], 'missing get'],
    [['at', '4711', 'list', 'pods'], "expected 'get' after the point, got 'list'"],
    [['at', '4711', 'get', 'pods', 'a', 'b'], "unexpected argument 'b'"],
    [['diff', '1'], 'missing <to>'],
    [['history', 'web-config'], "expected KIND/NAME such as configmap/web-config, got 'web-config'"],
    [['history', 'cm/a/b'], 'expected KIND/NAME'],
    [['log', 'extra'], "unexpected argument 'extra'"],
    [['log', '--since', '10m', '--from', '5'], '--since and --from cannot be used together'],
    [['log', '--since', 'yesterday'], "invalid --since 'yesterday'"],
    [['log', '--limit', '0'], "invalid --limit '0'"],
    [['log', '--bogus'], 'unknown flag --bogus'],
    [['audit', '-o', 'table'], 'unable to match a printer suitable for the output format "table", allowed formats are: json,yaml'],
    [['why', 'abc-123', '--at', '5'], '--at applies to <kind>/<name>'],
    [['whatif', '--profile', 'p.yaml'], '--at is required'],
    [['whatif', '--at', 'now'], 'nothing to compare'],
    [['incident'], 'expected start, stop, list, export or import, got nothing'],
    [['incident', 'pause', 'x'], "got 'pause'"],
    [['incident', 'start'], 'missing <name>'],
  ])('%j', async (argv, message) => {
    expect(await usageError(argv as string[])).toContain(message);
  });
});

describe('kubectl chrono: what it asks the server', () => {
  it('history resolves the kind and defaults to the context namespace', async () => {
    const f = fakeContext({ '/timeline': TIMELINE });
    await dispatch(['history', 'cm/web-config'], f.ctx);
    expect(f.calls).toEqual([{ method: 'GET', path: '/apis/history.chronokube.io/v1/timeline', query: { kind: 'ConfigMap', namespace: 'demo', name: 'web-config' }, accept: undefined }]);
    expect(f.out()).toContain('ConfigMap demo/web-config: 5 versions');
  });

  it('takes kubectl\'s attached short flags (-ndemo, -n=demo, -ojson)', async () => {
    for (const argv of [['history', 'cm/web-config', '-nprod'], ['history', '-n=prod', 'cm/web-config', '-ojson']]) {
      const f = fakeContext({ '/timeline': TIMELINE });
      await dispatch(argv, f.ctx);
      expect(f.calls[0].query).toMatchObject({ namespace: 'prod' });
    }
  });

  it('log is cluster-wide unless -n, and turns --since into a from time', async () => {
    const f = fakeContext({ '/events': EVENTS });
    await dispatch(['log', '--since', '10m', '--kind', 'deploy', '--exclude-noise', '--oldest-first', '--limit', '20', '--actor', 'system:node:*'], f.ctx);
    expect(f.calls[0].query).toMatchObject({ from: '2026-12-05T03:50:00.000Z', kind: 'Deployment', excludeNoise: 'true', order: 'asc', limit: '20', actor: 'system:node:*', namespace: undefined });
    const g = fakeContext({ '/events': EVENTS });
    await dispatch(['log', '-n', 'prod', '--type', 'PodCreated,PodBound', '--correlation-id', 'c-1'], g.ctx);
    expect(g.calls[0].query).toMatchObject({ namespace: 'prod', type: 'PodCreated,PodBound', correlationId: 'c-1', order: undefined });
  });

  it('diff passes both points and resolved kinds; -o json is the response itself', async () => {
    const f = fakeContext({ '/diff': DIFF });
    await dispatch(['diff', '2026-12-05T03:00:00Z', 'now', '--kind', 'deploy,cm', '-l', 'app=web', '-o', 'json'], f.ctx);
    expect(f.calls[0].query).toEqual({ from: '2026-12-05T03:00:00Z', to: 'now', kinds: 'Deployment,ConfigMap', labelSelector: 'app=web', namespace: undefined });
    expect(JSON.parse(f.out())).toEqual(DIFF);
  });

  it('why asks by event id, or by object (with --at)', async () => {
    const f = fakeContext({ '/why': WHY });
    await dispatch(['why', 'r4', '-o', 'yaml'], f.ctx);
    expect(f.calls[0].query).toEqual({ event: 'r4' });
    expect(f.out()).toContain('rootKind: request');
    const g = fakeContext({ '/why': WHY });
    await dispatch(['why', 'po/web-1-abc', '--at', '305'], g.ctx);
    expect(g.calls[0].query).toEqual({ kind: 'Pod', namespace: 'demo', name: 'web-1-abc', at: '305' });
  });

  it('at a resourceVersion goes straight to the standard API for a Table', async () => {
    const table = { kind: 'Table', columnDefinitions: [{ name: 'Name', priority: 0 }, { name: 'Data', priority: 0 }], rows: [{ cells: ['web-config', 1] }] };
    const f = fakeContext({ '/configmaps': table });
    await dispatch(['at', '4711', 'get', 'cm'], f.ctx);
    expect(f.calls).toHaveLength(1);
    expect(f.calls[0]).toMatchObject({ path: '/api/v1/namespaces/demo/configmaps', query: { resourceVersion: '4711', resourceVersionMatch: 'Exact' } });
    expect(f.calls[0].accept).toMatch(/^application\/json;as=Table;v=v1;g=meta\.k8s\.io/);
    expect(f.out()).toBe('NAME         DATA\nweb-config   1\n');
  });

  it('at a time resolves the point through /state first; cluster-scoped kinds have no namespace', async () => {
    const table = { kind: 'Table', columnDefinitions: [{ name: 'Name', priority: 0 }], rows: [{ cells: ['node1'] }] };
    const f = fakeContext({ '/state': { kind: 'ClusterState', at: { resourceVersion: '812' }, items: [] }, '/nodes/node1': table });
    await dispatch(['at', '2026-12-05T03:12:00Z', 'get', 'nodes', 'node1'], f.ctx);
    expect(f.calls[0]).toMatchObject({ path: '/apis/history.chronokube.io/v1/state', query: { at: '2026-12-05T03:12:00Z', kinds: 'Node', namespace: undefined } });
    expect(f.calls[1]).toMatchObject({ path: '/api/v1/nodes/node1', query: { resourceVersion: '812', resourceVersionMatch: 'Exact' } });
  });

  it('at an unknown kind is kubectl\'s error, exit 1', async () => {
    const f = fakeContext();
    const err = await dispatch(['at', '5', 'get', 'widgets'], f.ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect(failureLine(err)).toBe('error: the server doesn\'t have a resource type "widgets"');
    expect((err as CliError).exitCode).toBe(1);
  });

  it('incident stop finds the newest incident of that name; export writes the server\'s file name, never a path', async () => {
    const f = fakeContext({ '/incidents': INCIDENTS, '/stop': { ...INCIDENTS.items[1], to: { resourceVersion: '450' } } });
    await dispatch(['incident', 'stop', 'outage', '--notes', 'fixed'], f.ctx);
    expect(f.calls[1]).toEqual({ method: 'POST', path: '/apis/history.chronokube.io/v1/incidents/i-2/stop', body: { to: undefined, notes: 'fixed' } });
    expect(f.out()).toBe('incident "outage" stopped (id i-2, rv 400 → 450)\n');
    const g = fakeContext({ '/incidents': INCIDENTS, '/export': { events: [1, 2, 3], from: { resourceVersion: '100' }, to: { resourceVersion: '300' } } });
    await dispatch(['incident', 'export', 'i-1'], g.ctx);
    expect(Object.keys(g.written)).toEqual(['incident-outage.chronokube.json']);
    expect(g.out()).toBe('incident "outage" exported to incident-outage.chronokube.json (3 events, rv 100 → 300)\n');
  });

  it('incident start sends name, notes and tags', async () => {
    const f = fakeContext({ '/incidents': INCIDENTS.items[1] });
    await dispatch(['incident', 'start', 'outage', '--notes', 'web down', '--tag', 'sev1, web'], f.ctx);
    expect(f.calls[0]).toEqual({ method: 'POST', path: '/apis/history.chronokube.io/v1/incidents', body: { name: 'outage', notes: 'web down', tags: ['sev1', 'web'], from: undefined } });
  });

  it('whatif posts the profile and nodes read from files', async () => {
    const files = {
      'p.yaml': 'scoringStrategy: MostAllocated\nscores:\n- name: NodeResourcesFit\n  weight: 1\n',
      'n.yaml': 'apiVersion: v1\nkind: Node\nmetadata:\n  name: big\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: bigger\n',
    };
    const f = fakeContext({ '/whatif': WHATIF }, files);
    await dispatch(['whatif', '--at', 'now', '--profile', 'p.yaml', '--add-node', 'n.yaml', '--remove-node', 'node1'], f.ctx);
    expect(f.calls[0].body).toEqual({
      at: 'now',
      profile: { scoringStrategy: 'MostAllocated', scores: [{ name: 'NodeResourcesFit', weight: 1 }] },
      addNodes: [{ apiVersion: 'v1', kind: 'Node', metadata: { name: 'big' } }, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'bigger' } }],
      removeNodes: ['node1'],
    });
    expect(f.out()).toContain('1 of 3 placements would change');
    const bad = fakeContext({}, { 'x.yaml': 'kind: Pod\nmetadata: {name: p}\n' });
    await expect(dispatch(['whatif', '--at', 'now', '--add-node', 'x.yaml'], bad.ctx)).rejects.toThrow('every object must be a Node');
  });
});

describe('failures print like kubectl', () => {
  it('prints a server Status verbatim and anything else as error:', () => {
    const status = JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'BadRequest', code: 400,
      message: 'invalid point "yesterday": expected a resourceVersion (decimal), an RFC 3339 time or "now"' });
    expect(failureLine(serverError(400, status))).toBe('Error from server (BadRequest): invalid point "yesterday": expected a resourceVersion (decimal), an RFC 3339 time or "now"');
    expect(serverError(400, status).exitCode).toBe(1);
    expect(failureLine(serverError(502, '<html>\nbad gateway</html>'))).toBe('Error from server: the server responded with status 502: <html> bad gateway</html>');
    expect(failureLine(new CliError('context "x" does not exist'))).toBe('error: context "x" does not exist');
  });
});
