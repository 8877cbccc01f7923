/**
 * The official Python client following a pod's log on a Docker node:
 * read_namespaced_pod_log(follow=True) sends `follow=True`, which must
 * follow (lines keep arriving on one open response), as on Kubernetes.
 */
import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { IptablesBackend, iptablesUnavailable } from '../../agent/src/proxy/iptables-backend';
import { launch, REPO_ROOT } from '../../cli/src/testing/launch';
import { kubectlOk, useTestCluster } from './testing/test-cluster';

const node = `py-logs-${process.pid}`;
const clusterOf = useTestCluster();

beforeAll(() => {
  execFileSync('bash', [path.join(REPO_ROOT, 'scripts/docker-host.sh')], { stdio: 'inherit' });
}, 120_000);

afterAll(async () => {
  const ids = execFileSync('docker', ['ps', '-aq', '--filter', `label=chronokube.node=${node}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  if (ids.length) execFileSync('docker', ['rm', '-f', ...ids]);
  if (!(await iptablesUnavailable())) await new IptablesBackend(node, () => undefined).teardown();
});

// Notes the last line written so far, then follows the log until three lines later than that arrive:
// without following, the response ends with what was written when it was asked for, and the loop ends short.
const FOLLOW = `
import sys, json
from kubernetes import client, config
config.load_kube_config(config_file=sys.argv[1])
api = client.CoreV1Api()
before = int(api.read_namespaced_pod_log("ticker", "default").strip().split("\\n")[-1].split()[1])
r = api.read_namespaced_pod_log("ticker", "default", follow=True, _preload_content=False)
ticks, buf = [], ""
for chunk in r.stream(64):
    buf += chunk.decode()
    *done, buf = buf.split("\\n")
    ticks += [int(l.split()[1]) for l in done if l]
    if ticks and ticks[-1] >= before + 3:
        break
r.release_conn()
print(json.dumps({"before": before, "ticks": ticks}))
`;

it('read_namespaced_pod_log(follow=True) follows', async () => {
  const cluster = clusterOf();
  const agent = launch(['agent', '--name', node, '--data', cluster.dir]);
  try {
    await agent.waitForLine(/^chronokube agent: node \S+ ready/);
    await kubectlOk(cluster, ['run', 'ticker', '--image=chronokube/busybox:latest', '--image-pull-policy=Never', '--overrides', JSON.stringify({ spec: { nodeName: node } }),
      '--', 'sh', '-c', 'i=0; while true; do echo tick $i; i=$((i+1)); sleep 1; done']);
    await kubectlOk(cluster, ['wait', '--for=condition=Ready', 'pod/ticker', '--timeout=60s']);
    const out = await new Promise<string>((resolve, reject) => {
      execFile('/usr/bin/python3', ['-c', FOLLOW, path.join(cluster.dir, 'kubeconfig')], { env: { PATH: '/usr/bin:/bin', HOME: cluster.dir }, timeout: 60_000 }, (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(String(stdout)));
    });
    const { before, ticks } = JSON.parse(out) as { before: number; ticks: number[] };
    expect(ticks[0]).toBe(0);
    expect(ticks).toEqual(ticks.map((_, i) => i));
    expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(before + 3);
    await kubectlOk(cluster, ['delete', 'pod', 'ticker', '--grace-period=0', '--force']);
  } finally {
    agent.child.kill('SIGTERM');
    await agent.exited;
  }
}, 180_000);
