/** Who is writing and how: carried by every command into its events' metadata. */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { EventMetadata } from '@chronokube/core';
import type { UserInfo } from '../auth/token-file';

export interface RequestContext {
  user: UserInfo;
  verb: string;
  userAgent?: string;
  /** The request's remote address (audit: "from where"); absent for in-process components. */
  sourceIP?: string;
  /** kube's audit sourceIPs when the request names forwarded addresses (see {@link sourceIpsOf}). */
  sourceIPs?: string[];
  /** The request's path and query as sent (audit); absent for in-process components. */
  requestURI?: string;
  /** One per user action; components pass it on to what they cause. */
  correlationId: string;
  /** The request (or event) that directly caused this write. */
  causationId: string;
  reason?: string;
  /** dryRun=All: decide and answer, append nothing. */
  dryRun: boolean;
  fieldManager?: string;
  now: Date;
  /** Extra facts for the events' metadata (e.g. the scheduler's decision). */
  details?: Record<string, unknown>;
}

/** The metadata stored with every event of a write. */
export function eventMetadata(ctx: RequestContext): EventMetadata {
  const meta: EventMetadata = {
    actor: ctx.user.name,
    actorUid: ctx.user.uid,
    verb: ctx.verb,
    correlationId: ctx.correlationId,
    causationId: ctx.causationId,
  };
  if (ctx.userAgent) meta.userAgent = ctx.userAgent;
  if (ctx.sourceIP) meta.sourceIP = ctx.sourceIP;
  if (ctx.sourceIPs) meta.sourceIPs = ctx.sourceIPs;
  // Audit answers "with which groups" and "which request" for allowed writes too (only requests that came over HTTP carry them).
  if (ctx.requestURI) {
    meta.requestURI = ctx.requestURI;
    if (ctx.user.groups.length) meta.groups = ctx.user.groups;
  }
  if (ctx.reason) meta.reason = ctx.reason;
  if (ctx.details) Object.assign(meta, ctx.details);
  return meta;
}

/** The remote address of a request, IPv4-mapped IPv6 shown as plain IPv4 (as kube's audit log does). */
export function sourceIpOf(req: IncomingMessage): string | undefined {
  const address = req.socket?.remoteAddress;
  return address?.startsWith('::ffff:') ? address.slice(7) : address;
}

const plainIp = (address: string): string => (address.startsWith('::ffff:') ? address.slice(7) : address);

/**
 * kube's audit sourceIPs (k8s.io/apiserver utilnet.SourceIPs): the
 * X-Forwarded-For addresses in order, then X-Real-Ip unless already
 * listed, then the remote address unless it equals the last one. Only when
 * a forwarding header named an address: otherwise undefined (sourceIP says
 * it all). Entries that are not IP addresses are left out.
 */
export function sourceIpsOf(req: IncomingMessage): string[] | undefined {
  const header = (name: string): string => {
    const v = req.headers[name];
    return (Array.isArray(v) ? v.join(',') : v) ?? '';
  };
  const ips = header('x-forwarded-for').split(',').map((s) => s.trim()).filter((s) => isIP(s) !== 0).map(plainIp);
  const real = header('x-real-ip').trim();
  if (isIP(real) !== 0 && !ips.includes(plainIp(real))) ips.push(plainIp(real));
  if (ips.length === 0) return undefined;
  const remote = sourceIpOf(req);
  if (remote && ips[ips.length - 1] !== remote) ips.push(remote);
  return ips;
}
