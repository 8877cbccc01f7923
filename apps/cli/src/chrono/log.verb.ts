import { HISTORY_PREFIX, type EventList } from './contract';
import type { Query } from './http-client';
import { historyKind } from './kinds';
import { formatLog, moreHint } from './log.format';
import { fromPoint } from './points';
import { countFlag, expectPositionals, GLOBAL_HELP, outputFormat, parseVerbArgs, renderMachine, type Verb } from './verb';

const FLAGS = {
  since: { kind: 'string' },
  from: { kind: 'string' },
  to: { kind: 'string' },
  kind: { kind: 'string' },
  name: { kind: 'string' },
  actor: { kind: 'string' },
  verb: { kind: 'string' },
  type: { kind: 'string' },
  'correlation-id': { kind: 'string' },
  'exclude-noise': { kind: 'boolean' },
  limit: { kind: 'string' },
  'oldest-first': { kind: 'boolean' },
} as const;

/** The filters of `log` as typed, before the kind is resolved. */
export interface LogFlags {
  since?: string; from?: string; to?: string; name?: string; actor?: string; verb?: string; type?: string;
  'correlation-id'?: string; 'exclude-noise': boolean; limit?: string; 'oldest-first': boolean; namespace?: string;
}

/** The `/events` query for the flags; `kind` is already a Kind name. Pure. */
export function logQuery(flags: LogFlags, now: Date, kind: string | undefined): Query {
  return {
    from: fromPoint(flags, now),
    to: flags.to,
    kind,
    namespace: flags.namespace,
    name: flags.name,
    actor: flags.actor,
    verb: flags.verb,
    type: flags.type,
    correlationId: flags['correlation-id'],
    excludeNoise: flags['exclude-noise'] ? 'true' : undefined,
    order: flags['oldest-first'] ? 'asc' : undefined,
    limit: countFlag(flags.limit, '--limit'),
  };
}

/** `kubectl chrono log`: the event log, filtered. */
export const logVerb: Verb = {
  name: 'log',
  summary: 'the event log, filtered by time, object, actor, verb or type',
  usage: () => [
    'Usage: kubectl chrono log [flags]',
    '',
    'Lists events of the log, newest first (the last 500 unless --limit), across all',
    'namespaces unless -n is given.',
    '',
    'Examples:',
    '  kubectl chrono log --since 10m --exclude-noise',
    '  kubectl chrono log --kind deploy --name web -n demo --oldest-first',
    '  kubectl chrono log --actor \'system:node:*\' --type PodStatusChanged --limit 20',
    '',
    'Flags:',
    '  --since D                 events of the last D (30s, 10m, 2h, 1d)',
    '  --from P, --to P          between two points (resourceVersion, RFC 3339 time, "now")',
    '  --kind K, --name N        one kind, one object name',
    '  -n, --namespace NS        one namespace',
    '  --actor A                 who wrote it; a trailing * matches a prefix',
    '  --verb V                  create, update, patch, delete, ...',
    '  --type T[,T...]           event types (PodCreated, DeploymentScaled, ...)',
    '  --correlation-id ID       everything one user action caused',
    '  --exclude-noise           leave out Lease renewals and node heartbeats',
    '  --limit N                 at most N events (server maximum 5000)',
    '  --oldest-first            oldest first instead of newest first',
    '',
    GLOBAL_HELP,
    '',
  ].join('\n'),

  async run(argv, ctx) {
    const { flags, positionals } = parseVerbArgs(argv, FLAGS, 'log');
    expectPositionals(positionals, [], 'log');
    const format = outputFormat(flags.output);
    const query = logQuery(flags, ctx.now(), undefined);
    const session = ctx.connect(flags);
    if (flags.kind !== undefined) query.kind = (await historyKind(session, flags.kind)).kind;
    const list = await session.client.getJson<EventList>(`${HISTORY_PREFIX}/events`, query);
    if (format) {
      ctx.out(renderMachine(list, format as 'json' | 'yaml'));
      return;
    }
    ctx.out(formatLog(list));
    const hint = moreHint(list);
    if (hint) ctx.note(`${hint}\n`);
  },
};
