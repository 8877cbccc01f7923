import { parseArgs, parseDuration, parsePort } from '../args';
import { startControlPlane } from '../control-plane';
import { DEFAULT_API_PORT, DEFAULT_DATA_DIR, DEFAULT_EVENTSTORE_PORT, DEFAULT_HOST } from '../defaults';
import { UsageError } from '../errors';
import { stopOnSignal } from '../lifecycle';
import { SERVER_USAGE } from '../usage';
import { Command } from './command';
import { readReplayBundle } from './replay-bundle';

const FLAGS = {
  data: { kind: 'string' },
  port: { kind: 'string' },
  host: { kind: 'string' },
  'eventstore-port': { kind: 'string' },
  'eventstore-host': { kind: 'string' },
  'token-auth-file': { kind: 'string' },
  'service-cluster-ip-range': { kind: 'string' },
  'insecure-http': { kind: 'boolean' },
  'node-monitor-grace-period': { kind: 'string' },
  'scheduler-config': { kind: 'string' },
  'api-only': { kind: 'boolean' },
  replay: { kind: 'string' },
  help: { kind: 'boolean', short: 'h' },
} as const;

/**
 * `chronokube server`: the control plane. Prints one
 * "chronokube server listening on <url> (data: <dir>)" line once it serves
 * (tests wait for it), then how to use the kubeconfig.
 */
export const serverCommand: Command = {
  name: 'server',
  async run(argv) {
    const { flags } = parseArgs(argv, FLAGS, 'chronokube server');
    if (flags.help) {
      process.stdout.write(SERVER_USAGE);
      return;
    }
    const host = flags.host ?? DEFAULT_HOST;
    if (/[\s/?#@]/.test(host)) throw new UsageError(`invalid --host '${host}'`);
    const eventstoreHost = flags['eventstore-host'];
    if (eventstoreHost !== undefined && (eventstoreHost === '' || /[\s/?#@]/.test(eventstoreHost))) throw new UsageError(`invalid --eventstore-host '${eventstoreHost}'`);
    const dataDir = flags.data ?? DEFAULT_DATA_DIR;
    // Verified before anything starts: a damaged or foreign bundle serves nothing.
    const replay = flags.replay === undefined ? undefined : await readReplayBundle(flags.replay);
    const cp = await startControlPlane({
      replay,
      dataDir,
      host,
      port: flags.port === undefined ? DEFAULT_API_PORT : parsePort(flags.port),
      eventstorePort: flags['eventstore-port'] === undefined ? DEFAULT_EVENTSTORE_PORT : parsePort(flags['eventstore-port'], '--eventstore-port'),
      eventstoreHost,
      tokenFile: flags['token-auth-file'],
      serviceCidr: flags['service-cluster-ip-range'],
      insecureHttp: flags['insecure-http'],
      eventstoreUrl: process.env.EVENTSTORE_URL || undefined,
      nodeMonitorGracePeriodMs: flags['node-monitor-grace-period'] === undefined ? undefined : parseDuration(flags['node-monitor-grace-period'], '--node-monitor-grace-period'),
      schedulerConfig: flags['scheduler-config'],
      apiOnly: flags['api-only'],
    });
    stopOnSignal('chronokube server', () => cp.close());
    const lines = [`chronokube server listening on ${cp.url} (data: ${dataDir})`, replay ? `  replaying   incident "${replay.incident.name}" read-only (resourceVersions ${replay.from.resourceVersion}..${replay.to.resourceVersion})` : `  eventstore  ${cp.eventstoreLine}`];
    if (cp.kubeconfig && flags['insecure-http']) {
      // client-go does not send bearer tokens over plain HTTP, so kubectl cannot authenticate here.
      lines.push(`  kubeconfig  ${cp.kubeconfig} (plain HTTP: kubectl will not send its token; use HTTPS for kubectl)`);
    } else if (cp.kubeconfig) lines.push(`  kubeconfig  ${cp.kubeconfig}`, `  try: KUBECONFIG=${cp.kubeconfig} kubectl get nodes`);
    else lines.push(`  no admin token in ${cp.tokenFile}, so no kubeconfig was written`);
    process.stdout.write(lines.join('\n') + '\n');
  },
};
