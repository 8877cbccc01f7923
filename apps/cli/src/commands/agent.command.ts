import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, parseCount } from '../args';
import { DEFAULT_DATA_DIR } from '../defaults';
import { CliError, oneLine, UsageError } from '../errors';
import { stopOnSignal } from '../lifecycle';
import { AGENT_USAGE } from '../usage';
import { Command } from './command';

const FLAGS = {
  name: { kind: 'string' },
  runtime: { kind: 'string' },
  kubeconfig: { kind: 'string' },
  'node-secret-file': { kind: 'string' },
  cpu: { kind: 'string' },
  memory: { kind: 'string' },
  pods: { kind: 'string' },
  'proxy-mode': { kind: 'string' },
  data: { kind: 'string' },
  help: { kind: 'boolean', short: 'h' },
} as const;

/** This host's name as a node name (a DNS label). */
export function hostNodeName(): string {
  return os.hostname().toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '') || 'local';
}

/** The server's node secret, if readable: with it the agent is system:node:<name>. */
export function readNodeSecret(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * `chronokube agent --name N`: a node agent against the server in
 * --kubeconfig. Prints "chronokube agent: node N ready (docker V, kube-proxy M)"
 * (or "(sim)") once its
 * node is registered; tests wait for that line.
 */
export const agentCommand: Command = {
  name: 'agent',
  async run(argv) {
    const { flags } = parseArgs(argv, FLAGS, 'chronokube agent');
    if (flags.help) {
      process.stdout.write(AGENT_USAGE);
      return;
    }
    const name = flags.name ?? hostNodeName();
    if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name) || name.length > 253) throw new UsageError(`invalid --name '${name}': a node name must be a DNS subdomain`);
    const runtime = flags.runtime ?? 'docker';
    if (runtime !== 'docker' && runtime !== 'sim') throw new UsageError(`invalid --runtime '${runtime}': use docker or sim`);
    const proxyMode = flags['proxy-mode'];
    if (proxyMode !== undefined && proxyMode !== 'iptables' && proxyMode !== 'userspace') throw new UsageError(`invalid --proxy-mode '${proxyMode}': use iptables or userspace`);
    const dir = flags.data ?? DEFAULT_DATA_DIR;
    const kubeconfig = flags.kubeconfig ?? path.join(dir, 'kubeconfig');
    const secretFile = flags['node-secret-file'] ?? path.join(dir, 'node-secret');
    const nodeSecret = readNodeSecret(secretFile);
    if (flags['node-secret-file'] && !nodeSecret) throw new CliError(`cannot read the node secret ${secretFile}`, 1);
    const { RuntimeUnavailable, loadKubeconfig, startNodeAgent } = await import('@chronokube/agent');
    let access;
    try {
      access = loadKubeconfig(kubeconfig);
    } catch (err) {
      throw new CliError(oneLine(err), 1);
    }
    const log = (line: string) => process.stderr.write(`chronokube agent: ${line}\n`);
    let agent;
    try {
      agent = await startNodeAgent({
        name, runtime, access, nodeSecret, log, proxyMode,
        cpu: flags.cpu, memory: flags.memory, pods: flags.pods === undefined ? undefined : parseCount(flags.pods, '--pods'),
      });
    } catch (err) {
      const other = err instanceof RuntimeUnavailable ? ', or use --runtime sim' : '';
      throw new CliError(`the node agent did not start: ${oneLine(err)}${other}`, 1);
    }
    const running = agent;
    stopOnSignal('chronokube agent', () => running.stop());
    // Said after starting, so a failure stays one line.
    if (!nodeSecret) log(`no node secret at ${secretFile}: acting with the kubeconfig's credentials, not as system:node:${name}`);
    const proxy = running.proxyMode ? `, kube-proxy ${running.proxyMode}` : '';
    process.stdout.write(`chronokube agent: node ${running.name} ready (${running.runtime}${proxy})\n`);
  },
};
