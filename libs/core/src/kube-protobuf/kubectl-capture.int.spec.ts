/**
 * The real judge: /usr/bin/kubectl (v1.32) creates objects against a tiny
 * HTTP server that records each request body. Every protobuf body must decode
 * to exactly the JSON kubectl itself prints for the same command with
 * `--dry-run=client -o json`.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeKubeProtobuf } from './decode';
import { KUBE_PROTOBUF_CONTENT_TYPE } from './envelope';

const KUBECTL = '/usr/bin/kubectl';

interface Recorded {
  method: string;
  url: string;
  contentType: string;
  body: Buffer;
}

const resource = (name: string, singularName: string, namespaced: boolean, kind: string) => ({
  name,
  singularName,
  namespaced,
  kind,
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
});

const DISCOVERY: Record<string, unknown> = {
  '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] },
  '/apis': {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [{ name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } }],
  },
  '/api/v1': {
    kind: 'APIResourceList',
    groupVersion: 'v1',
    resources: [
      resource('configmaps', 'configmap', true, 'ConfigMap'),
      resource('namespaces', 'namespace', false, 'Namespace'),
      resource('services', 'service', true, 'Service'),
      resource('pods', 'pod', true, 'Pod'),
      resource('nodes', 'node', false, 'Node'),
    ],
  },
  '/apis/apps/v1': { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'apps/v1', resources: [resource('deployments', 'deployment', true, 'Deployment')] },
};

function sendJson(res: http.ServerResponse, code: number, obj: unknown): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify(obj));
}

// What `kubectl debug` reads before it creates its pod.
const OBJECTS: Record<string, unknown> = {
  '/api/v1/nodes/n1': { kind: 'Node', apiVersion: 'v1', metadata: { name: 'n1' }, spec: {}, status: {} },
  '/api/v1/namespaces/default/pods/p1': {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name: 'p1', namespace: 'default' },
    spec: { containers: [{ name: 'app', image: 'busybox:1.36', resources: {} }] },
    status: {},
  },
};

// Discovery and a few objects as JSON; a create answered with the object the
// body decodes to, as an API server that understood it would.
function handle(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void {
  const path = (req.url ?? '').split('?')[0];
  if (req.method === 'GET' && DISCOVERY[path]) return sendJson(res, 200, DISCOVERY[path]);
  if (req.method === 'GET' && OBJECTS[path]) return sendJson(res, 200, OBJECTS[path]);
  if (req.method === 'POST' && (req.headers['content-type'] ?? '').startsWith(KUBE_PROTOBUF_CONTENT_TYPE)) {
    try {
      return sendJson(res, 201, decodeKubeProtobuf(body).object);
    } catch (e) {
      return sendJson(res, 400, { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 400, reason: 'BadRequest', message: String(e) });
    }
  }
  sendJson(res, 404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 404, reason: 'NotFound', message: `${req.method} ${path}` });
}

const suite = existsSync(KUBECTL) ? describe : describe.skip;

suite('kubectl v1.32 protobuf request bodies', () => {
  let server: http.Server;
  let port = 0;
  let home = '';
  const recorded: Recorded[] = [];

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'kube-protobuf-'));
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        recorded.push({ method: req.method ?? '', url: req.url ?? '', contentType: req.headers['content-type'] ?? '', body });
        handle(req, body, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(home, { recursive: true, force: true });
  });

  // No user kubeconfig or cache is read: HOME and KUBECACHEDIR point at a
  // temp dir and --kubeconfig at /dev/null.
  function kubectl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const flags = ['--kubeconfig', '/dev/null', '--server', `http://127.0.0.1:${port}`, '--insecure-skip-tls-verify', '--request-timeout', '10s'];
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, KUBECACHEDIR: join(home, 'cache') };
    return new Promise((resolve) => {
      execFile(KUBECTL, [...flags, ...args], { env, timeout: 30_000, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      });
    });
  }

  // Runs the command for real, then with --dry-run=client -o json, and
  // returns the decoded body next to kubectl's own JSON.
  async function capture(args: string[]): Promise<{ decoded: Record<string, unknown>; printed: Record<string, unknown>; request: Recorded }> {
    const before = recorded.length;
    const run = await kubectl(args);
    if (run.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
    const posts = recorded.slice(before).filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    const dry = await kubectl([...args, '--dry-run=client', '-o', 'json']);
    if (dry.code !== 0) throw new Error(`kubectl --dry-run exited ${dry.code}: ${dry.stderr}`);
    return { decoded: decodeKubeProtobuf(posts[0].body).object, printed: JSON.parse(dry.stdout) as Record<string, unknown>, request: posts[0] };
  }

  it('create configmap: literals in data, a non-UTF-8 file in binaryData', async () => {
    const blob = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0a, 0x41]);
    const file = join(home, 'blob.bin');
    writeFileSync(file, blob);
    const { decoded, printed, request } = await capture(['create', 'configmap', 'demo', '--from-literal=a=1', '--from-literal=b=2', `--from-file=${file}`]);
    expect(request.contentType).toBe(KUBE_PROTOBUF_CONTENT_TYPE);
    expect(request.url).toMatch(/^\/api\/v1\/namespaces\/default\/configmaps\?/);
    expect(decoded.data).toEqual({ a: '1', b: '2' });
    expect(decoded.binaryData).toEqual({ 'blob.bin': blob.toString('base64') });
    expect(decoded).toEqual(printed);
  });

  it('create deployment: replicas, image and container port', async () => {
    const { decoded, printed, request } = await capture(['create', 'deployment', 'web', '--image=busybox:1.36', '--replicas=3', '--port=8080']);
    expect(request.contentType).toBe(KUBE_PROTOBUF_CONTENT_TYPE);
    const spec = decoded.spec as { replicas: number; template: { spec: { containers: Array<{ image: string; ports: Array<{ containerPort: number }> }> } } };
    expect(spec.replicas).toBe(3);
    expect(spec.template.spec.containers[0].image).toBe('busybox:1.36');
    expect(spec.template.spec.containers[0].ports[0].containerPort).toBe(8080);
    expect(decoded).toEqual(printed);
  });

  it('create deployment --replicas=0 keeps the explicit zero', async () => {
    const { decoded, printed } = await capture(['create', 'deployment', 'idle', '--image=a:1', '--image=b:2', '--replicas=0']);
    expect((decoded.spec as { replicas: number }).replicas).toBe(0);
    expect(decoded).toEqual(printed);
  });

  it('create namespace', async () => {
    const { decoded, printed, request } = await capture(['create', 'namespace', 'demo2']);
    expect(request.contentType).toBe(KUBE_PROTOBUF_CONTENT_TYPE);
    expect(request.url).toMatch(/^\/api\/v1\/namespaces\?/);
    expect(decoded).toEqual({ kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'demo2', creationTimestamp: null }, spec: {}, status: {} });
    expect(decoded).toEqual(printed);
  });

  it('create service clusterip: an IntOrString target port', async () => {
    const { decoded, printed } = await capture(['create', 'service', 'clusterip', 'svc1', '--tcp=80:8080']);
    const spec = decoded.spec as { ports: unknown[]; type: string };
    expect(spec.ports[0]).toEqual({ port: 80, targetPort: 8080, name: '80-8080', protocol: 'TCP' });
    expect(spec.type).toBe('ClusterIP');
    expect(decoded).toEqual(printed);
  });

  it('create service nodeport, headless clusterip and externalname', async () => {
    for (const args of [
      ['create', 'service', 'nodeport', 'np', '--tcp=80:http', '--node-port=30080'],
      ['create', 'service', 'clusterip', 'headless', '--clusterip=None'],
      ['create', 'service', 'externalname', 'ext', '--external-name=example.com'],
    ]) {
      const { decoded, printed } = await capture(args);
      expect(decoded).toEqual(printed);
    }
  });

  // kubectl has no dry-run for debug, so these check the pod field by field.
  async function debugPod(args: string[]): Promise<{ metadata: { name: string }; spec: Record<string, unknown> }> {
    const before = recorded.length;
    const run = await kubectl(args);
    if (run.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
    const posts = recorded.slice(before).filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0].contentType).toBe(KUBE_PROTOBUF_CONTENT_TYPE);
    return decodeKubeProtobuf(posts[0].body).object as { metadata: { name: string }; spec: Record<string, unknown> };
  }

  it('debug node/n1 sends a Pod with host namespaces, a hostPath volume and a toleration', async () => {
    const pod = await debugPod(['debug', 'node/n1', '--image=busybox:1.36', '--profile=sysadmin']);
    expect(pod.metadata.name).toMatch(/^node-debugger-n1-/);
    expect(pod.spec).toEqual({
      volumes: [{ name: 'host-root', hostPath: { path: '/' } }],
      containers: [
        {
          name: 'debugger',
          image: 'busybox:1.36',
          resources: {},
          volumeMounts: [{ name: 'host-root', mountPath: '/host' }],
          securityContext: { privileged: true },
          terminationMessagePolicy: 'File',
        },
      ],
      restartPolicy: 'Never',
      nodeName: 'n1',
      hostNetwork: true,
      hostPID: true,
      hostIPC: true,
      tolerations: [{ operator: 'Exists' }],
    });
  });

  it('debug --copy-to sends a Pod sharing its process namespace', async () => {
    const pod = await debugPod(['debug', 'p1', '--image=busybox:1.36', '--copy-to=p1-copy', '--share-processes', '--profile=general', '--container=dbg']);
    expect(pod.metadata.name).toBe('p1-copy');
    expect(pod.spec.shareProcessNamespace).toBe(true);
    expect(pod.spec.containers).toEqual([
      { name: 'app', image: 'busybox:1.36', resources: {} },
      { name: 'dbg', image: 'busybox:1.36', resources: {}, securityContext: { capabilities: { add: ['SYS_PTRACE'] } }, terminationMessagePolicy: 'File' },
    ]);
  });
});
