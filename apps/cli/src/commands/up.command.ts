import path from 'node:path';
import { parseArgs, parsePort } from '../args';
import { CliError, oneLine } from '../errors';
import { startControlPlane } from '../control-plane';
import { DEFAULT_API_PORT, DEFAULT_DATA_DIR, DEFAULT_EVENTSTORE_PORT, DEFAULT_HOST } from '../defaults';
import { stopOnSignal } from '../lifecycle';
import { UP_USAGE } from '../usage';
import { hostNodeName, readNodeSecret } from './agent.command';
import { Command } from './command';

const FLAGS = {
  data: { kind: 'string' },
  port: { kind: 'string' },
  help: { kind: 'boolean', short: 'h' },
} as const;

/** Components of `up` that later issues add; listed so nobody waits for them. */
const NOT_YET = ['web UI'];

/**
 * The node agent, named after this host: Docker when an engine answers, else
 * one simulated node, saying why (ARCHITECTURE: "else sim, with a clear notice").
 */
async function startLocalNode(dir: string, kubeconfig: string): Promise<{ name: string; line: string; stop(): Promise<void> }> {
  const { RuntimeUnavailable, loadKubeconfig, startNodeAgent } = await import('@chronokube/agent');
  const log = (line: string) => process.stderr.write(`chronokube up: ${line}\n`);
  const common = { name: hostNodeName(), access: loadKubeconfig(kubeconfig), nodeSecret: readNodeSecret(path.join(dir, 'node-secret')), log };
  try {
    const agent = await startNodeAgent({ ...common, runtime: 'docker' });
    return { name: agent.name, line: `${agent.name} (${agent.runtime}: pods run as containers; kube-proxy ${agent.proxyMode})`, stop: () => agent.stop() };
  } catch (err) {
    if (!(err instanceof RuntimeUnavailable)) throw new CliError(`the node agent did not start: ${oneLine(err)}`, 1);
    const sim = await startNodeAgent({ ...common, name: `${common.name}-sim`, runtime: 'sim' }).catch((e: unknown) => {
      throw new CliError(`could not register the simulated node: ${oneLine(e)}`, 1);
    });
    return {
      name: sim.name,
      line: `${sim.name} (simulated: pods run without processes, because ${oneLine(err)})`,
      stop: () => sim.stop(),
    };
  }
}

/**
 * `chronokube up`: everything on embedded defaults. For now that is the
 * event store, the control plane and a node agent (Docker, else simulated);
 * it says plainly what is still missing, and prints the URLs and the
 * kubeconfig path.
 */
export const upCommand: Command = {
  name: 'up',
  async run(argv) {
    const { flags } = parseArgs(argv, FLAGS, 'chronokube up');
    if (flags.help) {
      process.stdout.write(UP_USAGE);
      return;
    }
    const dataDir = flags.data ?? DEFAULT_DATA_DIR;
    const cp = await startControlPlane({
      dataDir,
      host: DEFAULT_HOST,
      port: flags.port === undefined ? DEFAULT_API_PORT : parsePort(flags.port),
      eventstorePort: DEFAULT_EVENTSTORE_PORT,
      insecureHttp: false,
      eventstoreUrl: process.env.EVENTSTORE_URL || undefined,
    });
    const node = cp.kubeconfig ? await startLocalNode(dataDir, cp.kubeconfig) : undefined;
    stopOnSignal('chronokube up', async () => {
      await node?.stop();
      await cp.close();
    });
    process.stdout.write(
      [
        'chronokube is up',
        `  eventstore  ${cp.eventstore}`,
        `  api         ${cp.url}`,
        ...(node ? [`  node        ${node.line}`] : []),
        ...(cp.kubeconfig ? [`  kubeconfig  ${cp.kubeconfig}`, `  try: KUBECONFIG=${cp.kubeconfig} kubectl get nodes`] : []),
        `not yet available: ${NOT_YET.join(', ')}; it arrives in a later release`,
        'press Ctrl+C to stop',
        '',
      ].join('\n'),
    );
  },
};
