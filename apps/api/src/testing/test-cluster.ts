/**
 * A real control plane for e2e tests: `chronokube server` started through
 * the launcher on free ports in a temp dir, with a token file holding one
 * user per role, plus helpers to run the real kubectl and raw HTTPS
 * requests against it, and to count the events in the log.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import https from 'node:https';
import { execFile } from 'node:child_process';
import { EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import { killAll, launch, withCredentials, type Launched } from '../../../cli/src/testing/launch';

export type TestUser = 'admin' | 'editor' | 'viewer' | 'node1';

const TOKENS: Record<TestUser, string> = {
  admin: 'admin-token-0123456789',
  editor: 'editor-token-0123456789',
  viewer: 'viewer-token-0123456789',
  node1: 'node1-token-0123456789',
};

const TOKEN_FILE = [
  `${TOKENS.admin},alice,uid-alice,"system:masters"`,
  `${TOKENS.editor},eddie,uid-eddie,"chronokube:edit"`,
  `${TOKENS.viewer},victor,uid-victor,"chronokube:view"`,
  `${TOKENS.node1},system:node:node1,uid-node1,"system:nodes"`,
].join('\n');

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface TestCluster {
  url: string;
  dir: string;
  eventstoreUrl: string;
  caPem: string;
  process: Launched;
  kubeconfigFor(user: TestUser): string;
  kubectl(args: string[], opts?: { user?: TestUser; input?: string; env?: Record<string, string> }): Promise<CommandResult>;
  request(method: string, urlPath: string, opts?: { user?: TestUser | null; body?: string | Buffer; contentType?: string; accept?: string; headers?: Record<string, string> }): Promise<HttpResult>;
  /** Number of non-system events in $all outside the audit streams (a refused request is audited, yet changes nothing). */
  eventCount(): Promise<number>;
  /** The events of one stream: type, data and metadata. */
  readStream(stream: string): Promise<{ type: string; data: any; metadata: any }[]>; // eslint-disable-line @typescript-eslint/no-explicit-any
  stop(): Promise<void>;
}

export async function startTestCluster(extraArgs: string[] = []): Promise<TestCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chronokube-api-'));
  const tokenFile = path.join(dir, 'tokens.csv');
  fs.writeFileSync(tokenFile, TOKEN_FILE);
  const proc = launch(['server', '--data', dir, '--port', '0', '--eventstore-port', '0', '--token-auth-file', tokenFile, ...extraArgs]);
  const [, url] = await proc.waitForLine(/^chronokube server listening on (\S+)/);
  const [, shownUrl, credentialsFile] = await proc.waitForLine(/^\s+eventstore\s+(\S+) \(credentials: (.+)\)$/);
  // The launcher prints no password: it is in the credentials file, as `user:password`.
  const eventstoreUrl = withCredentials(shownUrl, credentialsFile);
  const caPem = fs.readFileSync(path.join(dir, 'pki', 'ca.crt'), 'utf8');
  const configs = new Map<TestUser, string>();
  const kubeconfigFor = (user: TestUser): string => {
    let file = configs.get(user);
    if (!file) {
      file = path.join(dir, `kubeconfig-${user}`);
      const ca = Buffer.from(caPem).toString('base64');
      fs.writeFileSync(file, [
        'apiVersion: v1', 'kind: Config',
        'clusters:', `- name: c`, `  cluster:`, `    server: ${url}`, `    certificate-authority-data: ${ca}`,
        'users:', `- name: u`, `  user:`, `    token: ${TOKENS[user]}`,
        'contexts:', `- name: x`, `  context:`, `    cluster: c`, `    user: u`, `    namespace: default`,
        'current-context: x', '',
      ].join('\n'));
      configs.set(user, file);
    }
    return file;
  };
  const esClient = EventStoreDBClient.connectionString(eventstoreUrl);
  return {
    url,
    dir,
    eventstoreUrl,
    caPem,
    process: proc,
    kubeconfigFor,
    kubectl(args, opts = {}) {
      return new Promise((resolve) => {
        const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, KUBECONFIG: kubeconfigFor(opts.user ?? 'admin'), KUBECACHEDIR: path.join(dir, 'cache'), ...opts.env };
        const child = execFile('/usr/bin/kubectl', args, { env, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
          const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
          resolve({ code, stdout: String(stdout), stderr: String(stderr) });
        });
        if (opts.input !== undefined) child.stdin!.end(opts.input);
        else child.stdin!.end();
      });
    },
    request(method, urlPath, opts = {}) {
      return new Promise((resolve, reject) => {
        const user = opts.user === undefined ? 'admin' : opts.user;
        const headers: Record<string, string | number> = { ...opts.headers };
        if (user) headers.Authorization = `Bearer ${TOKENS[user]}`;
        if (opts.contentType) headers['Content-Type'] = opts.contentType;
        if (opts.accept) headers.Accept = opts.accept;
        if (opts.body !== undefined) headers['Content-Length'] = Buffer.byteLength(opts.body);
        // Node's global agent keeps connections alive: one the server closed as idle just as it was reused
        // fails before any answer (the server never read the request), and is sent once more on a new one.
        const send = (attempt: number): void => {
          let answered = false;
          const req = https.request(new URL(urlPath, url), { method, headers, ca: caPem }, (res) => {
            answered = true;
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              let json: unknown;
              try {
                json = JSON.parse(text);
              } catch {
                json = undefined;
              }
              resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
            });
          });
          req.on('error', (err) => (!answered && attempt === 0 && req.reusedSocket ? send(1) : reject(err)));
          if (opts.body !== undefined) req.end(opts.body);
          else req.end();
        };
        send(0);
      });
    },
    async eventCount() {
      let n = 0;
      for await (const e of esClient.readAll({ fromPosition: START, direction: FORWARDS, maxCount: Number.MAX_SAFE_INTEGER })) {
        if (e.event && !e.event.type.startsWith('$') && !e.event.streamId.startsWith('audit-')) n++;
      }
      return n;
    },
    async readStream(stream) {
      const out: { type: string; data: any; metadata: any }[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
      for await (const e of esClient.readStream(stream, { fromRevision: START, direction: FORWARDS, maxCount: Number.MAX_SAFE_INTEGER })) {
        if (e.event) out.push({ type: e.event.type, data: e.event.data, metadata: e.event.metadata });
      }
      return out;
    },
    async stop() {
      await esClient.dispose().catch(() => undefined);
      proc.child.kill('SIGTERM');
      await proc.exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Registers beforeAll/afterAll hooks that start one cluster for the spec
 * file and stop it (and anything the launcher left) afterwards. Returns a
 * getter, since the cluster exists only once the hook has run.
 */
export function useTestCluster(extraArgs: string[] = []): () => TestCluster {
  let cluster: TestCluster | undefined;
  beforeAll(async () => {
    cluster = await startTestCluster(extraArgs);
  }, 60_000);
  // Stopping waits for the server's shutdown, which under a loaded run (Docker suites beside it) took over 60 s once.
  afterAll(async () => {
    await cluster?.stop();
    await killAll();
  }, 180_000);
  return () => {
    if (!cluster) throw new Error('the test cluster is not started (use it inside tests)');
    return cluster;
  };
}

/** Runs kubectl and returns its stdout; a non-zero exit fails with kubectl's stderr. */
export async function kubectlOk(cluster: TestCluster, args: string[], input?: string): Promise<string> {
  const r = await cluster.kubectl(args, { input });
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}
