import { DEFAULT_DATA_DIR, DEFAULT_EVENTSTORE_PORT, DEFAULT_HOST } from './defaults';

// Help text is kept in one file so the command list, the per-command pages
// and ARCHITECTURE.md's "Command line" table can be read side by side.

/** One line per command for the overall usage, in the contract's order. */
export const COMMAND_SUMMARIES: ReadonlyArray<readonly [string, string]> = [
  ['up', 'everything on embedded defaults: store, control plane, node agent, web UI'],
  ['eventstore', 'the embedded EventStoreDB-compatible server alone'],
  ['server', 'control plane: API, scheduler, controllers, history (not implemented yet)'],
  ['agent', 'a node agent: kubelet + kube-proxy (not implemented yet)'],
  ['sim', 'N simulated nodes, kwok-style (not implemented yet)'],
  ['web', 'the web UI, pointed at the server (not implemented yet)'],
];

/** The overall usage: `chronokube --help`, and on stderr when run with no arguments. */
export function overallUsage(): string {
  const width = Math.max(...COMMAND_SUMMARIES.map(([name]) => name.length));
  const commands = COMMAND_SUMMARIES.map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`);
  return [
    'Usage: chronokube <command> [flags]',
    '',
    'A Kubernetes-style cluster whose single source of truth is an event log.',
    '',
    'Commands:',
    ...commands,
    '',
    'Flags:',
    '  -h, --help   show this help; `chronokube <command> --help` shows a command\'s flags',
    '  --version    print the version',
    '',
    `Every command keeps its files under --data DIR (default ${DEFAULT_DATA_DIR}).`,
    'Exit codes: 0 ok, 1 runtime failure (e.g. port in use), 2 bad command line.',
    '',
  ].join('\n');
}

const DATA_FLAG = `  --data DIR         data directory (default ${DEFAULT_DATA_DIR})`;
const HELP_FLAG = '  -h, --help         show this help';

/** `chronokube eventstore --help`. */
export const EVENTSTORE_USAGE = [
  'Usage: chronokube eventstore [flags]',
  '',
  'Runs the embedded EventStoreDB-compatible server alone (gRPC, no TLS). Any',
  'EventStoreDB client, e.g. @eventstore/db-client, can use the connection string',
  'it prints. Stop it with Ctrl+C or SIGTERM; acknowledged writes are on disk.',
  '',
  'Flags:',
  `  --data DIR         data directory; the store's files go in DIR/eventstore/ (default ${DEFAULT_DATA_DIR})`,
  `  --port N           port to listen on, 0 picks a free one (default ${DEFAULT_EVENTSTORE_PORT})`,
  `  --host ADDR        interface to bind (default ${DEFAULT_HOST})`,
  '  --no-batch-append  do not advertise BatchAppend, so clients use plain Append',
  HELP_FLAG,
  '',
].join('\n');

/** `chronokube up --help`. */
export const UP_USAGE = [
  'Usage: chronokube up [flags]',
  '',
  'Starts everything on embedded defaults. Today that is the event store on',
  `${DEFAULT_HOST}:${DEFAULT_EVENTSTORE_PORT}; the control plane, node agent and web UI are not yet available.`,
  '',
  'Flags:',
  DATA_FLAG,
  HELP_FLAG,
  '',
].join('\n');

/**
 * Help for a command that is in the contract but not built yet: it names the
 * planned flags so scripts can be written against them already.
 */
export const PLANNED_USAGE: Readonly<Record<string, string>> = {
  server: planned('server', [
    'Control plane: API server, scheduler, controllers, history, live gateway.',
    'Uses the embedded store unless EVENTSTORE_URL is set; writes DIR/kubeconfig.',
  ], [DATA_FLAG, '  --port N           port of the Kubernetes API']),
  agent: planned('agent --name N', ['A node agent (kubelet + kube-proxy) against the server in --kubeconfig.'], [
    '  --name N           node name',
    '  --runtime R        docker or sim',
    '  --kubeconfig FILE  default DIR/kubeconfig',
    DATA_FLAG,
  ]),
  sim: planned('sim --nodes N', ['N simulated nodes (kwok-style): no processes are started.'], [
    '  --nodes N          how many nodes',
    DATA_FLAG,
  ]),
  web: planned('web', ['The Next.js UI: live dashboard and time travel, pointed at the server.'], [
    DATA_FLAG,
    '  --port N           port of the UI',
  ]),
};

function planned(synopsis: string, about: string[], flags: string[]): string {
  return [
    `Usage: chronokube ${synopsis} [flags]`,
    '',
    ...about,
    '',
    'Not implemented yet: this command exits with status 1 for now.',
    '',
    'Planned flags:',
    ...flags,
    HELP_FLAG,
    '',
  ].join('\n');
}
