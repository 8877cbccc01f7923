/**
 * The kubelet against a real API server and a real Docker engine (brought
 * up by scripts/docker-host.sh, which CI runs first): pods become
 * containers, restarts follow restartPolicy with back-off, deletion stops
 * and removes them, and a restarted agent adopts what it ran.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Pod } from '@chronokube/core';
import { nodeToken } from '@chronokube/core';
import { kubectlOk, useTestCluster } from '../../../api/src/testing/test-cluster';
import { until } from '../../../api/src/testing/until';
import { KubeClient } from '../kube-client/kube-client';
import { loadKubeconfig } from '../kube-client/kubeconfig';
import { nodeSecretHmac } from '../node-secret-hmac';
import { LABEL_NODE, LABEL_POD_UID } from './container-spec';
import { DockerRuntime } from './docker-runtime';
import { DEFAULT_KUBELET, Kubelet } from './kubelet';
import { IptablesBackend, iptablesUnavailable } from '../proxy/iptables-backend';
import { chainPrefix } from '../proxy/iptables-rules';
import { KubeProxy } from '../proxy/kube-proxy';

const clusterOf = useTestCluster();
const ok = (args: string[], input?: string): Promise<string> => kubectlOk(clusterOf(), args, input);
const NODE = `e2e-${process.pid}`;
const runtime = new DockerRuntime();
let client: KubeClient;
let kubelet: Kubelet;
let nodeSecret: string;

function startKubelet(): Kubelet {
  const k = new Kubelet(client, runtime, {
    ...DEFAULT_KUBELET,
    name: NODE,
    syncIntervalMs: 200,
    leaseIntervalMs: 1000,
    backoff: { baseMs: 300, maxMs: 1200, resetAfterMs: 60_000 },
    nodeSecret,
    log: (line) => process.stderr.write(`kubelet: ${line}\n`),
  });
  return k;
}

async function pod(name: string): Promise<Pod> {
  return JSON.parse(await ok(['get', 'pod', name, '-o', 'json'])) as Pod;
}

function containersOf(uid: string): { id: string; name: string; state: string }[] {
  const out = execFileSync('docker', ['ps', '-a', '--filter', `label=${LABEL_POD_UID}=${uid}`, '--format', '{{.ID}} {{.Label "io.kubernetes.container.name"}} {{.State}}'], { encoding: 'utf8' });
  return out.trim().split('\n').filter(Boolean).map((l) => {
    const [id, name, state] = l.split(' ');
    return { id, name, state };
  });
}

function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

const manifest = (name: string, spec: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  nodeName: ${NODE}\n${spec}`;

beforeAll(async () => {
  // The engine and the busybox image are this script's job (CI runs it before the tests too).
  execFileSync('bash', [path.resolve(__dirname, '../../../../scripts/docker-host.sh')], { stdio: 'inherit' });
  nodeSecret = fs.readFileSync(path.join(clusterOf().dir, 'node-secret'), 'utf8').trim();
  const admin = loadKubeconfig(clusterOf().kubeconfigFor('admin'));
  client = new KubeClient({ ...admin, token: nodeToken(nodeSecretHmac(nodeSecret), NODE) });
  kubelet = startKubelet();
  await kubelet.start();
}, 120_000);

afterAll(async () => {
  await kubelet?.stop();
  client?.close();
  const ids = execFileSync('docker', ['ps', '-aq', '--filter', `label=${LABEL_NODE}=${NODE}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  if (ids.length) execFileSync('docker', ['rm', '-f', ...ids]);
});

it('registers its node as system:node:<name>, Ready, with the host capacity', async () => {
  const node = JSON.parse(await ok(['get', 'node', NODE, '-o', 'json']));
  expect(node.status.conditions.find((c: { type: string }) => c.type === 'Ready').status).toBe('True');
  expect(node.status.nodeInfo.containerRuntimeVersion).toMatch(/^docker:\/\//);
  expect(Number(node.status.capacity.cpu)).toBeGreaterThan(0);
  const lease = JSON.parse(await ok(['get', 'lease', '-n', 'kube-node-lease', NODE, '-o', 'json']));
  expect(lease.spec.holderIdentity).toBe(NODE);
});

it('runs a pod as a sandbox plus its containers, with env from the downward API and a ConfigMap, and reports it Running', async () => {
  await ok(['create', 'configmap', 'web-conf', '--from-literal=GREETING=hello']);
  await ok(['apply', '-f', '-'], manifest('web', [
    '  containers:',
    '  - name: httpd',
    '    image: chronokube/busybox:latest',
    '    imagePullPolicy: IfNotPresent',
    '    command: ["httpd", "-f", "-p", "8080", "-h", "/www"]',
    '    env:',
    '    - name: POD_NAME',
    '      valueFrom: {fieldRef: {fieldPath: metadata.name}}',
    '    - name: POD_IP',
    '      valueFrom: {fieldRef: {fieldPath: status.podIP}}',
    '    - name: GREETING',
    '      valueFrom: {configMapKeyRef: {name: web-conf, key: GREETING}}',
    '    - name: MESSAGE',
    '      value: "$(GREETING) from $(POD_NAME)"',
    '    resources: {limits: {memory: 64Mi, cpu: 500m}}',
  ].join('\n')));
  const running = await until(async () => {
    const p = await pod('web');
    return p.status?.phase === 'Running' && p.status.containerStatuses?.[0]?.ready ? p : undefined;
  }, 'web Running');
  expect(running.status!.podIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  expect(running.status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('True');
  expect(running.status!.containerStatuses![0]).toMatchObject({ name: 'httpd', restartCount: 0, started: true, state: { running: {} } });
  // The pod answers on its IP (the sandbox's network namespace).
  expect((await get(`http://${running.status!.podIP}:8080/`)).trim()).toBe('chronokube');
  const containers = containersOf(running.metadata.uid!);
  expect(containers.map((c) => c.name).sort()).toEqual(['POD', 'httpd']);
  const app = containers.find((c) => c.name === 'httpd')!;
  const inspected = JSON.parse(execFileSync('docker', ['inspect', app.id], { encoding: 'utf8' }))[0];
  expect(inspected.Config.Env).toEqual(expect.arrayContaining(['POD_NAME=web', `POD_IP=${running.status!.podIP}`, 'GREETING=hello', 'MESSAGE=hello from web']));
  expect(inspected.HostConfig.Memory).toBe(64 * 1024 * 1024);
  expect(inspected.HostConfig.NanoCpus).toBe(500_000_000);
});

it('restarts a killed container (restartCount 1, lastState terminated)', async () => {
  const before = await pod('web');
  const app = containersOf(before.metadata.uid!).find((c) => c.name === 'httpd')!;
  execFileSync('docker', ['kill', app.id]);
  const after = await until(async () => {
    const p = await pod('web');
    const s = p.status?.containerStatuses?.[0];
    return s?.restartCount === 1 && s.state?.running ? p : undefined;
  }, 'the restart');
  expect(after.status!.containerStatuses![0].lastState!.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
  expect(containersOf(after.metadata.uid!).filter((c) => c.state === 'running').map((c) => c.name).sort()).toEqual(['POD', 'httpd']);
});

it('backs off a container that keeps failing: CrashLoopBackOff, with restarts counted', async () => {
  await ok(['apply', '-f', '-'], manifest('crasher', '  containers:\n  - name: c\n    image: chronokube/busybox:latest\n    imagePullPolicy: Never\n    command: ["sh", "-c", "echo crashing; exit 1"]\n'));
  const p = await until(async () => {
    const x = await pod('crasher');
    const s = x.status?.containerStatuses?.[0];
    return s?.state?.waiting?.reason === 'CrashLoopBackOff' && s.restartCount >= 2 ? x : undefined;
  }, 'CrashLoopBackOff');
  const s = p.status!.containerStatuses![0];
  expect(s.state!.waiting!.message).toMatch(/^back-off \d+s restarting failed container=c pod=crasher_default\(/);
  expect(s.lastState!.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
  expect(p.status!.phase).toBe('Running');
});

describe('kubectl logs, through the API to the agent', () => {
  beforeAll(async () => {
    await ok(['apply', '-f', '-'], manifest('talker', [
      '  containers:',
      '  - name: main',
      '    image: chronokube/busybox:latest',
      '    imagePullPolicy: Never',
      '    command: ["sh", "-c", "i=0; while true; do i=$((i+1)); echo line $i; echo err $i >&2; sleep 0.2; done"]',
      '  - name: side',
      '    image: chronokube/busybox:latest',
      '    imagePullPolicy: Never',
      '    command: ["sh", "-c", "echo side says hi; sleep 3600"]',
    ].join('\n')));
    await until(async () => (/line 5\n/.test((await cluster().kubectl(['logs', 'talker', '-c', 'main'])).stdout) ? true : undefined), 'talker to talk');
  }, 60_000);
  const cluster = () => clusterOf();

  it('shows stdout and stderr of the named container, and --tail, --timestamps, --since, --limit-bytes', async () => {
    const all = await ok(['logs', 'talker', '-c', 'main']);
    // stdout and stderr both, each in its own order (Docker may interleave the two streams differently).
    const lines = all.split('\n');
    expect(lines.filter((l) => l.startsWith('line')).slice(0, 3)).toEqual(['line 1', 'line 2', 'line 3']);
    expect(lines.filter((l) => l.startsWith('err')).slice(0, 3)).toEqual(['err 1', 'err 2', 'err 3']);
    expect(await ok(['logs', 'talker', '-c', 'side'])).toBe('side says hi\n');
    const tail = (await ok(['logs', 'talker', '-c', 'main', '--tail=2'])).split('\n').filter(Boolean);
    expect(tail).toHaveLength(2);
    expect(tail[0]).toMatch(/^(line|err) \d+$/);
    const stamped = (await ok(['logs', 'talker', '-c', 'main', '--tail=1', '--timestamps'])).trim();
    expect(stamped).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z (line|err) \d+$/);
    // Once it has talked for 3 s, the last second leaves out the start.
    await until(async () => (/^line 15$/m.test(await ok(['logs', 'talker', '-c', 'main'])) ? true : undefined), 'three seconds of talk');
    const recent = (await ok(['logs', 'talker', '-c', 'main', '--since=1s'])).split('\n').filter(Boolean);
    expect(recent.length).toBeGreaterThan(0);
    expect(recent).not.toContain('line 1');
    // The first 7 bytes of the log, whichever stream wrote first.
    const limited = await ok(['logs', 'talker', '-c', 'main', '--limit-bytes=7']);
    expect(limited).toHaveLength(7);
    expect(limited).toBe(all.slice(0, 7));
  });

  it('-f streams lines as the container writes them', async () => {
    const child = spawn('/usr/bin/kubectl', ['logs', '-f', 'talker', '-c', 'main', '--tail=1'], {
      env: { PATH: process.env.PATH ?? '', HOME: clusterOf().dir, KUBECONFIG: clusterOf().kubeconfigFor('admin') },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    try {
      const numbers = () => [...out.matchAll(/^line (\d+)$/gm)].map((m) => Number(m[1]));
      // The first line is the tail; later ones can only come from the open stream.
      await until(async () => (numbers().length >= 4 ? true : undefined), 'four streamed lines');
      const n = numbers();
      expect(n.slice(0, 4)).toEqual([n[0], n[0] + 1, n[0] + 2, n[0] + 3]);
    } finally {
      child.kill();
    }
  });

  it('says why when there is nothing to show: several containers, an unknown one, no previous instance', async () => {
    const raw = await clusterOf().kubectl(['get', '--raw', '/api/v1/namespaces/default/pods/talker/log']);
    expect(raw.stderr).toContain('Error from server (BadRequest): a container name must be specified for pod talker, choose one of: [main side]');
    const unknown = await clusterOf().kubectl(['logs', 'talker', '-c', 'nope']);
    expect(unknown.stderr).toMatch(/container nope is not valid for pod talker/);
    const previous = await clusterOf().kubectl(['logs', 'talker', '-c', 'main', '--previous']);
    expect(previous.stderr).toContain('previous terminated container "main" in pod "talker" not found');
  });

  it('--previous shows the output of the instance before the restart', async () => {
    await until(async () => (((await pod('crasher')).status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1 ? true : undefined), 'a crasher restart');
    expect(await ok(['logs', 'crasher', '--previous'])).toBe('crashing\n');
  });

  it("refuses a caller that is not the API server on the agent's own port", async () => {
    const node = JSON.parse(await ok(['get', 'node', NODE, '-o', 'json']));
    const port = node.status.daemonEndpoints.kubeletEndpoint.Port;
    expect(port).toBeGreaterThan(0);
    const status = await new Promise<number>((resolve, reject) => {
      http.get(`http://127.0.0.1:${port}/containerLogs/default/talker/main`, { headers: { Authorization: 'Bearer not-the-api' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject);
    });
    expect(status).toBe(401);
  });
});

describe('probes', () => {
  const httpd = (name: string, probes: string[], extra: string[] = []) => manifest(name, [
    '  terminationGracePeriodSeconds: 1',
    ...extra,
    '  containers:',
    '  - name: c',
    '    image: chronokube/busybox:latest',
    '    imagePullPolicy: Never',
    '    command: ["httpd", "-f", "-p", "8080", "-h", "/www"]',
    '    ports: [{name: http, containerPort: 8080}]',
    ...probes.map((l) => `    ${l}`),
  ].join('\n'));
  const containerId = async (name: string) => containersOf((await pod(name)).metadata.uid!).find((c) => c.name === 'c' && c.state === 'running')!.id;
  const ready = (p: Pod) => p.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  const endpoints = async () => JSON.parse(await ok(['get', 'endpoints', 'probed', '-o', 'json'])).subsets?.[0] ?? {};

  it('readiness (exec) keeps a pod out of Ready and out of its Service until it passes, and takes it out when it fails', async () => {
    await ok(['apply', '-f', '-'], `apiVersion: v1\nkind: Service\nmetadata:\n  name: probed\nspec:\n  selector: {app: probed}\n  ports: [{port: 80, targetPort: 8080}]\n`);
    await ok(['apply', '-f', '-'], httpd('probed', ['readinessProbe: {exec: {command: ["test", "-f", "/tmp/ready"]}, periodSeconds: 1, failureThreshold: 1}'])
      .replace('metadata:\n  name: probed', 'metadata:\n  name: probed\n  labels: {app: probed}'));
    const running = await until(async () => {
      const p = await pod('probed');
      return p.status?.phase === 'Running' && p.status.containerStatuses?.[0]?.started ? p : undefined;
    }, 'probed Running');
    expect(ready(running)).toBe(false);
    const ip = running.status!.podIP!;
    await until(async () => ((await endpoints()).notReadyAddresses?.some((a: { ip: string }) => a.ip === ip) ? true : undefined), 'the pod among notReadyAddresses');
    execFileSync('docker', ['exec', await containerId('probed'), 'touch', '/tmp/ready']);
    await until(async () => (ready(await pod('probed')) ? true : undefined), 'probed Ready');
    await until(async () => ((await endpoints()).addresses?.some((a: { ip: string }) => a.ip === ip) ? true : undefined), 'the pod among the ready addresses');
    execFileSync('docker', ['exec', await containerId('probed'), 'rm', '/tmp/ready']);
    await until(async () => (!ready(await pod('probed')) ? true : undefined), 'probed not Ready again');
    await until(async () => ((await endpoints()).notReadyAddresses?.some((a: { ip: string }) => a.ip === ip) ? true : undefined), 'the pod back among notReadyAddresses');
    expect((await pod('probed')).status!.containerStatuses![0].restartCount).toBe(0);
  });

  it('a failing liveness probe (httpGet) restarts the container, with Unhealthy and Killing events', async () => {
    await ok(['apply', '-f', '-'], httpd('sick', ['livenessProbe: {httpGet: {path: /healthz, port: http}, periodSeconds: 1, failureThreshold: 2}']));
    await until(async () => (((await pod('sick')).status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1 ? true : undefined), 'a liveness restart');
    const events = await until(async () => {
      const items = JSON.parse(await ok(['get', 'events', '--field-selector', 'involvedObject.name=sick', '-o', 'json'])).items as { reason: string; message: string; source: { component: string; host: string } }[];
      return items.some((e) => e.reason === 'Killing') && items.some((e) => e.reason === 'Unhealthy') ? items : undefined;
    }, 'the Unhealthy and Killing events');
    expect(events.find((e) => e.reason === 'Unhealthy')!.message).toBe('Liveness probe failed: HTTP probe failed with statuscode: 404');
    expect(events.find((e) => e.reason === 'Killing')).toMatchObject({ message: 'Container c failed liveness probe, will be restarted', source: { component: 'kubelet', host: NODE } });
  });

  it('a startup probe holds back readiness (tcpSocket) until it passes', async () => {
    await ok(['apply', '-f', '-'], httpd('slow', [
      'startupProbe: {exec: {command: ["test", "-f", "/tmp/started"]}, periodSeconds: 1, failureThreshold: 120}',
      'readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}',
    ]));
    await until(async () => ((await pod('slow')).status?.phase === 'Running' ? true : undefined), 'slow Running');
    // httpd listens already, so readiness alone would pass; it must not run before startup does.
    const before = await pod('slow');
    expect(before.status!.containerStatuses![0]).toMatchObject({ started: false, ready: false });
    execFileSync('docker', ['exec', await containerId('slow'), 'touch', '/tmp/started']);
    const after = await until(async () => {
      const p = await pod('slow');
      return ready(p) ? p : undefined;
    }, 'slow started and Ready');
    expect(after.status!.containerStatuses![0]).toMatchObject({ started: true, ready: true, restartCount: 0 });
  });
});

// Both modes, each against the same Deployment and Service: iptables (the kernel forwards; CI runs as root) and user space.
describe.each(['iptables', 'userspace'] as const)('kube-proxy (%s mode)', (mode) => {
  let proxy: KubeProxy;
  beforeAll(async () => {
    if (mode === 'iptables') {
      const why = await iptablesUnavailable();
      if (why) throw new Error(`kube-proxy's iptables mode cannot run here: ${why} (run the tests as root, as CI does)`);
    }
    proxy = new KubeProxy(client, (line) => process.stderr.write(`kube-proxy: ${line}\n`), { node: NODE, mode });
    await proxy.start();
    expect(proxy.mode).toBe(mode);
  });
  afterAll(() => proxy.stop());

  function fetchText(url: string): Promise<string> {
    return get(url);
  }
  const refused = (url: string) => fetchText(url).then(() => false, (err: NodeJS.ErrnoException) => err.code === 'ECONNREFUSED');

  it('a Deployment of 3 httpd replicas behind a NodePort Service: every pod serves, through the node port and the ClusterIP', async () => {
    await ok(['apply', '-f', '-'], [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: echo}', 'spec:', '  replicas: 3', '  selector: {matchLabels: {app: echo}}', '  template:',
      '    metadata: {labels: {app: echo}}', '    spec:', `      nodeName: ${NODE}`, '      terminationGracePeriodSeconds: 1', '      containers:',
      '      - name: httpd', '        image: chronokube/busybox:latest', '        imagePullPolicy: Never',
      '        command: ["sh", "-c", "echo $POD_NAME > /www/index.html; exec httpd -f -p 8080 -h /www"]',
      '        env: [{name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]',
      '        ports: [{name: http, containerPort: 8080}]',
      '        readinessProbe: {httpGet: {port: http}, periodSeconds: 1}',
      '---', 'apiVersion: v1', 'kind: Service', 'metadata: {name: echo}', 'spec:', '  type: NodePort', '  selector: {app: echo}', '  ports: [{name: web, port: 80, targetPort: http}]',
    ].join('\n'));
    expect(await ok(['rollout', 'status', 'deployment/echo', '--timeout=60s'])).toContain('successfully rolled out');
    const svc = JSON.parse(await ok(['get', 'service', 'echo', '-o', 'json']));
    const pods = JSON.parse(await ok(['get', 'pods', '-l', 'app=echo', '-o', 'json'])).items.map((p: Pod) => p.metadata.name).sort();
    const nodePort = `http://127.0.0.1:${svc.spec.ports[0].nodePort}/`;
    await until(async () => ((await fetchText(nodePort).catch(() => '')) ? true : undefined), 'the node port to answer');
    const seen = new Set<string>();
    for (let i = 0; i < 9; i++) seen.add((await fetchText(nodePort)).trim());
    // Round robin over the three ready endpoints: each pod answered.
    expect([...seen].sort()).toEqual(pods);
    expect(pods).toContain((await fetchText(`http://${svc.spec.clusterIP}:80/`)).trim());
  });

  it('sessionAffinity ClientIP keeps a client on one pod', async () => {
    await ok(['patch', 'service', 'echo', '-p', '{"spec":{"sessionAffinity":"ClientIP"}}']);
    const svc = JSON.parse(await ok(['get', 'service', 'echo', '-o', 'json']));
    const url = `http://${svc.spec.clusterIP}:80/`;
    await until(async () => {
      const answers = new Set<string>();
      for (let i = 0; i < 6; i++) answers.add((await fetchText(url)).trim());
      return answers.size === 1 ? true : undefined;
    }, 'one pod answering every request');
    await ok(['patch', 'service', 'echo', '-p', '{"spec":{"sessionAffinity":"None"}}']);
  });

  it('a Service with no ready endpoints refuses connections, and opens again when a pod is ready', async () => {
    const svc = JSON.parse(await ok(['get', 'service', 'echo', '-o', 'json']));
    const url = `http://127.0.0.1:${svc.spec.ports[0].nodePort}/`;
    await ok(['scale', 'deployment/echo', '--replicas=0']);
    await until(async () => ((await refused(url)) ? true : undefined), 'connection refused');
    await ok(['scale', 'deployment/echo', '--replicas=1']);
    await until(async () => ((await fetchText(url).catch(() => '')).startsWith('echo-') ? true : undefined), 'the scaled-up pod answering');
  });

  it('stopping removes what it installed', async () => {
    const svc = JSON.parse(await ok(['get', 'service', 'echo', '-o', 'json']));
    const url = `http://127.0.0.1:${svc.spec.ports[0].nodePort}/`;
    await proxy.stop();
    expect(await refused(url)).toBe(true);
    if (mode === 'iptables') {
      const save = execFileSync('iptables-save', { encoding: 'utf8' });
      expect(save).not.toContain(chainPrefix(NODE));
    }
  });
});

it('iptables mode: a later run for the same node removes the rules a killed one left behind', async () => {
  const name = `${NODE}-killed`;
  const killed = new IptablesBackend(name, () => undefined);
  await killed.setup();
  await killed.apply([{ address: '127.0.0.1:30999', host: '127.0.0.1', port: 30999, service: 'default/x', portName: '', backends: [{ ip: '172.17.0.250', port: 80 }] }]);
  const prefix = chainPrefix(name);
  // Never torn down, as if the agent had been SIGKILLed: its chains and jumps are there.
  expect(execFileSync('iptables-save', { encoding: 'utf8' }).split('\n').filter((l) => l.includes(prefix)).length).toBeGreaterThan(6);
  await new IptablesBackend(name, () => undefined).teardown();
  expect(execFileSync('iptables-save', { encoding: 'utf8' })).not.toContain(prefix);
});

it('runs a pod to completion with restartPolicy Never: init container first, then Succeeded', async () => {
  await ok(['apply', '-f', '-'], manifest('job', [
    '  restartPolicy: Never',
    '  initContainers:',
    '  - {name: init, image: chronokube/busybox:latest, imagePullPolicy: Never, command: ["sh", "-c", "exit 0"]}',
    '  containers:',
    '  - {name: main, image: chronokube/busybox:latest, imagePullPolicy: Never, command: ["sh", "-c", "exit 0"]}',
  ].join('\n')));
  const done = await until(async () => {
    const p = await pod('job');
    return p.status?.phase === 'Succeeded' ? p : undefined;
  }, 'job Succeeded');
  expect(done.status!.initContainerStatuses![0].state!.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  expect(done.status!.containerStatuses![0].state!.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  expect(done.status!.conditions!.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
});

it('reports an image it cannot get: ErrImageNeverPull, and ErrImagePull then ImagePullBackOff', async () => {
  await ok(['apply', '-f', '-'], manifest('never', '  containers:\n  - {name: c, image: "chronokube/missing:1", imagePullPolicy: Never}\n'));
  const never = await until(async () => (await pod('never')).status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ErrImageNeverPull' ? true : undefined, 'ErrImageNeverPull');
  expect(never).toBe(true);
  // ErrImagePull lasts only until the next pass, so every status the pod goes through is watched, not polled.
  const list = await client.get('/api/v1/namespaces/default/pods');
  const abort = new AbortController();
  const seen: string[] = [];
  const watching = (async () => {
    for await (const e of client.watch<Pod>('/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dpull', list.metadata.resourceVersion, abort.signal)) {
      const reason = e.object?.status?.containerStatuses?.[0]?.state?.waiting?.reason;
      if (reason && seen[seen.length - 1] !== reason) seen.push(reason);
      if (reason === 'ImagePullBackOff') return;
    }
  })();
  await ok(['apply', '-f', '-'], manifest('pull', '  containers:\n  - {name: c, image: "registry.invalid/missing:1"}\n'));
  await until(async () => (seen.includes('ImagePullBackOff') ? true : undefined), 'ImagePullBackOff');
  abort.abort();
  await watching.catch(() => undefined);
  expect(seen.filter((r) => r !== 'ContainerCreating').slice(0, 2)).toEqual(['ErrImagePull', 'ImagePullBackOff']);
  expect((await pod('pull')).status!.phase).toBe('Pending');
});

it('after an agent restart, adopts the running containers instead of starting new ones', async () => {
  const before = await pod('web');
  const ids = containersOf(before.metadata.uid!).filter((c) => c.state === 'running').map((c) => c.id).sort();
  await kubelet.stop();
  // Taken once the old agent is stopped, so only the new agent could add to it.
  const history = (await clusterOf().readStream('pod-default.web')).length;
  // Created, Running, and the restart after docker kill at least.
  expect(history).toBeGreaterThanOrEqual(3);
  kubelet = startKubelet();
  await kubelet.start();
  // Give the new agent several passes; then the same containers must still be the only ones.
  await until(async () => ((await pod('crasher')).status?.containerStatuses?.[0]?.restartCount ?? 0) >= 3 ? true : undefined, 'the new agent working');
  expect(containersOf(before.metadata.uid!).filter((c) => c.state === 'running').map((c) => c.id).sort()).toEqual(ids);
  expect((await pod('web')).status!.containerStatuses![0].restartCount).toBe(1);
  // Nothing changed for that pod, so the new agent's first report appended nothing to its stream.
  expect((await clusterOf().readStream('pod-default.web')).length).toBe(history);
});

it('deletes a pod by stopping and removing its containers, then confirming, within its grace period', async () => {
  const web = await pod('web');
  const out = await ok(['delete', 'pod', 'web', '--grace-period=5']);
  expect(out).toContain('pod "web" deleted');
  expect(containersOf(web.metadata.uid!)).toEqual([]);
  await expect(ok(['get', 'pod', 'web'])).rejects.toThrow(/NotFound/);
});
