import path from 'node:path';
import { parseArgs, parseCount, parseDuration } from '../args';
import { DEFAULT_DATA_DIR } from '../defaults';
import { CliError, oneLine, UsageError } from '../errors';
import { stopOnSignal } from '../lifecycle';
import { SIM_USAGE } from '../usage';
import { Command } from './command';

const FLAGS = {
  nodes: { kind: 'string' },
  cpu: { kind: 'string' },
  memory: { kind: 'string' },
  pods: { kind: 'string' },
  prefix: { kind: 'string' },
  'ready-delay': { kind: 'string' },
  'lease-interval': { kind: 'string' },
  kubeconfig: { kind: 'string' },
  data: { kind: 'string' },
  help: { kind: 'boolean', short: 'h' },
} as const;

/**
 * `chronokube sim --nodes N`: N simulated nodes against the server in
 * --kubeconfig. Prints "chronokube sim: N nodes ready (...)" once every
 * node is registered and pods are being run; tests wait for that line.
 */
export const simCommand: Command = {
  name: 'sim',
  async run(argv) {
    const { flags } = parseArgs(argv, FLAGS, 'chronokube sim');
    if (flags.help) {
      process.stdout.write(SIM_USAGE);
      return;
    }
    if (flags.nodes === undefined) throw new UsageError("missing --nodes N (see 'chronokube sim --help')");
    const { DEFAULT_SIM, KubeClient, SimNodes, loadKubeconfig } = await import('@chronokube/agent');
    const options = {
      ...DEFAULT_SIM,
      count: parseCount(flags.nodes, '--nodes'),
      cpu: flags.cpu ?? DEFAULT_SIM.cpu,
      memory: flags.memory ?? DEFAULT_SIM.memory,
      pods: flags.pods === undefined ? DEFAULT_SIM.pods : parseCount(flags.pods, '--pods'),
      prefix: flags.prefix ?? DEFAULT_SIM.prefix,
      readyDelayMs: flags['ready-delay'] === undefined ? DEFAULT_SIM.readyDelayMs : parseDuration(flags['ready-delay'], '--ready-delay'),
      leaseIntervalMs: flags['lease-interval'] === undefined ? DEFAULT_SIM.leaseIntervalMs : parseDuration(flags['lease-interval'], '--lease-interval'),
    };
    if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9-])?$/.test(options.prefix)) throw new UsageError(`invalid --prefix '${options.prefix}': node names must be DNS subdomains`);
    const kubeconfig = flags.kubeconfig ?? path.join(flags.data ?? DEFAULT_DATA_DIR, 'kubeconfig');
    let client;
    try {
      client = new KubeClient(loadKubeconfig(kubeconfig), options.concurrency, 'chronokube-sim/0.1');
    } catch (err) {
      throw new CliError(oneLine(err), 1);
    }
    const sim = new SimNodes(client, options, (line) => process.stderr.write(`chronokube sim: ${line}\n`));
    try {
      await sim.start();
    } catch (err) {
      await sim.stop();
      throw new CliError(`could not register the simulated nodes: ${oneLine(err)}`, 1);
    }
    stopOnSignal('chronokube sim', async () => {
      await sim.stop();
      client.close();
    });
    const last = sim.names[sim.names.length - 1];
    process.stdout.write(`chronokube sim: ${sim.names.length} nodes ready (${sim.names[0]}${sim.names.length > 1 ? ` .. ${last}` : ''})\n`);
  },
};
