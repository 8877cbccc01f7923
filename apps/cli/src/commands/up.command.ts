import path from 'node:path';
import { parseArgs, parsePort } from '../args';
import { CliError, oneLine } from '../errors';
import { startControlPlane } from '../control-plane';
import { DEFAULT_API_PORT, DEFAULT_DATA_DIR, DEFAULT_EVENTSTORE_PORT, DEFAULT_HOST, DEFAULT_WEB_PORT } from '../defaults';
import { startWeb } from '../web/start-web';
import type { WebServer } from '../web/web-server';
import { stopOnSignal } from '../lifecycle';
import { UP_USAGE } from '../usage';
import { hostNodeName, readNodeSecret } from './agent.command';
import { Command } from './command';
import { dockerSocketPath, ensureDockerHost, realDockerHostDeps } from './docker-host';

const FLAGS = {
  data: { kind: 'string' },
  port: { kind: 'string' },
  'web-port': { kind: 'string' },
  help: { kind: 'boolean', short: 'h' },
} as const;


/**
 * The node agent, named after this host: Docker when an engine answers (made
 * to answer first when it can, see docker-host.ts), else one simulated node,
 * saying why (ARCHITECTURE: "else sim, with a clear notice").
 */
async function startLocalNode(dir: string, kubeconfig: string): Promise<{ name: string; line: string; stop(): Promise<void> }> {
  const { KubeApiError, KubeClient, RuntimeUnavailable, loadKubeconfig, startNodeAgent } = await import('@chronokube/agent');
  const log = (line: string) => process.stderr.write(`chronokube up: ${line}\n`);
  // An engine named by a non-unix DOCKER_HOST is the user's to manage.
  const socket = dockerSocketPath();
  if (socket) await ensureDockerHost(realDockerHostDeps(log, socket));
  const access = loadKubeconfig(kubeconfig);
  const common = { name: hostNodeName(), access, nodeSecret: readNodeSecret(path.join(dir, 'node-secret')), log };
  const docker = common.name;
  const simulated = `${common.name}-sim`;
  // The node an earlier `up` on the other runtime registered would stay NotReady for good: it goes
  // (as the admin; a node may not delete another), and the pod GC removes the pods bound to it.
  const removeOther = async (other: string, earlier: string): Promise<void> => {
    const admin = new KubeClient(access, 1, 'chronokube-up/0.1');
    try {
      await admin.request('DELETE', `/api/v1/nodes/${other}`);
      log(`removed node ${other}, left by an earlier run ${earlier}`);
    } catch (err) {
      if (!(err instanceof KubeApiError && err.status === 404)) log(`could not remove node ${other}: ${oneLine(err)}`);
    } finally {
      admin.close();
    }
  };
  try {
    const agent = await startNodeAgent({ ...common, runtime: 'docker' });
    await removeOther(simulated, 'without Docker');
    return { name: agent.name, line: `${agent.name} (${agent.runtime}: pods run as containers; kube-proxy ${agent.proxyMode})`, stop: () => agent.stop() };
  } catch (err) {
    if (!(err instanceof RuntimeUnavailable)) throw new CliError(`the node agent did not start: ${oneLine(err)}`, 1);
    const sim = await startNodeAgent({ ...common, name: simulated, runtime: 'sim' }).catch((e: unknown) => {
      throw new CliError(`could not register the simulated node: ${oneLine(e)}`, 1);
    });
    await removeOther(docker, 'with Docker');
    return {
      name: sim.name,
      line: `${sim.name} (simulated: pods run without processes, because ${oneLine(err)})`,
      stop: () => sim.stop(),
    };
  }
}

/**
 * The dashboard for the cluster `up` started. A dashboard that cannot start
 * (its port taken, a UI that does not build) leaves the cluster running and
 * says why in its place.
 */
async function startDashboard(kubeconfig: string, port: number): Promise<{ server?: WebServer; lines: string[] }> {
  try {
    const server = await startWeb({ host: DEFAULT_HOST, port, kubeconfig, log: (line) => process.stderr.write(`chronokube up: ${line}\n`) });
    return { server, lines: [`  web         ${server.url}`, `  sign in     ${server.loginUrl()}   (one-time link: opens a signed-in dashboard)`] };
  } catch (err) {
    return { lines: [`  web         not started: ${oneLine(err)}`] };
  }
}

/**
 * `chronokube up`: everything on embedded defaults: the event store, the
 * control plane, a node agent (Docker, else simulated) and the dashboard;
 * it prints the URLs, the kubeconfig path and a one-time sign-in link.
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
    const webPort = flags['web-port'] === undefined ? DEFAULT_WEB_PORT : parsePort(flags['web-port'], '--web-port');
    const cp = await startControlPlane({
      dataDir,
      host: DEFAULT_HOST,
      port: flags.port === undefined ? DEFAULT_API_PORT : parsePort(flags.port),
      eventstorePort: DEFAULT_EVENTSTORE_PORT,
      insecureHttp: false,
      eventstoreUrl: process.env.EVENTSTORE_URL || undefined,
    });
    const node = cp.kubeconfig ? await startLocalNode(dataDir, cp.kubeconfig) : undefined;
    const web = cp.kubeconfig ? await startDashboard(cp.kubeconfig, webPort) : undefined;
    stopOnSignal('chronokube up', async () => {
      await web?.server?.close();
      await node?.stop();
      await cp.close();
    });
    process.stdout.write(
      [
        'chronokube is up',
        `  eventstore  ${cp.eventstoreLine}`,
        `  api         ${cp.url}`,
        ...(node ? [`  node        ${node.line}`] : []),
        ...(cp.kubeconfig ? [`  kubeconfig  ${cp.kubeconfig}`, `  try: KUBECONFIG=${cp.kubeconfig} kubectl get nodes`] : []),
        ...(web ? web.lines : []),
        'press Ctrl+C to stop',
        '',
      ].join('\n'),
    );
  },
};
