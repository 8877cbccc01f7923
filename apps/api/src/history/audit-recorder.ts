/**
 * Audit of refused requests: a 401 or 403 on any request, and any other 4xx
 * on a write, becomes a `RequestRefused` event in the day's `audit-<date>`
 * stream, never an object stream, so folding the cluster never sees it.
 * Recording is fire-and-forget (the refusal is already answered) and a
 * failed append is logged, never audited itself.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApiError, type AuditEntry, type DomainEvent } from '@chronokube/core';
import type { UserInfo } from '../auth/token-file';
import { sourceIpOf, sourceIpsOf } from '../commands/request-context';
import type { EventLog } from '../store/event-log';
import { parseRequestPath } from '../http/request-info';

/** What the handler learnt about a request before it failed (filled as it goes). */
export interface RequestFacts {
  user?: UserInfo;
  verb?: string;
  resource?: string;
  apiGroup?: string;
  namespace?: string;
  name?: string;
}

export type RefusedEntry = Omit<AuditEntry, 'id' | 'time'>;

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** kube's verb for a method when the path did not say more. */
function methodVerb(method: string): string {
  return { GET: 'get', HEAD: 'get', POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' }[method] ?? method.toLowerCase();
}

/**
 * Fills in what the path addresses when the request failed before the
 * handler parsed it (a 401 comes first), as kube's audit records the
 * object of an unauthenticated request too. Best effort: a malformed
 * path leaves the facts as they are.
 */
export function describeRequest(req: IncomingMessage & { originalUrl?: string }, facts: RequestFacts): void {
  try {
    const url = new URL(req.originalUrl ?? req.url ?? '/', 'http://localhost');
    const watch = url.searchParams.get('watch');
    const target = parseRequestPath((req.method ?? 'GET').toUpperCase(), url.pathname, watch === 'true' || watch === '1');
    if (target.type === 'resource') {
      facts.verb ??= target.verb;
      facts.resource = target.subresource ? `${target.resource.plural}/${target.subresource}` : target.resource.plural;
      facts.apiGroup = target.resource.group || undefined;
      facts.namespace = target.namespace;
      facts.name = target.name;
    } else if (target.type === 'unknown') {
      facts.resource = target.plural;
      facts.apiGroup = target.group || undefined;
    }
  } catch {
    // the entry keeps the request URI, which says it all
  }
}

/** The audit entry of a refused request, or undefined when the outcome is not audited (success, 5xx, a 4xx read other than 401/403). */
export function refusedEntry(req: IncomingMessage & { originalUrl?: string }, facts: RequestFacts, err: unknown): RefusedEntry | undefined {
  if (!(err instanceof ApiError)) return undefined;
  const code = err.code;
  const method = (req.method ?? 'GET').toUpperCase();
  const denied = code === 401 || code === 403;
  if (code < 400 || code >= 500 || (!denied && READ_METHODS.has(method))) return undefined;
  if (facts.resource === undefined) describeRequest(req, facts);
  const header = req.headers['user-agent'];
  const entry: RefusedEntry = {
    user: facts.user?.name ?? 'system:anonymous',
    groups: facts.user?.groups ?? ['system:unauthenticated'],
    verb: facts.verb ?? methodVerb(method),
    resource: facts.resource ?? '',
    requestURI: req.originalUrl ?? req.url ?? '/',
    code,
    result: denied ? 'denied' : 'rejected',
    reason: err.reason,
    message: err.message,
  };
  const userAgent = Array.isArray(header) ? header[0] : header;
  if (userAgent) entry.userAgent = userAgent;
  const ip = sourceIpOf(req);
  if (ip) entry.sourceIP = ip;
  const ips = sourceIpsOf(req);
  if (ips) entry.sourceIPs = ips;
  if (facts.apiGroup) entry.apiGroup = facts.apiGroup;
  if (facts.namespace) entry.namespace = facts.namespace;
  if (facts.name) entry.name = facts.name;
  return entry;
}

/** `audit-YYYY-MM-DD` of the UTC day of `now`. */
export function auditStream(now: Date): string {
  return `audit-${now.toISOString().slice(0, 10)}`;
}

export class AuditRecorder {
  /** Off for a replayed incident: nothing may be appended there. */
  enabled = true;

  constructor(private readonly log: EventLog, private readonly warn: (message: string) => void = (m) => process.stderr.write(m + '\n')) {}

  /** Records the request if its refusal is audited; never throws, never waits. */
  refused(req: IncomingMessage, facts: RequestFacts, err: unknown): void {
    if (!this.enabled) return;
    const entry = refusedEntry(req, facts, err);
    if (!entry) return;
    // The stored event type is kind + suffix (see eventType), so the audit fact passes through the same append as every event.
    const event = { kind: 'RequestRefused', suffix: '', data: entry } as unknown as DomainEvent;
    const id = randomUUID();
    const metadata = { actor: 'system:apiserver', verb: 'create', correlationId: id, causationId: id, reason: 'audit' };
    this.log.append(auditStream(new Date()), [event], 'any', metadata).catch((e: Error) => {
      this.warn(`chronokube api: could not record the refused request ${entry.verb} ${entry.requestURI} (${entry.code}) by ${entry.user}: ${e.message}`);
    });
  }
}
