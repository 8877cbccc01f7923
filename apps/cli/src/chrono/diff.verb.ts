import { HISTORY_PREFIX, type ClusterDiff } from './contract';
import { formatDiff } from './diff.format';
import type { Query } from './http-client';
import { historyKind } from './kinds';
import { expectPositionals, GLOBAL_HELP, outputFormat, parseVerbArgs, renderMachine, type Session, type Verb } from './verb';

const FLAGS = {
  kind: { kind: 'string' },
  selector: { kind: 'string', short: 'l' },
} as const;

/** `kubectl chrono diff <from> <to>`: what was added, removed and changed between two points. */
export const diffVerb: Verb = {
  name: 'diff',
  summary: 'objects added, removed and changed between two points',
  usage: () => [
    'Usage: kubectl chrono diff <from> <to> [--kind K] [-n NS] [-l SEL] [flags]',
    '',
    'Compares the cluster at two points (resourceVersions, RFC 3339 times or "now")',
    'and lists added (+), removed (-) and changed (~) objects, each change as its',
    'field paths with old → new values. The whole cluster unless narrowed.',
    '',
    'Examples:',
    '  kubectl chrono diff 2026-12-05T03:00:00Z now -n demo',
    '  kubectl chrono diff 4711 4790 --kind deployments,configmaps -l app=web',
    '',
    'Flags:',
    '  --kind K[,K...]           only these kinds (pods, deploy, ConfigMap, ...)',
    '  -n, --namespace NS        only this namespace',
    '  -l, --selector SEL        only objects matching this label selector',
    '',
    GLOBAL_HELP,
    '',
  ].join('\n'),

  async run(argv, ctx) {
    const { flags, positionals } = parseVerbArgs(argv, FLAGS, 'diff');
    const [from, to] = expectPositionals(positionals, ['<from>', '<to>'], 'diff');
    const format = outputFormat(flags.output);
    const session = ctx.connect(flags);
    const query: Query = { from, to, namespace: flags.namespace, labelSelector: flags.selector, kinds: await kindList(session, flags.kind) };
    const diff = await session.client.getJson<ClusterDiff>(`${HISTORY_PREFIX}/diff`, query);
    ctx.out(format ? renderMachine(diff, format as 'json' | 'yaml') : formatDiff(diff, ctx.paint));
  },
};

/** `--kind a,b` as the history API's `kinds` (Kind names, resolved through discovery). */
export async function kindList(session: Session, text: string | undefined): Promise<string | undefined> {
  if (text === undefined) return undefined;
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  const kinds = await Promise.all(names.map(async (n) => (await historyKind(session, n)).kind));
  return kinds.join(',');
}
