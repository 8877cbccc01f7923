/**
 * `kubectl chrono incident import FILE`: checks a bundle the way
 * `chronokube server --replay` will (core's verifyBundle: format, version,
 * checksum, shape) and says what it holds and how to serve it. A bundle is
 * served as a read-only cluster, never merged into a live one, so nothing
 * is sent to the server here.
 */
import { createHash } from 'node:crypto';
import { CliError, oneLine } from '../errors';
import { formatPoint } from './values';

/** What a verified bundle holds, as `-o json|yaml` prints it. */
export interface BundleSummary {
  kind: 'IncidentBundleSummary';
  file: string;
  incident: { id: string; name: string; tags: string[]; notes: string };
  from: { resourceVersion: string; time?: string };
  to: { resourceVersion: string; time?: string };
  /** Events in (from, to]. */
  events: number;
  /** Objects in the state at `from`. */
  objectsAtStart: number;
  /** Distinct streams (objects, incidents) the events touch. */
  objectsChanged: number;
  checksum: string;
  /** The command line that serves the bundle read-only. */
  serve: string;
}

const sha256hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Verifies the bundle text and summarises it. A damaged or foreign file is
 * one CliError line (exit 1) with verifyBundle's reason.
 */
export async function summariseBundle(file: string, text: string): Promise<BundleSummary> {
  // Core is loaded only here: the plugin compiles what it loads on every start.
  const { verifyBundle } = await import('@chronokube/core');
  let bundle;
  try {
    bundle = verifyBundle(text, sha256hex);
  } catch (err) {
    throw new CliError(`cannot import ${file}: ${oneLine(err)}`, 1);
  }
  const { incident } = bundle;
  return {
    kind: 'IncidentBundleSummary',
    file,
    incident: { id: incident.id, name: incident.name, tags: incident.tags ?? [], notes: incident.notes ?? '' },
    from: bundle.from,
    to: bundle.to,
    events: bundle.events.length,
    objectsAtStart: bundle.snapshot.objects.length,
    objectsChanged: new Set(bundle.events.map((e) => e.stream)).size,
    checksum: bundle.checksum,
    serve: `chronokube server --replay ${shellQuote(file)} --data DIR`,
  };
}

/** The human summary: a few lines, then the command that serves the bundle. */
export function formatBundleSummary(s: BundleSummary): string {
  const tags = s.incident.tags.length ? ` [${s.incident.tags.join(',')}]` : '';
  return [
    `Incident "${s.incident.name}" (id ${s.incident.id})${tags}: bundle verified (${s.checksum.slice(0, 19)}…)`,
    `  range:   ${formatPoint(s.from)} → ${formatPoint(s.to)}`,
    `  events:  ${s.events} on ${s.objectsChanged} object${s.objectsChanged === 1 ? '' : 's'}`,
    `  objects: ${s.objectsAtStart} at the start`,
    'Serve it read-only (standard and history API, writes refused) with:',
    `  ${s.serve}`,
    '',
  ].join('\n');
}

/** A file name as one shell word: bare when safe, else single-quoted. */
export function shellQuote(word: string): string {
  return /^[\w./@:+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
