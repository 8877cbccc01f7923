/**
 * `kubectl chrono` through kubectl's own plugin mechanism: the real
 * kubectl v1.32 finds `kubectl-chrono` in node_modules/.bin (where `npm ci`
 * links it) on PATH and runs it against a real `chronokube server`, with
 * the kubeconfig kubectl uses. Assertions are on what a user sees.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useTestCluster, type CommandResult, type TestUser } from '../../../api/src/testing/test-cluster';
import { until } from '../../../api/src/testing/until';
import { REPO_ROOT } from '../testing/launch';

const BIN_DIR = path.join(REPO_ROOT, 'node_modules', '.bin');
const clusterOf = useTestCluster();

/** `kubectl chrono ...` as `user`, with node_modules/.bin first on PATH. */
function chrono(args: string[], user: TestUser = 'admin', cwd?: string): Promise<CommandResult> {
  const env: Record<string, string> = { PATH: `${BIN_DIR}${path.delimiter}${process.env.PATH ?? '/usr/bin:/bin'}` };
  if (cwd) env.PWD = cwd;
  return clusterOf().kubectl(['chrono', ...args], { user, env });
}

async function chronoOk(args: string[], user: TestUser = 'admin'): Promise<string> {
  const r = await chrono(args, user);
  if (r.code !== 0) throw new Error(`kubectl chrono ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

async function kubectl(args: string[], user: TestUser = 'admin'): Promise<CommandResult> {
  return clusterOf().kubectl(args, { user });
}

async function kubectlOk(args: string[]): Promise<string> {
  const r = await kubectl(args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

/** The path of the changed key: an identifier key is dotted (docs/history-api.md, FieldChange.path). */
const GREETING = 'data\\.greeting';

/** The resourceVersions of the ConfigMap's three versions (hello, hi, hey). */
const rv: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(BIN_DIR, 'kubectl-chrono'))) {
    throw new Error(`${BIN_DIR}/kubectl-chrono is missing: run npm ci so npm links the plugin's bin`);
  }
  await kubectlOk(['create', 'namespace', 'demo']);
  await kubectlOk(['create', 'configmap', 'web-config', '-n', 'demo', '--from-literal=greeting=hello']);
  rv.push(await kubectlOk(['get', 'cm', 'web-config', '-n', 'demo', '-o', 'jsonpath={.metadata.resourceVersion}']));
  for (const greeting of ['hi', 'hey']) {
    await kubectlOk(['patch', 'cm', 'web-config', '-n', 'demo', '-p', JSON.stringify({ data: { greeting } })]);
    rv.push(await kubectlOk(['get', 'cm', 'web-config', '-n', 'demo', '-o', 'jsonpath={.metadata.resourceVersion}']));
  }
}, 60_000);

describe('kubectl chrono: help and usage (plugin only)', () => {
  it('kubectl finds the plugin and shows its help', async () => {
    const r = await chrono(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: kubectl chrono <command>/);
    for (const verb of ['at', 'diff', 'history', 'log', 'why', 'audit', 'incident', 'whatif']) expect(r.stdout).toMatch(new RegExp(`^  ${verb}\\s`, 'm'));
  });

  it.each(['at', 'diff', 'history', 'log', 'why', 'audit', 'incident', 'whatif'])('%s --help', async (verb) => {
    const r = await chrono([verb, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: kubectl chrono ${verb}`));
  });

  it('a bad command line is one line on stderr and exit code 2', async () => {
    for (const args of [['history', 'web-config'], ['frobnicate'], ['log', '--since', 'soon'], ['at', '5', 'list', 'pods']]) {
      const r = await chrono(args);
      expect({ args, code: r.code, stdout: r.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(r.stderr).toMatch(/^error: [^\n]+\n$/);
    }
  });
});

describe('kubectl chrono at (standard API at a resourceVersion)', () => {
  it('shows the ConfigMap as it was at each version, in kubectl\'s columns', async () => {
    const first = JSON.parse(await chronoOk(['at', rv[0], 'get', 'cm', 'web-config', '-n', 'demo', '-o', 'json']));
    expect(first.data).toEqual({ greeting: 'hello' });
    expect(first.metadata.resourceVersion).toBe(rv[0]);
    const second = await chronoOk(['at', rv[1], 'get', 'configmap', 'web-config', '-n', 'demo', '-o', 'yaml']);
    expect(second).toMatch(/^ {2}greeting: hi$/m);
    const table = await chronoOk(['at', rv[2], 'get', 'configmaps', '-n', 'demo']);
    expect(table.split('\n')[0]).toMatch(/^NAME\s+DATA\s+AGE$/);
    expect(table).toMatch(/^web-config\s+1\s+\S+$/m);
  });

  it('before the namespace existed there is nothing, and a missing object is the server\'s NotFound, exit 1', async () => {
    const none = await chrono(['at', '1', 'get', 'cm', '-n', 'demo']);
    expect(none.code).toBe(0);
    expect(none.stderr).toBe('No resources found in demo namespace.\n');
    const missing = await chrono(['at', rv[0], 'get', 'cm', 'nope', '-n', 'demo']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('Error from server (NotFound): configmaps "nope" not found\n');
  });
});

describe('kubectl chrono uses the kubeconfig as kubectl does', () => {
  it('merges a KUBECONFIG list (missing files skipped), honours --context, and names a bad context', async () => {
    const real = clusterOf().kubeconfigFor('admin');
    const env = { PATH: `${BIN_DIR}${path.delimiter}${process.env.PATH ?? '/usr/bin:/bin'}`, KUBECONFIG: `/nonexistent/kubeconfig${path.delimiter}${real}` };
    const ok = await clusterOf().kubectl(['chrono', 'at', rv[0], 'get', 'cm', 'web-config', '--context', 'x', '-n', 'demo', '-o', 'json'], { env });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).data).toEqual({ greeting: 'hello' });
    const bad = await clusterOf().kubectl(['chrono', 'at', rv[0], 'get', 'cm', '--context', 'nope'], { env });
    expect(bad).toMatchObject({ code: 1, stdout: '', stderr: 'error: context "nope" does not exist\n' });
  });

  it('defaults to the context\'s namespace and takes --kubeconfig over KUBECONFIG', async () => {
    const env = { PATH: `${BIN_DIR}${path.delimiter}${process.env.PATH ?? '/usr/bin:/bin'}`, KUBECONFIG: '/nonexistent/kubeconfig' };
    const file = path.join(clusterOf().dir, 'kubeconfig-demo');
    fs.writeFileSync(file, fs.readFileSync(clusterOf().kubeconfigFor('admin'), 'utf8').replace('namespace: default', 'namespace: demo'));
    const r = await clusterOf().kubectl(['chrono', 'at', rv[1], 'get', 'configmaps', `--kubeconfig=${file}`], { env });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^web-config\s+1\s+\S+$/m);
  });
});

// Everything below reads the history API (docs/history-api.md), served by apps/api/src/history.
describe('kubectl chrono on the history API', () => {
  it('history of a ConfigMap shows its three versions, the actor and each change', async () => {
    const out = await chronoOk(['history', 'configmap/web-config', '-n', 'demo']);
    expect(out.split('\n')[0]).toBe('ConfigMap demo/web-config: 3 versions');
    const rows = out.trimEnd().split('\n').slice(2);
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.split(/\s+/)[1])).toEqual(rv);
    expect(rows[0]).toMatch(/^1\s+\d+\s+\S+Z\s+ConfigMapCreated\s+alice\s+create\s+created$/);
    expect(rows[1]).toMatch(new RegExp(`\\s+alice\\s+patch\\s+${GREETING}: "hello" → "hi"$`));
    expect(rows[2]).toMatch(new RegExp(`\\s+alice\\s+patch\\s+${GREETING}: "hi" → "hey"$`));
  });

  it('diff shows the changed key with its old and new values', async () => {
    const out = await chronoOk(['diff', rv[0], rv[2], '--kind', 'cm', '-n', 'demo']);
    expect(out.split('\n')[0]).toMatch(new RegExp(`^Diff rv ${rv[0]} .*→ rv ${rv[2]} .*: 0 added, 0 removed, 1 changed$`));
    expect(out).toContain(`~ ConfigMap demo/web-config (rv ${rv[0]} → ${rv[2]})`);
    expect(out).toMatch(new RegExp(`^ +${GREETING}: "hello" → "hey"$`, 'm'));
    expect(out).not.toContain('\u001b['); // not a TTY: no colour
  });

  it('log lists the ConfigMap\'s events oldest first, with the actor', async () => {
    const out = await chronoOk(['log', '-n', 'demo', '--kind', 'cm', '--name', 'web-config', '--oldest-first']);
    const rows = out.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^RV\s+TIME\s+EVENT\s+NAMESPACE\s+OBJECT\s+ACTOR\s+VERB$/);
    expect(rows.slice(1).map((r) => r.split(/\s+/)[0])).toEqual(rv);
    expect(rows[1]).toMatch(/ConfigMapCreated\s+demo\s+ConfigMap\/web-config\s+alice\s+create$/);
  });

  describe('why of a pod of a Deployment', () => {
    let pod = '';
    beforeAll(async () => {
      await kubectlOk(['create', 'deployment', 'web', '-n', 'demo', '--image', 'busybox:1.36', '--replicas', '1']);
      pod = await until(async () => {
        const names = (await kubectlOk(['get', 'pods', '-n', 'demo', '-l', 'app=web', '-o', 'name'])).trim();
        return names ? names.split('\n')[0] : undefined;
      }, 'a pod of deployment web');
    });

    const expectChainFromRequest = (out: string, subject: RegExp) => {
      expect(out).toMatch(/^Root: {4}a request by alice \(create, kubectl\/v1\.32.* from 127\.0\.0\.1\)$/m);
      const chain = out.split('Chain (root → subject):\n')[1].split('\n\n')[0].split('\n');
      expect(chain[0]).toMatch(/^DeploymentCreated Deployment demo\/web by alice \(create\)/);
      expect(chain[1]).toMatch(/^└─ ReplicaSetCreated ReplicaSet demo\/web-\S+ by system:controller:/);
      expect(chain[chain.length - 1]).toMatch(subject);
    };

    it('its creation reaches the user\'s request (why --at the PodCreated version)', async () => {
      const timeline = JSON.parse(await chronoOk(['history', pod, '-n', 'demo', '-o', 'json']));
      expect(timeline.versions[0].type).toBe('PodCreated');
      const out = await chronoOk(['why', pod, '-n', 'demo', '--at', timeline.versions[0].resourceVersion]);
      expectChainFromRequest(out, new RegExp(`^ +└─ PodCreated Pod demo/${pod.split('/')[1]} by system:controller:.*◀ subject$`));
    });

    it('its latest version reaches the user\'s request too (every controller and scheduler write carries its cause)', async () => {
      const out = await chronoOk(['why', pod, '-n', 'demo']);
      expectChainFromRequest(out, new RegExp(`Pod demo/${pod.split('/')[1]} .*◀ subject$`));
    });
  });

  it('audit shows the 403 a view-only user got, with user and source IP', async () => {
    const denied = await kubectl(['create', 'configmap', 'sneaky', '-n', 'demo'], 'viewer');
    expect(denied.code).toBe(1);
    const out = await chronoOk(['audit', '--user', 'victor', '--result', 'denied']);
    const row = out.split('\n').find((l) => /\bconfigmaps\b/.test(l));
    expect(row).toMatch(/\s+victor\s+127\.0\.0\.1\s+create\s+configmaps\s+demo\s+\S*\s*403\s+denied\s+/);
  });

  it('a point the server does not accept is its 400, exit 1, one line', async () => {
    const r = await chrono(['diff', 'yesterday', 'now']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('Error from server (BadRequest): invalid point "yesterday": expected a resourceVersion (decimal), an RFC 3339 time or "now"\n');
  });

  it('an incident is started, stopped, listed, exported as a bundle and imported; a corrupted copy is refused', async () => {
    const started = await chronoOk(['incident', 'start', 'e2e-outage', '--notes', 'greeting flapping', '--tag', 'sev2']);
    expect(started).toMatch(/^incident "e2e-outage" started \(id \S+, from rv \d+\)$/m);
    await kubectlOk(['patch', 'cm', 'web-config', '-n', 'demo', '-p', '{"data":{"greeting":"bye"}}']);
    expect(await chronoOk(['incident', 'stop', 'e2e-outage'])).toMatch(/^incident "e2e-outage" stopped \(id \S+, rv \d+ → \d+\)$/m);
    expect(await chronoOk(['incident', 'list'])).toMatch(/^e2e-outage\s+\S+\s+\d+ \(\S+\)\s+\d+ \(\S+\)\s+sev2\s+alice\s+greeting flapping$/m);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chrono-e2e-')), 'bundle.json');
    expect(await chronoOk(['incident', 'export', 'e2e-outage', '-f', file])).toMatch(/exported to .*bundle\.json \(\d+ events, rv \d+ → \d+\)/);
    const bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(bundle).toMatchObject({ format: 'chronokube.incident', formatVersion: 1, incident: { name: 'e2e-outage' } });
    expect(bundle.events.some((e: { type: string }) => e.type === 'ConfigMapUpdated')).toBe(true);

    // import verifies the file as `chronokube server --replay` will and says how to serve it
    const imported = await chronoOk(['incident', 'import', file]);
    const { from, to } = bundle as { from: { resourceVersion: string }; to: { resourceVersion: string } };
    expect(imported).toMatch(/^Incident "e2e-outage" \(id \S+\) \[sev2\]: bundle verified \(sha256:[0-9a-f]{12}…\)$/m);
    expect(imported).toMatch(new RegExp(`^  range: +rv ${from.resourceVersion} \\(\\S+Z\\) → rv ${to.resourceVersion} \\(\\S+Z\\)$`, 'm'));
    expect(imported).toContain(`  events:  ${bundle.events.length} on `);
    expect(imported).toContain(`  objects: ${bundle.snapshot.objects.length} at the start`);
    expect(imported.trimEnd().split('\n').pop()).toBe(`  chronokube server --replay ${file} --data DIR`);

    // one changed byte in an event is refused whole: one line, exit 1, nothing on stdout
    const corrupt = path.join(path.dirname(file), 'corrupt.json');
    fs.writeFileSync(corrupt, fs.readFileSync(file, 'utf8').replace('"ConfigMapUpdated"', '"ConfigMapUpdatee"'));
    const refused = await chrono(['incident', 'import', corrupt]);
    expect(refused).toMatchObject({ code: 1, stdout: '', stderr: `error: cannot import ${corrupt}: checksum mismatch: the bundle is damaged\n` });
    fs.writeFileSync(corrupt, '{"apiVersion":"v1","kind":"List","items":[]}');
    expect(await chrono(['incident', 'import', corrupt])).toMatchObject({ code: 1, stdout: '', stderr: `error: cannot import ${corrupt}: not a chronokube incident bundle\n` });
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('whatif re-runs the scheduler at a point with another profile', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chrono-e2e-'));
    const profile = path.join(dir, 'most.yaml');
    fs.writeFileSync(profile, 'scoringStrategy: MostAllocated\n');
    const r = await chrono(['whatif', '--at', rv[2], '--profile', profile, '-o', 'json']);
    const human = await chrono(['whatif', '--at', rv[2], '--profile', profile]);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'WhatIf', at: { resourceVersion: rv[2] }, placements: expect.any(Array) });
    expect(human.stdout.split('\n')[0]).toMatch(new RegExp(`^What-if at rv ${rv[2]} \\(\\S+\\): \\d+ of \\d+ placements? would change$`));
  });
});
