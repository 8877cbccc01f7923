/** The incident bundle of an incident (waiting for core's encodeBundle). */
import { ApiError, type Incident } from '@chronokube/core';
import type { HistoryDeps } from './history-request';

export async function exportBundle(_d: HistoryDeps, _incident: Incident): Promise<unknown> {
  throw new ApiError(501, 'NotImplemented', 'export is not served yet');
}
