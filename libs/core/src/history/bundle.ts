/**
 * The incident bundle: one self-contained, versioned JSON file (the state at
 * the incident's start plus its events) with a checksum, so a damaged or
 * foreign file is refused whole. The hash is a parameter: core stays free
 * of Node's crypto (the server passes sha256 from node:crypto).
 */
import { isJsonObject } from '../patch/json-value';
import { canonicalJson } from '../controllers/template-hash';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type IncidentBundle } from './types';

/** Hex SHA-256 of a UTF-8 string. */
export type Sha256Hex = (text: string) => string;

/** Everything a bundle holds except its format marks and checksum. */
export type BundleParts = Omit<IncidentBundle, 'format' | 'formatVersion' | 'checksum'>;

/** Why a file is not a bundle this chronokube can import; the message is one line for the user. */
export class InvalidBundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidBundleError';
  }
}

/** "sha256:<hex>" over the canonical JSON of every member but `checksum`. */
export function bundleChecksum(bundle: Omit<IncidentBundle, 'checksum'> & { checksum?: unknown }, sha256hex: Sha256Hex): string {
  const { checksum: _ignored, ...rest } = bundle;
  return `sha256:${sha256hex(canonicalJson(rest))}`;
}

/** The bundle file's text: the parts with format, version and checksum. Deterministic for equal parts. */
export function encodeBundle(parts: BundleParts, sha256hex: Sha256Hex): string {
  const unsigned = { format: BUNDLE_FORMAT, formatVersion: BUNDLE_FORMAT_VERSION, ...parts } as Omit<IncidentBundle, 'checksum'>;
  const bundle: IncidentBundle = { ...unsigned, checksum: bundleChecksum(unsigned, sha256hex) };
  return `${JSON.stringify(bundle, null, 1)}\n`;
}

/**
 * Parses and checks a bundle file: JSON, our format, a version we read, a
 * matching checksum, then the shape (points, snapshot, events in order
 * within (from, to]). Throws an InvalidBundleError with one clear message;
 * returns the bundle only when everything holds.
 */
export function verifyBundle(text: string, sha256hex: Sha256Hex): IncidentBundle {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidBundleError('not a chronokube incident bundle: the file is not JSON');
  }
  if (!isJsonObject(value) || value.format !== BUNDLE_FORMAT) throw new InvalidBundleError('not a chronokube incident bundle');
  if (value.formatVersion !== BUNDLE_FORMAT_VERSION) {
    throw new InvalidBundleError(`unsupported formatVersion ${JSON.stringify(value.formatVersion)}: this chronokube reads formatVersion ${BUNDLE_FORMAT_VERSION}`);
  }
  if (typeof value.checksum !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(value.checksum)) {
    throw new InvalidBundleError('checksum mismatch: the bundle has no valid checksum');
  }
  if (bundleChecksum(value as unknown as IncidentBundle, sha256hex) !== value.checksum) {
    throw new InvalidBundleError('checksum mismatch: the bundle is damaged');
  }
  checkShape(value);
  return value as unknown as IncidentBundle;
}

/** Structural checks after the checksum: a consistent file written by another tool is still refused if malformed. */
function checkShape(b: Record<string, unknown>): void {
  const fail = (what: string): never => {
    throw new InvalidBundleError(`invalid bundle: ${what}`);
  };
  const from = pointPosition(b.from) ?? fail('from is not a point');
  const to = pointPosition(b.to) ?? fail('to is not a point');
  if (to < from) fail('to is before from');
  const incident = b.incident;
  if (!isJsonObject(incident) || incident.kind !== 'Incident' || typeof incident.id !== 'string' || typeof incident.name !== 'string') {
    fail('incident is not an Incident');
  }
  if (typeof b.exportedAt !== 'string') fail('exportedAt is missing');
  const snap = b.snapshot;
  if (!isJsonObject(snap) || snap.version !== 1 || !Array.isArray(snap.objects) || !Array.isArray(snap.streams)) fail('snapshot is not a version 1 ClusterSnapshot');
  if ((snap as Record<string, unknown>).position !== from) fail('snapshot position differs from from');
  if (!Array.isArray(b.events)) return fail('events is not a list');
  let last = from;
  b.events.forEach((e, i) => {
    if (!isJsonObject(e)) return fail(`events[${i}] is not an event`);
    for (const k of ['id', 'stream', 'revision', 'type', 'time'] as const) if (typeof e[k] !== 'string') fail(`events[${i}].${k} is missing`);
    if (!isJsonObject(e.metadata)) fail(`events[${i}].metadata is missing`);
    if (typeof e.position !== 'number' || !Number.isSafeInteger(e.position) || e.position <= last || e.position > to) {
      fail(`events[${i}].position is not ascending within (${from}, ${to}]`);
    }
    if (!/^[0-9]+$/.test(e.revision as string)) fail(`events[${i}].revision is not a decimal`);
    last = e.position as number;
  });
}

function pointPosition(p: unknown): number | undefined {
  if (!isJsonObject(p) || typeof p.resourceVersion !== 'string' || !/^[0-9]+$/.test(p.resourceVersion)) return undefined;
  return Number(p.resourceVersion);
}

/** What a verified bundle holds: the answer of `kubectl chrono incident import` and of POST /incidents/import. */
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

/** A word for a POSIX shell command line: as it is when safe, else single-quoted. */
export function shellWord(word: string): string {
  return /^[\w./@:+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The summary of a bundle verifyBundle accepted, read from file `file`. */
export function summariseBundle(bundle: IncidentBundle, file: string): BundleSummary {
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
    serve: `chronokube server --replay ${shellWord(file)} --data DIR`,
  };
}
