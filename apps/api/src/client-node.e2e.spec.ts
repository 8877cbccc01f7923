/**
 * @kubernetes/client-node's list/watch informer against chronokube: it must
 * see create, update and delete, in order, as it would against Kubernetes.
 */
import path from 'node:path';
import { spawn } from 'node:child_process';
import { useTestCluster } from './testing/test-cluster';

const clusterOf = useTestCluster();

it('an informer sees create, update and delete in order', async () => {
  const probe = spawn(process.execPath, [path.join(__dirname, 'testing/informer-probe.mjs'), clusterOf().kubeconfigFor('admin'), 'default'], {
    env: { ...process.env, NODE_EXTRA_CA_CERTS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: { type: string; name?: string; data?: Record<string, string>; rv?: string }[] = [];
  let stderr = '';
  probe.stderr.on('data', (d) => (stderr += d));
  let buf = '';
  probe.stdout.on('data', (d) => {
    buf += d;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      lines.push(JSON.parse(buf.slice(0, i)));
      buf = buf.slice(i + 1);
    }
  });
  const until = async (pred: () => boolean, what: string): Promise<void> => {
    for (let i = 0; i < 300 && !pred(); i++) await new Promise((r) => setTimeout(r, 50));
    if (!pred()) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(lines)} ${stderr}`);
  };
  try {
    await until(() => lines.some((l) => l.type === 'started'), 'the informer to start');
    const put = (body: object) => clusterOf().request('POST', '/api/v1/namespaces/default/configmaps', { body: JSON.stringify(body), contentType: 'application/json' });
    expect((await put({ metadata: { name: 'inf' }, data: { v: '1' } })).status).toBe(201);
    await until(() => lines.some((l) => l.type === 'add' && l.name === 'inf'), 'add');
    const patched = await clusterOf().request('PATCH', '/api/v1/namespaces/default/configmaps/inf', { body: '{"data":{"v":"2"}}', contentType: 'application/merge-patch+json' });
    expect(patched.status).toBe(200);
    await until(() => lines.some((l) => l.type === 'update' && l.name === 'inf'), 'update');
    expect((await clusterOf().request('DELETE', '/api/v1/namespaces/default/configmaps/inf')).status).toBe(200);
    await until(() => lines.some((l) => l.type === 'delete' && l.name === 'inf'), 'delete');
    const mine = lines.filter((l) => l.name === 'inf');
    expect(mine.map((l) => l.type)).toEqual(['add', 'update', 'delete']);
    expect(mine.map((l) => l.data?.v)).toEqual(['1', '2', '2']);
    const rvs = mine.map((l) => Number(l.rv));
    expect(rvs[1]).toBeGreaterThan(rvs[0]);
    expect(rvs[2]).toBeGreaterThan(rvs[1]);
  } finally {
    probe.kill('SIGTERM');
  }
});
