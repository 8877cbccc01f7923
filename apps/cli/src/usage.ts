import { DEFAULT_WEB_PORT, DEFAULT_API_PORT, DEFAULT_DATA_DIR, DEFAULT_EVENTSTORE_PORT, DEFAULT_HOST } from './defaults';

// Help text is kept in one file so the command list, the per-command pages
// and ARCHITECTURE.md's "Command line" table can be read side by side.

/** One line per command for the overall usage, in the contract's order. */
export const COMMAND_SUMMARIES: ReadonlyArray<readonly [string, string]> = [
  ['up', 'everything on embedded defaults: store, control plane, node agent, web UI'],
  ['eventstore', 'the embedded EventStoreDB-compatible server alone'],
  ['server', 'control plane: the Kubernetes API on the event log, scheduler and controllers'],
  ['agent', 'a node agent: kubelet + kube-proxy on Docker (or a simulated node)'],
  ['sim', 'N simulated nodes, kwok-style: no processes, pods turn Running after a delay'],
  ['web', 'the web dashboard for a running server'],
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
  'Runs the embedded EventStoreDB-compatible server alone (gRPC over TLS). Every call',
  'needs the user and password generated into DIR/eventstore/credentials (0600); the',
  'CA is DIR/eventstore/tls/ca.crt. Any EventStoreDB client, e.g. @eventstore/db-client,',
  'connects with esdb://$(cat DIR/eventstore/credentials)@HOST:PORT?tls=true&tlsCAFile=...',
  '(the line it prints, plus the credentials). Appends over --max-append-size are refused.',
  'Stop it with Ctrl+C or SIGTERM; acknowledged writes are on disk.',
  '',
  'Flags:',
  `  --data DIR         data directory; the store's files go in DIR/eventstore/ (default ${DEFAULT_DATA_DIR})`,
  `  --port N           port to listen on, 0 picks a free one (default ${DEFAULT_EVENTSTORE_PORT})`,
  `  --host ADDR        interface to bind (default ${DEFAULT_HOST})`,
  '  --no-batch-append  do not advertise BatchAppend, so clients use plain Append',
  '  --max-append-size BYTES  largest append accepted (default 1048576, as EventStoreDB)',
  HELP_FLAG,
  '',
].join('\n');

/** `chronokube up --help`. */
export const UP_USAGE = [
  'Usage: chronokube up [flags]',
  '',
  `Starts everything on embedded defaults: the event store on ${DEFAULT_HOST}:${DEFAULT_EVENTSTORE_PORT} and`,
  `the Kubernetes API on https://${DEFAULT_HOST}:${DEFAULT_API_PORT}, with an admin kubeconfig in DIR/kubeconfig.`,
  'The scheduler and controllers run in the API server. A node agent named after this',
  'host runs pods as Docker containers when an engine answers on /var/run/docker.sock;',
  'otherwise one simulated node (<host>-sim) runs them without processes, and up says why.',
  `The dashboard is served on http://${DEFAULT_HOST}:${DEFAULT_WEB_PORT}, and up prints a one-time link that`,
  'opens it signed in as the admin (see chronokube web).',
  '',
  'Flags:',
  DATA_FLAG,
  `  --port N           port of the Kubernetes API (default ${DEFAULT_API_PORT})`,
  `  --web-port N       port of the dashboard (default ${DEFAULT_WEB_PORT})`,
  HELP_FLAG,
  '',
].join('\n');

/** `chronokube agent --help`. */
export const AGENT_USAGE = [
  'Usage: chronokube agent [flags]',
  '',
  'A node agent against the server in --kubeconfig: registers the node, renews its',
  'Lease and runs the pods bound to it. With --runtime docker (the default) each pod',
  'is a sandbox plus its containers in the Docker engine on /var/run/docker.sock; with',
  '--runtime sim the pods turn Running without processes. It acts as',
  'system:node:<name> when it can read the server\'s node secret (DIR/node-secret),',
  'else with the kubeconfig\'s credentials. Stop with Ctrl+C; the containers keep',
  'running and a restarted agent adopts them.',
  '',
  'Flags:',
  '  --name N                node name (default: this host\'s name)',
  '  --runtime R             docker or sim (default docker)',
  '  --kubeconfig FILE       default DIR/kubeconfig',
  '  --node-secret-file F    default DIR/node-secret',
  '  --cpu Q, --memory Q     capacity to report (default: the host\'s; sim: 4 and 8Gi)',
  '  --pods N                pod capacity (default 110)',
  '  --proxy-mode M          kube-proxy: iptables (the kernel forwards; needs root) or',
  '                          userspace (default: iptables when it can run, else userspace)',
  DATA_FLAG,
  HELP_FLAG,
  '',
].join('\n');

/** `chronokube server --help`. */
export const SERVER_USAGE = [
  'Usage: chronokube server [flags]',
  '',
  'Runs the control plane: the Kubernetes API served from the event log, with the',
  'scheduler and controllers (Deployment, ReplicaSet, Endpoints, node lifecycle,',
  'garbage collection, namespaces, pod GC) running in it. It starts',
  'the embedded store unless EVENTSTORE_URL names one (esdb://USER:PASS@host:port?tls=true',
  '&tlsCAFile=CA for a separately started embedded store, whose credentials file and',
  'CA `chronokube eventstore` prints, or any EventStoreDB/KurrentDB connection string). It serves',
  'HTTPS with a self-signed CA (DIR/pki/ca.crt) and writes an admin kubeconfig to',
  'DIR/kubeconfig. Clients authenticate with bearer tokens from the token file',
  '(kube-apiserver --token-auth-file format: token,user,uid,"group1,group2"); groups',
  'system:masters (admin), chronokube:edit, chronokube:view and system:nodes (with',
  'user system:node:<name>) select the role.',
  '',
  'Flags:',
  `  --data DIR                       data directory (default ${DEFAULT_DATA_DIR})`,
  `  --port N                         port of the Kubernetes API, 0 picks a free one (default ${DEFAULT_API_PORT})`,
  `  --host ADDR                      interface to bind (default ${DEFAULT_HOST})`,
  `  --eventstore-port N              port of the embedded store (default ${DEFAULT_EVENTSTORE_PORT})`,
  '  --eventstore-host ADDR           interface of the embedded store (default 127.0.0.1, whatever --host is)',
  '  --token-auth-file FILE           tokens to accept (default DIR/tokens.csv, created with an admin token)',
  '  --service-cluster-ip-range CIDR  range for service cluster IPs (default 127.96.0.0/16)',
  '  --insecure-http                  serve plain HTTP instead of HTTPS',
  '  --node-monitor-grace-period D    a node silent this long is unreachable (default 40s)',
  '  --api-only                       serve the API without the scheduler and workload controllers',
  '  --scheduler-config FILE          scheduler profile: filters, scores and weights, percentageOfNodesToScore (YAML or JSON)',
  '  --replay BUNDLE                  serve an exported incident bundle read-only (no store, scheduler or controllers)',
  HELP_FLAG,
  '',
].join('\n');

/** `chronokube web --help`. */
export const WEB_USAGE = [
  'Usage: chronokube web [flags]',
  '',
  'Serves the dashboard for the API server named in --kubeconfig: the built UI, the API',
  'and its live stream behind the same origin. Prints the URL and a one-time login link',
  "that signs a browser in with the kubeconfig's token; the login page also takes a token.",
  '',
  'Flags:',
  `  --port N           port of the dashboard (default ${DEFAULT_WEB_PORT})`,
  `  --host ADDR        address to listen on (default ${DEFAULT_HOST})`,
  '  --kubeconfig FILE  the cluster to show (default DIR/kubeconfig)',
  DATA_FLAG,
  '  --ui-dir DIR       the built UI (default apps/web/out)',
  HELP_FLAG,
  '',
].join('\n');

/** `chronokube sim --help`. */
export const SIM_USAGE = [
  'Usage: chronokube sim --nodes N [flags]',
  '',
  'Registers N simulated nodes (kwok-style) with the server in --kubeconfig, keeps',
  'their Leases fresh, and runs the pods bound to them without any process: each',
  'turns Running and Ready after --ready-delay; a pod being deleted is finalized at',
  'once. Stop with Ctrl+C; the nodes stay registered and go NotReady without leases.',
  '',
  'Flags:',
  '  --nodes N            how many nodes (required)',
  '  --cpu Q              cpu capacity of each node (default 4)',
  '  --memory Q           memory capacity of each node (default 8Gi)',
  '  --pods N             pod capacity of each node (default 110)',
  '  --prefix P           node names are P0, P1, ... (default sim-node-)',
  '  --ready-delay D      from binding to Running/Ready, e.g. 200ms, 2s (default 200ms)',
  '  --lease-interval D   how often each Lease is renewed; 0 never (default 10s)',
  `  --kubeconfig FILE    default DIR/kubeconfig`,
  DATA_FLAG,
  HELP_FLAG,
  '',
].join('\n');
