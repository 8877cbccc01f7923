import os from 'node:os';
import { parseArgs, parsePort } from '../args';
import { CliError, oneLine } from '../errors';
import { startControlPlane } from '../control-plane';
import { DEFAULT_API_PORT, DEFAULT_DATA_DIR, DEFAULT_EVENTSTORE_PORT, DEFAULT_HOST } from '../defaults';
import { stopOnSignal } from '../lifecycle';
import { UP_USAGE } from '../usage';
import { Command } from './command';

const FLAGS = {
  data: { kind: 'string' },
  port: { kind: 'string' },
  help: { kind: 'boolean', short: 'h' },
} as const;

/** Components of `up` that later issues add; listed so nobody waits for them. */
const NOT_YET = ['Docker node agent', 'web UI'];

/** One simulated node against the new server, named after this host. */
async function startLocalSimNode(kubeconfig: string): Promise<{ name: string; stop(): Promise<void> }> {
  const { DEFAULT_SIM, KubeClient, SimNodes, loadKubeconfig } = await import('@chronokube/agent');
  const client = new KubeClient(loadKubeconfig(kubeconfig), 8, 'chronokube-sim/0.1');
  const prefix = `${os.hostname().toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '') || 'local'}-sim-`;
  const sim = new SimNodes(client, { ...DEFAULT_SIM, count: 1, prefix }, (line) => process.stderr.write(`chronokube up: ${line}\n`));
  try {
    await sim.start();
  } catch (err) {
    await sim.stop();
    client.close();
    throw new CliError(`could not register the simulated node: ${oneLine(err)}`, 1);
  }
  return {
    name: sim.names[0],
    stop: async () => {
      await sim.stop();
      client.close();
    },
  };
}

/**
 * `chronokube up`: everything on embedded defaults. For now that is the
 * event store, the control plane and one simulated node; it says plainly
 * what is still missing, and prints the URLs and the kubeconfig path.
 */
export const upCommand: Command = {
  name: 'up',
  async run(argv) {
    const { flags } = parseArgs(argv, FLAGS, 'chronokube up');
    if (flags.help) {
      process.stdout.write(UP_USAGE);
      return;
    }
    const cp = await startControlPlane({
      dataDir: flags.data ?? DEFAULT_DATA_DIR,
      host: DEFAULT_HOST,
      port: flags.port === undefined ? DEFAULT_API_PORT : parsePort(flags.port),
      eventstorePort: DEFAULT_EVENTSTORE_PORT,
      insecureHttp: false,
      eventstoreUrl: process.env.EVENTSTORE_URL || undefined,
    });
    // Until the Docker agent exists, one simulated node, so workloads run (ARCHITECTURE: "else sim, with a clear notice").
    const node = cp.kubeconfig ? await startLocalSimNode(cp.kubeconfig) : undefined;
    stopOnSignal('chronokube up', async () => {
      await node?.stop();
      await cp.close();
    });
    process.stdout.write(
      [
        'chronokube is up',
        `  eventstore  ${cp.eventstore}`,
        `  api         ${cp.url}`,
        ...(node ? [`  node        ${node.name} (simulated: pods run without processes; the Docker agent arrives later)`] : []),
        ...(cp.kubeconfig ? [`  kubeconfig  ${cp.kubeconfig}`, `  try: KUBECONFIG=${cp.kubeconfig} kubectl get nodes`] : []),
        `not yet available: ${NOT_YET.join(', ')}; they arrive in later releases`,
        'press Ctrl+C to stop',
        '',
      ].join('\n'),
    );
  },
};
