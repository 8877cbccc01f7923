import { UsageError } from '../errors';
import { HISTORY_PREFIX, type Why } from './contract';
import type { Query } from './http-client';
import { historyKind } from './kinds';
import { expectPositionals, GLOBAL_HELP, outputFormat, parseVerbArgs, renderMachine, splitKindName, type Verb } from './verb';
import { formatWhy } from './why.format';

const FLAGS = { at: { kind: 'string' } } as const;

/** `kubectl chrono why <kind>/<name> | <event-id>`: the causes of an event, and what it caused. */
export const whyVerb: Verb = {
  name: 'why',
  summary: 'the chain of causes behind an object version or event, and what it caused',
  usage: () => [
    'Usage: kubectl chrono why (<kind>/<name> | <event-id>) [--at P] [flags]',
    '',
    'Follows causationId from the event that produced an object\'s current version',
    '(or the version at --at), or from one event by id, back to the request or',
    'observation that started it, then shows everything that event caused in turn.',
    '',
    'Examples:',
    '  kubectl chrono why pod/web-7d9c5-x2x4k -n demo',
    '  kubectl chrono why deploy/web --at 2026-12-05T03:12:00Z',
    '  kubectl chrono why 5f0c1d7e-3a9b-4c1e-9d5a-0b6f2e8c4a11',
    '',
    'Flags:',
    '  --at P                    the version at point P (resourceVersion, RFC 3339 time, "now")',
    '',
    GLOBAL_HELP,
    '',
  ].join('\n'),

  async run(argv, ctx) {
    const { flags, positionals } = parseVerbArgs(argv, FLAGS, 'why');
    const [target] = expectPositionals(positionals, ['<kind>/<name> or <event-id>'], 'why');
    const format = outputFormat(flags.output);
    const byObject = target.includes('/');
    if (!byObject && flags.at !== undefined) throw new UsageError('why: --at applies to <kind>/<name>, not to an event id');
    const ref = byObject ? splitKindName(target, 'why') : undefined;
    const session = ctx.connect(flags);
    let query: Query;
    if (ref) {
      const { kind, namespaced } = await historyKind(session, ref.kind);
      query = { kind, namespace: namespaced ? session.namespace : undefined, name: ref.name, at: flags.at };
    } else {
      query = { event: target };
    }
    const why = await session.client.getJson<Why>(`${HISTORY_PREFIX}/why`, query);
    ctx.out(format ? renderMachine(why, format as 'json' | 'yaml') : formatWhy(why));
  },
};
