import { HISTORY_PREFIX, type AuditList } from './contract';
import { formatAudit } from './audit.format';
import type { Query } from './http-client';
import { fromPoint } from './points';
import { countFlag, expectPositionals, GLOBAL_HELP, outputFormat, parseVerbArgs, renderMachine, type Verb } from './verb';

const FLAGS = {
  user: { kind: 'string' },
  verb: { kind: 'string' },
  resource: { kind: 'string' },
  result: { kind: 'string' },
  since: { kind: 'string' },
  from: { kind: 'string' },
  to: { kind: 'string' },
  limit: { kind: 'string' },
  'oldest-first': { kind: 'boolean' },
} as const;

/** The filters of `audit` as typed. */
export interface AuditFlags {
  user?: string; verb?: string; resource?: string; result?: string; since?: string; from?: string; to?: string;
  limit?: string; 'oldest-first': boolean; namespace?: string;
}

/** The `/audit` query for the flags. Pure. */
export function auditQuery(flags: AuditFlags, now: Date): Query {
  return {
    user: flags.user,
    verb: flags.verb,
    resource: flags.resource,
    namespace: flags.namespace,
    result: flags.result,
    from: fromPoint(flags, now),
    to: flags.to,
    order: flags['oldest-first'] ? 'asc' : undefined,
    limit: countFlag(flags.limit, '--limit'),
  };
}

/** `kubectl chrono audit`: who did what, when, from where, and what was refused. */
export const auditVerb: Verb = {
  name: 'audit',
  summary: 'who did what, from where: allowed writes and refused requests',
  usage: () => [
    'Usage: kubectl chrono audit [flags]',
    '',
    'Lists requests: allowed writes (from the events they appended) and refused ones',
    '(401/403 denied, other 4xx rejected), with user, source IP, verb, resource and',
    'response code. Allowed reads are not recorded.',
    '',
    'Examples:',
    '  kubectl chrono audit --result denied --since 1h',
    '  kubectl chrono audit --user alice --verb delete --resource namespaces',
    '',
    'Flags:',
    '  --user U                  who made the request',
    '  --verb V                  get, create, update, patch, delete, ...',
    '  --resource R              pods, pods/status, deployments, ...',
    '  -n, --namespace NS        one namespace',
    '  --result R                allowed, denied, rejected or a status code (403)',
    '  --since D                 the last D (30s, 10m, 2h, 1d)',
    '  --from P, --to P          between two points (resourceVersion, RFC 3339 time, "now")',
    '  --limit N                 at most N entries',
    '  --oldest-first            oldest first instead of newest first',
    '',
    GLOBAL_HELP,
    '',
  ].join('\n'),

  async run(argv, ctx) {
    const { flags, positionals } = parseVerbArgs(argv, FLAGS, 'audit');
    expectPositionals(positionals, [], 'audit');
    const format = outputFormat(flags.output);
    const query = auditQuery(flags, ctx.now());
    const session = ctx.connect(flags);
    const list = await session.client.getJson<AuditList>(`${HISTORY_PREFIX}/audit`, query);
    if (format) {
      ctx.out(renderMachine(list, format as 'json' | 'yaml'));
      return;
    }
    ctx.out(formatAudit(list));
    if (list.metadata.continue) ctx.note('(more entries: narrow with --from/--to or raise --limit)\n');
  },
};
