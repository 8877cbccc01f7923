/**
 * Starts the control plane as `chronokube server` and `chronokube up` run
 * it: the embedded store (unless EVENTSTORE_URL names one), the API server
 * over HTTPS with its CA, the token file and the admin kubeconfig, all under
 * the data directory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import * as yaml from 'js-yaml';
import { CliError, oneLine } from './errors';
import { describeStore, quietGrpcLogs, type RunningStore } from './embedded-store';
import { ensureHistoryKey, storeHead } from './history-key';
import { redactConnectionString } from './store-security';
import { startStoreThread } from './store-thread';

export interface ControlPlaneOptions {
  dataDir: string;
  host: string;
  port: number;
  /** Port of the embedded store (ignored with EVENTSTORE_URL). */
  eventstorePort: number;
  /**
   * Interface of the embedded store (default 127.0.0.1): the API server is its
   * only client, so it stays on loopback whatever --host the API binds.
   */
  eventstoreHost?: string;
  tokenFile?: string;
  serviceCidr?: string;
  insecureHttp: boolean;
  /** EVENTSTORE_URL: use this store instead of starting one. */
  eventstoreUrl?: string;
  /** How long a node may stay silent before it is unreachable (kube's --node-monitor-grace-period). */
  nodeMonitorGracePeriodMs?: number;
  /** A scheduler profile file (YAML or JSON). */
  schedulerConfig?: string;
  /** Serve the API without the scheduler and workload controllers. */
  apiOnly?: boolean;
  /** A verified incident bundle to serve read-only instead of a store (`server --replay`). */
  replay?: import('@chronokube/core').IncidentBundle;
}

export interface RunningControlPlane {
  url: string;
  port: number;
  kubeconfig?: string;
  tokenFile: string;
  /** The store's connection string, with its password: for this process only. */
  eventstore: string;
  /** The store as it may be printed: no password, the credentials file named instead. */
  eventstoreLine: string;
  store?: RunningStore;
  close(): Promise<void>;
}

const ADMIN_GROUP = 'system:masters';
const EMBEDDED_STORE_HOST = '127.0.0.1';

/** Creates DIR/tokens.csv with one fresh admin token unless it exists. */
function ensureTokenFile(dir: string): string {
  const file = path.join(dir, 'tokens.csv');
  if (!fs.existsSync(file)) {
    const token = randomBytes(24).toString('base64url');
    const text = `# token,user,uid,"groups" (kube-apiserver --token-auth-file format)\n${token},admin,${randomUUID()},"${ADMIN_GROUP}"\n`;
    fs.writeFileSync(file, text, { mode: 0o600 });
  }
  return file;
}

/** DIR/node-secret (created once, 0600): node agents that can read it mint their system:node:<name> tokens. */
export function ensureNodeSecret(dir: string): string {
  const file = path.join(dir, 'node-secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

/** The kubeconfig kubectl reads: one cluster, one admin user, one context. */
export function kubeconfigYaml(server: string, token: string, caPem?: string): string {
  const cluster: Record<string, string> = { server };
  if (caPem) cluster['certificate-authority-data'] = Buffer.from(caPem).toString('base64');
  return yaml.dump({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'chronokube', cluster }],
    users: [{ name: 'chronokube-admin', user: { token } }],
    contexts: [{ name: 'chronokube', context: { cluster: 'chronokube', user: 'chronokube-admin', namespace: 'default' } }],
    'current-context': 'chronokube',
    preferences: {},
  });
}

export async function startControlPlane(o: ControlPlaneOptions): Promise<RunningControlPlane> {
  const dir = path.resolve(o.dataDir);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new CliError(`cannot use data directory ${dir}: ${oneLine(err)}`, 1);
  }
  quietGrpcLogs();
  const api = await import('@chronokube/api');
  const tokenFile = o.tokenFile ? path.resolve(o.tokenFile) : ensureTokenFile(dir);
  let tokens;
  try {
    tokens = api.loadTokenFile(tokenFile);
  } catch (err) {
    throw new CliError(oneLine(err), 1);
  }
  let tls: { cert: string; key: string } | undefined;
  let caPem: string | undefined;
  if (!o.insecureHttp) {
    try {
      const pki = api.ensureServerPki(path.join(dir, 'pki'), { hosts: [...new Set([o.host, '127.0.0.1', 'localhost'])] });
      tls = { cert: pki.certPem, key: pki.keyPem };
      caPem = pki.caCertPem;
    } catch (err) {
      throw new CliError(oneLine(err), 1);
    }
  }
  let schedulerProfile;
  if (o.schedulerConfig) {
    try {
      const { parseProfile } = await import('@chronokube/core');
      schedulerProfile = parseProfile(fs.readFileSync(o.schedulerConfig, 'utf8'));
    } catch (err) {
      throw new CliError(`invalid scheduler config ${o.schedulerConfig}: ${oneLine(err)}`, 1);
    }
  }
  let store: RunningStore | undefined;
  let eventstore = o.eventstoreUrl;
  if (o.replay) eventstore = 'replay:';
  else if (!eventstore) {
    store = await startStoreThread({ dataDir: dir, port: o.eventstorePort, host: o.eventstoreHost ?? EMBEDDED_STORE_HOST, batchAppend: true });
    eventstore = store.connectionString;
  }
  const storeUrl = eventstore;
  // A first key starts signing after the log's head, so a store that is not up yet is waited for, as the API server waits.
  const head = async () => {
    await api.waitForStore(() => storeHead(storeUrl).then(() => undefined), redactConnectionString(storeUrl));
    return storeHead(storeUrl).catch((err: unknown) => Promise.reject(new Error(`the event store did not answer (${oneLine(err)})`)));
  };
  const history = o.replay ? { key: undefined, unsignedUpTo: 0 } : await ensureHistoryKey(dir, head).catch(async (err: unknown) => {
    await store?.close();
    throw err;
  });
  let server;
  try {
    server = await api.startApiServer({
      eventstoreUrl: eventstore,
      // The store runs in this process: history reads may go to its file (see the API's sqlite-log-reader.ts).
      eventstoreFile: store ? path.join(store.dir, 'events.sqlite') : undefined,
      host: o.host,
      port: o.port,
      tls,
      tokens,
      nodeSecret: ensureNodeSecret(dir),
      serviceCidr: o.serviceCidr ?? api.DEFAULT_SERVICE_CIDR,
      snapshotDir: path.join(dir, 'snapshots'),
      historyKey: history.key,
      trustUnsignedUpTo: history.unsignedUpTo,
      schedulerProfile,
      apiOnly: o.apiOnly,
      replay: o.replay,
      nodeLifecycle: o.nodeMonitorGracePeriodMs === undefined ? undefined : { gracePeriodSeconds: o.nodeMonitorGracePeriodMs / 1000 },
    });
  } catch (err) {
    await store?.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CliError(`port ${o.port} on ${o.host} is already in use`, 1);
    throw new CliError(`the API server did not start: ${oneLine(err)}`, 1);
  }
  let kubeconfig: string | undefined;
  const admin = [...tokens].find(([, user]) => user.groups.includes(ADMIN_GROUP) || user.groups.includes('chronokube:admin'));
  if (admin) {
    kubeconfig = path.join(dir, 'kubeconfig');
    fs.writeFileSync(kubeconfig, kubeconfigYaml(server.url, admin[0], caPem), { mode: 0o600 });
  }
  return {
    url: server.url,
    port: server.port,
    kubeconfig,
    tokenFile,
    eventstore,
    eventstoreLine: store ? describeStore(store) : redactConnectionString(eventstore),
    store,
    close: async () => {
      await server.close();
      await store?.close();
    },
  };
}
