/** What every history endpoint gets: the caller, the query, the body, the path, and the services. */
import type { IncomingMessage } from 'node:http';
import type { ApiContext } from '../api-context';
import type { UserInfo } from '../auth/token-file';
import type { PointResolver } from './point-resolver';
import type { IncidentStore } from './incident-store';

export interface HistoryRequest {
  user: UserInfo;
  q: URLSearchParams;
  /** The parsed JSON body (POST/PATCH), undefined otherwise. */
  body: unknown;
  /** Path segments after /apis/history.chronokube.io/v1/<endpoint> (e.g. the incident id). */
  params: string[];
  req: IncomingMessage;
}

export interface HistoryDeps {
  api: ApiContext;
  points: PointResolver;
  incidents: IncidentStore;
}

/** An endpoint's answer: a JSON body (code 200 unless said) and extra headers. */
export interface HistoryReply {
  code?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type HistoryEndpoint = (deps: HistoryDeps, r: HistoryRequest) => Promise<HistoryReply>;
