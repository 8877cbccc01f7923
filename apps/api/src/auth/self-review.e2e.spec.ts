/**
 * The self reviews against a real server: `kubectl auth whoami` and
 * `kubectl auth can-i` (v1.32) as on Kubernetes, including exit codes,
 * @kubernetes/client-node's createSelfSubjectAccessReview, discovery, and
 * that a review appends nothing to the event log.
 */
import path from 'node:path';
import { execFile } from 'node:child_process';
import { useTestCluster, type TestUser } from '../testing/test-cluster';

const clusterOf = useTestCluster();

const canI = (user: TestUser, ...args: string[]) => clusterOf().kubectl(['auth', 'can-i', ...args], { user });

it('kubectl auth whoami shows the token\'s user, uid and groups', async () => {
  const r = await clusterOf().kubectl(['auth', 'whoami', '-o', 'json'], { user: 'editor' });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const review = JSON.parse(r.stdout);
  expect(review.apiVersion).toBe('authentication.k8s.io/v1');
  expect(review.status.userInfo).toEqual({ username: 'eddie', uid: 'uid-eddie', groups: ['chronokube:edit', 'system:authenticated'] });
  const table = await clusterOf().kubectl(['auth', 'whoami'], { user: 'viewer' });
  expect(table.code).toBe(0);
  expect(table.stdout).toMatch(/Username\s+victor/);
  expect(table.stdout).toMatch(/Groups\s+\[chronokube:view system:authenticated\]/);
});

it('kubectl auth can-i answers yes or no, with kube\'s exit codes, per role', async () => {
  const before = await clusterOf().eventCount();
  const expectations: [TestUser, string[], boolean][] = [
    ['admin', ['create', 'deployments', '-n', 'default'], true],
    ['admin', ['delete', 'nodes'], true],
    ['admin', ['*', '*'], true],
    ['editor', ['create', 'deployments', '-n', 'default'], true],
    ['editor', ['patch', 'deployments/scale', '-n', 'default'], true],
    ['editor', ['delete', 'nodes'], false],
    ['viewer', ['list', 'pods', '-n', 'default'], true],
    ['viewer', ['create', 'deployments', '-n', 'default'], false],
    ['viewer', ['delete', 'pods/web-1', '-n', 'default'], false],
    ['viewer', ['get', '/healthz'], true],
    ['viewer', ['get', '/metrics'], false],
  ];
  for (const [user, args, yes] of expectations) {
    const r = await canI(user, ...args);
    expect({ user, args, out: r.stdout.trim(), code: r.code }).toEqual({ user, args, out: yes ? 'yes' : 'no', code: yes ? 0 : 1 });
  }
  expect(await clusterOf().eventCount()).toBe(before);
});

it('kubectl auth can-i --list shows the role\'s rules', async () => {
  const view = await canI('viewer', '--list', '-n', 'default');
  expect(view.code).toBe(0);
  expect(view.stdout).toMatch(/^\*\.\*\s+\[\]\s+\[\]\s+\[get list watch\]$/m);
  expect(view.stdout).not.toMatch(/deployments\.apps/);
  const edit = await canI('editor', '--list', '-n', 'default');
  expect(edit.stdout).toMatch(/^deployments\.apps\s+\[\]\s+\[\]\s+\[create update patch delete deletecollection\]$/m);
});

it('discovery lists the reviews with the create verb', async () => {
  const r = await clusterOf().kubectl(['api-resources', '--api-group=authorization.k8s.io', '-o', 'wide']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^selfsubjectaccessreviews\s+authorization.k8s.io\/v1\s+false\s+SelfSubjectAccessReview\s+create/m);
  const groups = (await clusterOf().request('GET', '/apis/authentication.k8s.io')).json;
  expect(groups.preferredVersion.version).toBe('v1');
  expect(groups.versions.map((v: { version: string }) => v.version)).toEqual(['v1', 'v1beta1']);
});

it('answers a malformed review with a Status and a GET with 405', async () => {
  const bad = await clusterOf().request('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { user: 'viewer', body: '{"spec":', contentType: 'application/json' });
  expect(bad.status).toBe(400);
  expect(bad.json).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
  const empty = await clusterOf().request('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { user: 'viewer', body: '{"spec":{}}', contentType: 'application/json' });
  expect(empty.status).toBe(422);
  expect(empty.json.details.causes[0].field).toBe('spec.resourceAttributes');
  expect((await clusterOf().request('GET', '/apis/authentication.k8s.io/v1/selfsubjectreviews')).status).toBe(405);
  expect((await clusterOf().request('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { user: null, body: '{}' })).status).toBe(401);
});

it('@kubernetes/client-node createSelfSubjectAccessReview gets the decision', async () => {
  const probe = (user: TestUser, verb: string) => new Promise<{ kind: string; status: { allowed: boolean } }>((resolve, reject) => {
    execFile(process.execPath, [path.join(__dirname, 'review-probe.mjs'), clusterOf().kubeconfigFor(user), verb, 'apps', 'deployments', 'default'],
      { env: { ...process.env, NODE_EXTRA_CA_CERTS: '' }, timeout: 30_000 },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message}: ${stderr}`)) : resolve(JSON.parse(stdout))));
  });
  expect(await probe('viewer', 'get')).toMatchObject({ kind: 'SelfSubjectAccessReview', status: { allowed: true } });
  expect((await probe('viewer', 'delete')).status.allowed).toBe(false);
  expect((await probe('editor', 'delete')).status.allowed).toBe(true);
});
