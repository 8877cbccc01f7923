/**
 * Resolves the points a request names (`at`, `from`, `to`) against the
 * log: a resourceVersion as is (waiting up to 3 s when it is ahead, then
 * 504), an RFC 3339 time to the last event recorded at or before it (via
 * the time index), `now` to what the projection has applied.
 */
import { parsePoint, type PointRef } from '@chronokube/core';
import type { ProjectionService } from '../projection/projection.service';
import type { HistoryService } from './history.service';
import type { HistoryIndexService } from './history-index.service';

export interface ResolvedPoint {
  position: number;
  ref: PointRef;
  /** The time the point names: the RFC 3339 time given, else the time of the event at `position` (absent for 0). */
  ms?: number;
}

export class PointResolver {
  constructor(private readonly projection: ProjectionService, private readonly history: HistoryService, private readonly indexes: HistoryIndexService) {}

  /** The position `text` names; `fallback` when the parameter is absent. Throws 400 for a malformed point, 504 for one too far ahead. */
  async resolve(text: string | null | undefined, fallback: 'now' | number = 'now'): Promise<ResolvedPoint> {
    const point = text === null || text === undefined || text === '' ? (fallback === 'now' ? { type: 'now' as const } : { type: 'rv' as const, position: fallback }) : parsePoint(text);
    let position: number;
    switch (point.type) {
      case 'now':
        position = this.projection.state.position;
        break;
      case 'rv':
        position = point.position;
        await this.history.reach(position);
        break;
      case 'time':
        position = this.indexes.index.positionAtTime(point.ms);
        break;
    }
    const ms = point.type === 'time' ? point.ms : this.indexes.index.timeAt(position);
    return { position, ref: this.indexes.pointRef(position), ms };
  }
}
