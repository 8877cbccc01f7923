/**
 * Reads the parts of a kubeconfig a node agent needs: the current
 * context's server, CA and bearer token. Other auth methods are refused
 * with a clear message rather than silently ignored.
 */
import fs from 'node:fs';
import * as yaml from 'js-yaml';

export interface ClusterAccess {
  server: string;
  caPem?: string;
  token?: string;
  insecureSkipTlsVerify?: boolean;
}

interface Named<T> { name: string; [k: string]: unknown; cluster?: T; user?: T; context?: T }

/** The current context's access details; throws a one-line Error when they cannot be used. */
export function loadKubeconfig(file: string): ClusterAccess {
  let doc: Record<string, unknown>;
  try {
    doc = yaml.load(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`cannot read kubeconfig ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const current = doc['current-context'] as string | undefined;
  const contexts = (doc.contexts ?? []) as Named<{ cluster: string; user: string }>[];
  const ctx = contexts.find((c) => c.name === current)?.context ?? contexts[0]?.context;
  if (!ctx) throw new Error(`kubeconfig ${file} has no context`);
  const cluster = ((doc.clusters ?? []) as Named<Record<string, string | boolean>>[]).find((c) => c.name === ctx.cluster)?.cluster;
  const user = ((doc.users ?? []) as Named<Record<string, string>>[]).find((u) => u.name === ctx.user)?.user ?? {};
  if (!cluster?.server) throw new Error(`kubeconfig ${file}: cluster ${ctx.cluster} has no server`);
  const access: ClusterAccess = { server: String(cluster.server).replace(/\/$/, '') };
  if (cluster['certificate-authority-data']) access.caPem = Buffer.from(String(cluster['certificate-authority-data']), 'base64').toString('utf8');
  else if (cluster['certificate-authority']) access.caPem = fs.readFileSync(String(cluster['certificate-authority']), 'utf8');
  if (cluster['insecure-skip-tls-verify'] === true) access.insecureSkipTlsVerify = true;
  if (user.token) access.token = user.token;
  else if (user.tokenFile) access.token = fs.readFileSync(user.tokenFile, 'utf8').trim();
  else throw new Error(`kubeconfig ${file}: user ${ctx.user} has no bearer token (only token auth is supported)`);
  return access;
}
