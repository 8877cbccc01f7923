/** `POST /whatif` (waiting for core's whatIf). */
import { ApiError } from '@chronokube/core';
import type { HistoryDeps, HistoryReply, HistoryRequest } from './history-request';

export async function postWhatIf(_d: HistoryDeps, _r: HistoryRequest): Promise<HistoryReply> {
  throw new ApiError(501, 'NotImplemented', 'whatif is not served yet');
}
