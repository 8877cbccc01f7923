import { HISTORY_PREFIX, type ObjectTimeline } from './contract';
import { formatHistory } from './history.format';
import { historyKind } from './kinds';
import { expectPositionals, GLOBAL_HELP, outputFormat, parseVerbArgs, renderMachine, splitKindName, type Verb } from './verb';

/** `kubectl chrono history <kind>/<name>`: every version of one object. */
export const historyVerb: Verb = {
  name: 'history',
  summary: 'every version of one object: who changed what, when',
  usage: () => [
    'Usage: kubectl chrono history <kind>/<name> [flags]',
    '',
    'Lists every version of an object, oldest first, across delete and re-create of',
    'the same name: the event, who did it with which verb, and the fields it changed.',
    '-o yaml shows each version in full with its JSON patch.',
    '',
    'Examples:',
    '  kubectl chrono history configmap/web-config -n demo',
    '  kubectl chrono history deploy/web -o yaml',
    '',
    GLOBAL_HELP,
    '',
  ].join('\n'),

  async run(argv, ctx) {
    const { flags, positionals } = parseVerbArgs(argv, {}, 'history');
    const [target] = expectPositionals(positionals, ['<kind>/<name>'], 'history');
    const { kind: kindText, name } = splitKindName(target, 'history');
    const format = outputFormat(flags.output);
    const session = ctx.connect(flags);
    const { kind, namespaced } = await historyKind(session, kindText);
    const timeline = await session.client.getJson<ObjectTimeline>(`${HISTORY_PREFIX}/timeline`, {
      kind,
      namespace: namespaced ? session.namespace : undefined,
      name,
    });
    ctx.out(format ? renderMachine(timeline, format as 'json' | 'yaml') : formatHistory(timeline));
  },
};
