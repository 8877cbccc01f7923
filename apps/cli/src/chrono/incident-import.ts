/**
 * `kubectl chrono incident import FILE`: checks a bundle the way
 * `chronokube server --replay` will (core's verifyBundle: format, version,
 * checksum, shape) and says what it holds and how to serve it. A bundle is
 * served as a read-only cluster, never merged into a live one, so nothing
 * is sent to the server here.
 */
import { createHash } from 'node:crypto';
import { CliError, oneLine } from '../errors';
import type { BundleSummary } from '@chronokube/core';
import { formatPoint } from './values';

export type { BundleSummary };

const sha256hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Verifies the bundle text and summarises it. A damaged or foreign file is
 * one CliError line (exit 1) with verifyBundle's reason.
 */
export async function verifyBundleFile(file: string, text: string): Promise<BundleSummary> {
  // Core is loaded only here: the plugin compiles what it loads on every start.
  const { verifyBundle, summariseBundle } = await import('@chronokube/core');
  let bundle;
  try {
    bundle = verifyBundle(text, sha256hex);
  } catch (err) {
    throw new CliError(`cannot import ${file}: ${oneLine(err)}`, 1);
  }
  return summariseBundle(bundle, file);
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

