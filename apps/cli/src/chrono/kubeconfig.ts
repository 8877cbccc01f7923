/**
 * The user's kubeconfig, read the way kubectl reads it: `--kubeconfig FILE`
 * alone, else every file of `KUBECONFIG` (colon-separated, missing files
 * skipped) merged with the first file to set a value winning, else
 * ~/.kube/config. Paths inside a file are relative to that file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { CliError } from '../errors';

/** Everything needed to reach and authenticate to the cluster of one context. */
export interface ClusterAccess {
  server: string;
  /** PEM of the CA to trust; the system roots when absent. */
  caPem?: string;
  insecureSkipTlsVerify: boolean;
  tlsServerName?: string;
  token?: string;
  certPem?: string;
  keyPem?: string;
  basic?: { username: string; password: string };
  /** The namespace commands default to: --namespace, else the context's, else "default". */
  namespace: string;
  contextName: string;
}

type Doc = Record<string, unknown>;
interface Named { name: string; [k: string]: unknown }

/** One parsed kubeconfig file and where it came from (for relative paths). */
export interface KubeconfigFile { path: string; doc: Doc }

/** The merged view: named entries keep their file's directory for relative paths. */
export interface MergedKubeconfig {
  currentContext?: string;
  clusters: Map<string, { entry: Doc; dir: string }>;
  users: Map<string, { entry: Doc; dir: string }>;
  contexts: Map<string, Doc>;
}

/** Which files kubectl would read, in priority order; `explicit` is --kubeconfig. */
export function kubeconfigPaths(explicit: string | undefined, env: NodeJS.ProcessEnv, home = os.homedir()): { paths: string[]; mustExist: boolean } {
  if (explicit) return { paths: [explicit], mustExist: true };
  const list = (env.KUBECONFIG ?? '').split(path.delimiter).filter((p) => p !== '');
  if (list.length > 0) return { paths: [...new Set(list)], mustExist: false };
  return { paths: [path.join(home, '.kube', 'config')], mustExist: false };
}

/**
 * Merges files as clientcmd does: the first file that names a cluster, user
 * or context (or sets current-context) wins; later files only fill gaps.
 */
export function mergeKubeconfigs(files: readonly KubeconfigFile[]): MergedKubeconfig {
  const merged: MergedKubeconfig = { clusters: new Map(), users: new Map(), contexts: new Map() };
  for (const { path: file, doc } of files) {
    const dir = path.dirname(path.resolve(file));
    if (!merged.currentContext && typeof doc['current-context'] === 'string' && doc['current-context']) {
      merged.currentContext = doc['current-context'];
    }
    for (const c of named(doc.clusters)) if (!merged.clusters.has(c.name)) merged.clusters.set(c.name, { entry: asDoc(c.cluster), dir });
    for (const u of named(doc.users)) if (!merged.users.has(u.name)) merged.users.set(u.name, { entry: asDoc(u.user), dir });
    for (const c of named(doc.contexts)) if (!merged.contexts.has(c.name)) merged.contexts.set(c.name, asDoc(c.context));
  }
  return merged;
}

/** Reads a file that a kubeconfig names; `dir` resolves relative paths. */
export type ReadFile = (file: string) => string;

/**
 * The access details of `--context` (or the current context), with
 * `--namespace` applied. Throws a one-line CliError naming what is missing.
 */
export function resolveAccess(
  merged: MergedKubeconfig,
  opts: { context?: string; namespace?: string },
  readFile: ReadFile = (f) => fs.readFileSync(f, 'utf8'),
): ClusterAccess {
  const contextName = opts.context ?? merged.currentContext;
  if (!contextName) throw new CliError('no current context is set in the kubeconfig; pass --context NAME');
  const context = merged.contexts.get(contextName);
  if (!context) throw new CliError(`context "${contextName}" does not exist`);
  const clusterName = String(context.cluster ?? '');
  const cluster = merged.clusters.get(clusterName);
  if (!cluster) throw new CliError(`context "${contextName}": cluster "${clusterName}" does not exist in the kubeconfig`);
  const server = cluster.entry.server;
  if (typeof server !== 'string' || server === '') throw new CliError(`cluster "${clusterName}" has no server`);
  const user = merged.users.get(String(context.user ?? ''))?.entry ?? {};
  const userDir = merged.users.get(String(context.user ?? ''))?.dir ?? cluster.dir;

  const pem = (entry: Doc, dir: string, fileKey: string, dataKey: string): string | undefined => {
    const data = entry[dataKey];
    if (typeof data === 'string' && data !== '') return Buffer.from(data, 'base64').toString('utf8');
    const file = entry[fileKey];
    if (typeof file === 'string' && file !== '') return readNamed(readFile, path.resolve(dir, file), fileKey);
    return undefined;
  };

  const access: ClusterAccess = {
    server: server.replace(/\/+$/, ''),
    insecureSkipTlsVerify: cluster.entry['insecure-skip-tls-verify'] === true,
    namespace: opts.namespace ?? (typeof context.namespace === 'string' && context.namespace ? context.namespace : 'default'),
    contextName,
  };
  const ca = pem(cluster.entry, cluster.dir, 'certificate-authority', 'certificate-authority-data');
  if (ca) access.caPem = ca;
  if (typeof cluster.entry['tls-server-name'] === 'string') access.tlsServerName = cluster.entry['tls-server-name'];

  if (user.exec || user['auth-provider']) {
    throw new CliError(`user "${String(context.user)}" authenticates with an exec or auth-provider plugin, which kubectl chrono does not run; use a token or client certificate`);
  }
  if (typeof user.token === 'string' && user.token !== '') access.token = user.token;
  else if (typeof user.tokenFile === 'string' && user.tokenFile !== '') access.token = readNamed(readFile, path.resolve(userDir, user.tokenFile), 'tokenFile').trim();
  const cert = pem(user, userDir, 'client-certificate', 'client-certificate-data');
  const key = pem(user, userDir, 'client-key', 'client-key-data');
  if (cert && key) Object.assign(access, { certPem: cert, keyPem: key });
  if (typeof user.username === 'string' && typeof user.password === 'string') access.basic = { username: user.username, password: user.password };
  return access;
}

/**
 * Reads the kubeconfig files from disk and resolves the context. A file
 * named by --kubeconfig must exist; files from KUBECONFIG may be missing.
 */
export function loadAccess(opts: { kubeconfig?: string; context?: string; namespace?: string }, env: NodeJS.ProcessEnv = process.env): ClusterAccess {
  const { paths, mustExist } = kubeconfigPaths(opts.kubeconfig, env);
  const files: KubeconfigFile[] = [];
  for (const file of paths) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if (!mustExist && (err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new CliError(`cannot read kubeconfig ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    let doc: unknown;
    try {
      doc = yaml.load(text);
    } catch (err) {
      throw new CliError(`kubeconfig ${file} is not valid YAML: ${(err as Error).message}`);
    }
    files.push({ path: file, doc: asDoc(doc) });
  }
  if (files.length === 0) throw new CliError(`no kubeconfig found (looked at ${paths.join(', ')}); set KUBECONFIG or pass --kubeconfig`);
  return resolveAccess(mergeKubeconfigs(files), opts);
}

function readNamed(readFile: ReadFile, file: string, key: string): string {
  try {
    return readFile(file);
  } catch (err) {
    throw new CliError(`cannot read ${key} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

function named(list: unknown): Named[] {
  return Array.isArray(list) ? list.filter((e): e is Named => !!e && typeof e === 'object' && typeof (e as Named).name === 'string') : [];
}

function asDoc(value: unknown): Doc {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Doc) : {};
}
