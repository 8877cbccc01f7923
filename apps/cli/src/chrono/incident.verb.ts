import path from 'node:path';
import { CliError, UsageError } from '../errors';
import { HISTORY_PREFIX, type Incident, type IncidentList } from './contract';
import { formatIncidentLine, formatIncidents, pickIncident } from './incident.format';
import { formatBundleSummary, verifyBundleFile } from './incident-import';
import { expectPositionals, GLOBAL_HELP, outputFormat, parseVerbArgs, renderMachine, type Session, type Verb, type VerbContext } from './verb';

const SUB_FLAGS = {
  start: { notes: { kind: 'string' }, tag: { kind: 'string' }, from: { kind: 'string' } },
  stop: { notes: { kind: 'string' }, to: { kind: 'string' } },
  list: {},
  export: { filename: { kind: 'string', short: 'f' } },
  import: {},
} as const;

type Sub = keyof typeof SUB_FLAGS;
const SUBS = Object.keys(SUB_FLAGS) as Sub[];

const USAGE: Record<Sub | 'all', string[]> = {
  all: [
    'Usage: kubectl chrono incident (start|stop|list|export|import) [args] [flags]',
    '',
    'An incident is a named time range of the log with notes and tags. Export one as',
    'a bundle file (the state at its start plus its events, versioned and checksummed)',
    'and serve it anywhere, read-only, with `chronokube server --replay FILE`.',
    '',
    'Commands:',
    '  start <name> [--notes T] [--tag T,...] [--from P]   open an incident (from now by default)',
    '  stop <id|name> [--notes T] [--to P]                 close it (at now by default)',
    '  list                                                every incident',
    '  export <id|name> [-f FILE]                          write its bundle (-f - for stdout)',
    '  import FILE                                         verify a bundle and show how to serve it',
  ],
  start: ['Usage: kubectl chrono incident start <name> [--notes TEXT] [--tag T[,T...]] [--from P]', '', 'Opens an incident from point P (default now).'],
  stop: ['Usage: kubectl chrono incident stop <id|name> [--notes TEXT] [--to P]', '', 'Closes an open incident at point P (default now).'],
  list: ['Usage: kubectl chrono incident list', '', 'Lists incidents; TO is "open" while one runs.'],
  export: [
    'Usage: kubectl chrono incident export <id|name> [-f FILE]',
    '',
    'Writes the incident\'s bundle to FILE (default: the server\'s name for it,',
    'incident-<name>.chronokube.json, in the current directory; "-" for stdout).',
  ],
  import: [
    'Usage: kubectl chrono incident import FILE',
    '',
    'Verifies FILE as `chronokube server --replay` will (format, version, checksum,',
    'shape) and prints what it holds: the incident, its range of resourceVersions',
    'and times, its events and objects. A bundle is served, not merged into a live',
    'cluster: the last line is the command that serves it read-only',
    '(`chronokube server --replay FILE --data DIR`). Nothing is sent to the server.',
    'A damaged or foreign file is one line on stderr and exit code 1.',
  ],
};

/** `kubectl chrono incident ...`: named time ranges, exported as bundles. */
export const incidentVerb: Verb = {
  name: 'incident',
  summary: 'start, stop, list, export and import incidents',
  usage(rest) {
    const sub = SUBS.find((s) => s === rest[0]);
    return [...USAGE[sub ?? 'all'], '', GLOBAL_HELP, ''].join('\n');
  },

  async run(argv, ctx) {
    const [subText, ...rest] = argv;
    const sub = SUBS.find((s) => s === subText);
    if (!sub) {
      const got = subText === undefined ? 'nothing' : `'${subText}'`;
      throw new UsageError(`incident: expected start, stop, list, export or import, got ${got} (see 'kubectl chrono incident --help')`);
    }
    const command = `incident ${sub}`;
    const { flags, positionals } = parseVerbArgs(rest, SUB_FLAGS[sub], command);
    const format = outputFormat(flags.output);
    const emit = (value: unknown, human: string) => ctx.out(format ? renderMachine(value, format as 'json' | 'yaml') : human);
    const f = flags as unknown as Record<string, string | undefined>;

    if (sub === 'import') {
      const [file] = expectPositionals(positionals, ['FILE'], command);
      const summary = await verifyBundleFile(file, ctx.readFile(file));
      emit(summary, formatBundleSummary(summary));
      return;
    }
    if (sub === 'list') {
      expectPositionals(positionals, [], command);
      const list = await ctx.connect(flags).client.getJson<IncidentList>(`${HISTORY_PREFIX}/incidents`);
      emit(list, formatIncidents(list));
      return;
    }
    const [target] = expectPositionals(positionals, [sub === 'start' ? '<name>' : '<id|name>'], command);
    const session = ctx.connect(flags);
    if (sub === 'start') {
      const tags = f.tag?.split(',').map((t) => t.trim()).filter(Boolean);
      const body = { name: target, notes: f.notes, tags, from: f.from };
      const incident = await session.client.sendJson<Incident>('POST', `${HISTORY_PREFIX}/incidents`, body);
      emit(incident, formatIncidentLine(incident, 'started'));
      return;
    }
    const incident = await findIncident(session, target);
    if (sub === 'stop') {
      const stopped = await session.client.sendJson<Incident>('POST', `${HISTORY_PREFIX}/incidents/${encodeURIComponent(incident.id)}/stop`, { to: f.to, notes: f.notes });
      emit(stopped, formatIncidentLine(stopped, 'stopped'));
      return;
    }
    await exportBundle(session, ctx, incident, f.filename);
  },
};

async function findIncident(session: Session, idOrName: string): Promise<Incident> {
  const list = await session.client.getJson<IncidentList>(`${HISTORY_PREFIX}/incidents`);
  const found = pickIncident(list, idOrName);
  if (!found) throw new CliError(`incident "${idOrName}" not found (see 'kubectl chrono incident list')`);
  return found;
}

async function exportBundle(session: Session, ctx: VerbContext, incident: Incident, file: string | undefined): Promise<void> {
  const res = await session.client.getRaw(`${HISTORY_PREFIX}/incidents/${encodeURIComponent(incident.id)}/export`);
  if (file === '-') {
    ctx.out(res.body.toString('utf8'));
    return;
  }
  const target = file ?? attachmentName(res.headers['content-disposition']) ?? `incident-${incident.name}.chronokube.json`;
  ctx.writeFile(target, res.body);
  ctx.out(`incident "${incident.name}" exported to ${target} (${bundleSummary(res.body)})\n`);
}

/** The file name of a Content-Disposition header, reduced to a base name so a server cannot pick a directory. */
export function attachmentName(header: string | undefined): string | undefined {
  const m = header ? /filename="?([^";]+)"?/.exec(header) : null;
  const name = m ? path.basename(m[1]) : undefined;
  return name && name !== '.' && name !== '..' ? name : undefined;
}

/** `12 events, rv 100 → 180` from a bundle's own fields; its size when it does not parse. */
export function bundleSummary(body: Buffer): string {
  try {
    const b = JSON.parse(body.toString('utf8')) as { events?: unknown[]; from?: { resourceVersion?: string }; to?: { resourceVersion?: string } };
    return `${b.events?.length ?? 0} events, rv ${b.from?.resourceVersion ?? '?'} → ${b.to?.resourceVersion ?? '?'}`;
  } catch {
    return `${body.length} bytes`;
  }
}
