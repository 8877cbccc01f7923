/**
 * The incident bundle of an incident: the state at its `from` plus every
 * event in (from, to] as recorded, checksummed with Node's sha256 (core's
 * encodeBundle takes the hash as a parameter). An open incident is
 * exported up to now.
 */
import { createHash } from 'node:crypto';
import { encodeBundle, formatTime, type BundleEvent, type Incident } from '@chronokube/core';
import type { HistoryDeps } from './history-request';

/** Hex SHA-256 of a UTF-8 string (what core's bundle functions expect). */
export function sha256hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The bundle file's text. */
export async function exportBundle(d: HistoryDeps, incident: Incident): Promise<string> {
  const from = Number(incident.from.resourceVersion);
  const to = incident.to ? await d.points.resolve(incident.to.resourceVersion) : await d.points.resolve('now');
  const state = await d.api.history.stateAt(from);
  const events: BundleEvent[] = [];
  for await (const e of d.api.store.readRange(from, to.position)) {
    events.push({
      id: e.id ?? '',
      position: e.position,
      stream: e.streamId,
      revision: String(e.revision),
      type: e.type,
      time: formatTime(e.time ?? d.api.indexes.index.timeAt(e.position) ?? 0),
      data: e.data,
      metadata: e.metadata ?? {},
    });
  }
  return encodeBundle(
    { incident, exportedAt: new Date().toISOString(), from: d.api.indexes.pointRef(from), to: to.ref, snapshot: state.toSnapshot(), events },
    sha256hex,
  );
}
