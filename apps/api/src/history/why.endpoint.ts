/** `/why` and `/causality` (waiting for core's causeChain/causeTree/rootKind). */
import { ApiError } from '@chronokube/core';
import type { HistoryDeps, HistoryReply, HistoryRequest } from './history-request';

export async function getWhy(_d: HistoryDeps, _r: HistoryRequest): Promise<HistoryReply> {
  throw new ApiError(501, 'NotImplemented', 'why is not served yet');
}

export async function getCausality(_d: HistoryDeps, _r: HistoryRequest): Promise<HistoryReply> {
  throw new ApiError(501, 'NotImplemented', 'causality is not served yet');
}
