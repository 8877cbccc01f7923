import { CliError, UsageError } from '../errors';
import { discoverOrFail } from './kinds';
import { resourcePath } from './discovery';
import { resolvePoint } from './points';
import { formatServerTable, type ServerTable } from './server-table';
import { expectPositionals, GLOBAL_HELP, outputFormat, parseVerbArgs, renderMachine, type Verb } from './verb';

const FLAGS = {
  selector: { kind: 'string', short: 'l' },
  'all-namespaces': { kind: 'boolean', short: 'A' },
} as const;

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

/** `kubectl chrono at <point> get <kind> [name]`: kubectl get, as the cluster was at a point. */
export const atVerb: Verb = {
  name: 'at',
  summary: 'get objects as they were at a point in time',
  usage: () => [
    'Usage: kubectl chrono at <point> get <kind> [name] [flags]',
    '',
    'Prints objects as `kubectl get` printed them at <point>: a resourceVersion (4711),',
    'an RFC 3339 time (2026-12-05T03:12:00Z: the state after the last event at or',
    'before it) or "now". The columns are kubectl\'s own, printed by the server.',
    '',
    'Examples:',
    '  kubectl chrono at 2026-12-05T03:12:00Z get pods -n demo',
    '  kubectl chrono at 4711 get deployment web -o yaml',
    '',
    'Flags:',
    '  -l, --selector SEL        label selector (app=web)',
    '  -A, --all-namespaces      every namespace',
    '  -o, --output FORMAT       json, yaml or wide',
    '',
    GLOBAL_HELP,
    '',
  ].join('\n'),

  async run(argv, ctx) {
    const { flags, positionals } = parseVerbArgs(argv, FLAGS, 'at');
    const [point, get, kindText, name] = expectPositionals(positionals, ['<point>', 'get', '<kind>', '[name]'], 'at', 1);
    if (get !== 'get') throw new UsageError(`at: expected 'get' after the point, got '${get}' (see 'kubectl chrono at --help')`);
    const format = outputFormat(flags.output, ['json', 'yaml', 'wide']);
    if (name && flags['all-namespaces']) throw new UsageError('at: a resource cannot be retrieved by name across all namespaces');
    const session = ctx.connect(flags);
    const resource = await discoverOrFail(session, kindText);
    const namespace = resource.namespaced && !flags['all-namespaces'] ? session.namespace : undefined;
    const rv = await resolvePoint(session.client, point, { kinds: resource.kind, namespace, labelSelector: flags.selector });

    const query = { resourceVersion: rv, resourceVersionMatch: 'Exact', labelSelector: name ? undefined : flags.selector };
    // Position 0 is the empty cluster, and the standard API refuses Exact at 0.
    if (rv === '0') {
      if (name) throw new CliError(`${resource.plural} "${name}" not found at resourceVersion 0 (the empty cluster)`);
      ctx.note(noResources(namespace));
      return;
    }
    const path = resourcePath(resource, namespace, name);
    if (format === 'json' || format === 'yaml') {
      ctx.out(renderMachine(await session.client.getJson(path, query), format));
      return;
    }
    const table = await session.client.getJson<ServerTable>(path, query, TABLE);
    if (table.kind !== 'Table') throw new Error(`the server answered ${String(table.kind)} where a Table was asked for`);
    if (table.rows.length === 0) {
      ctx.note(noResources(namespace));
      return;
    }
    ctx.out(formatServerTable(table, { wide: format === 'wide', withNamespace: resource.namespaced && !!flags['all-namespaces'] }));
  },
};

function noResources(namespace: string | undefined): string {
  return namespace ? `No resources found in ${namespace} namespace.\n` : 'No resources found\n';
}
