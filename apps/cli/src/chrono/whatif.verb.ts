import * as yaml from 'js-yaml';
import { CliError, UsageError } from '../errors';
import { HISTORY_PREFIX, type KubeObject, type WhatIf } from './contract';
import { expectPositionals, GLOBAL_HELP, outputFormat, parseVerbArgs, renderMachine, type Verb } from './verb';
import { formatWhatIf } from './whatif.format';

const FLAGS = {
  at: { kind: 'string' },
  profile: { kind: 'string' },
  'add-node': { kind: 'string' },
  'remove-node': { kind: 'string' },
} as const;

/** `kubectl chrono whatif`: the scheduler re-run over a past state with another profile or nodes. */
export const whatifVerb: Verb = {
  name: 'whatif',
  summary: 'where pods would have gone with another scheduler profile or other nodes',
  usage: () => [
    'Usage: kubectl chrono whatif --at <point> [--profile FILE] [--add-node FILE] [--remove-node N,...] [flags]',
    '',
    'Re-runs the scheduler over the cluster at <point> with another profile (the',
    'shape of `chronokube server --scheduler-config`: filters, scores and weights,',
    'scoringStrategy) and/or other nodes, and lists which placements would differ',
    'and why. Deterministic: the same input always gives the same answer.',
    '',
    'Examples:',
    '  kubectl chrono whatif --at now --profile most-allocated.yaml',
    '  kubectl chrono whatif --at 4711 --add-node big-node.yaml',
    '',
    'Flags:',
    '  --at P                    the point to re-schedule (required)',
    '  --profile FILE            scheduler profile, YAML or JSON',
    '  --add-node FILE           Node object(s) to add: one, a List, or several YAML documents',
    '  --remove-node N[,N...]    node names to leave out',
    '',
    GLOBAL_HELP,
    '',
  ].join('\n'),

  async run(argv, ctx) {
    const { flags, positionals } = parseVerbArgs(argv, FLAGS, 'whatif');
    expectPositionals(positionals, [], 'whatif');
    const format = outputFormat(flags.output);
    if (flags.at === undefined) throw new UsageError("whatif: --at is required (see 'kubectl chrono whatif --help')");
    if (flags.profile === undefined && flags['add-node'] === undefined && flags['remove-node'] === undefined) {
      throw new UsageError('whatif: nothing to compare; give --profile, --add-node or --remove-node');
    }
    const body = {
      at: flags.at,
      profile: flags.profile === undefined ? undefined : readDocument(ctx.readFile(flags.profile), flags.profile),
      addNodes: flags['add-node'] === undefined ? undefined : readNodes(ctx.readFile(flags['add-node']), flags['add-node']),
      removeNodes: flags['remove-node']?.split(',').map((s) => s.trim()).filter(Boolean),
    };
    const result = await ctx.connect(flags).client.sendJson<WhatIf>('POST', `${HISTORY_PREFIX}/whatif`, body);
    ctx.out(format ? renderMachine(result, format as 'json' | 'yaml') : formatWhatIf(result));
  },
};

/** One YAML or JSON document (a profile); the server validates its fields. */
export function readDocument(text: string, file: string): unknown {
  try {
    return yaml.load(text, { schema: yaml.JSON_SCHEMA });
  } catch (err) {
    throw new CliError(`${file} is not valid YAML or JSON: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** Nodes from a file: one Node, a List of them, or several YAML documents. */
export function readNodes(text: string, file: string): KubeObject[] {
  let docs: unknown[];
  try {
    docs = yaml.loadAll(text, { schema: yaml.JSON_SCHEMA }) as unknown[];
  } catch (err) {
    throw new CliError(`${file} is not valid YAML or JSON: ${(err as Error).message.split('\n')[0]}`);
  }
  const nodes = docs
    .filter((d) => d !== null && d !== undefined)
    .flatMap((d) => ((d as { kind?: string }).kind?.endsWith('List') ? ((d as { items?: unknown[] }).items ?? []) : [d])) as KubeObject[];
  if (nodes.length === 0) throw new CliError(`${file} holds no Node`);
  const other = nodes.find((n) => n?.kind !== 'Node' || !n.metadata?.name);
  if (other) throw new CliError(`${file}: every object must be a Node with metadata.name (found kind ${String(other?.kind)})`);
  return nodes;
}
